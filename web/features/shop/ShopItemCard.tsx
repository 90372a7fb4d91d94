import { Badge, Button, Card, Group, NumberInput, Stack, Text } from '@mantine/core';
import { IconShoppingCartPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopItem } from '../../../contracts/pharmacy-orders';
import { useFormat } from '../../lib/format';
import { ratePercent } from '../../lib/pricing';

const AVAILABILITY_COLOR = { in_stock: 'teal', low: 'orange', out_of_stock: 'red' } as const;

/** One medicine in the shop: what it is, its price, whether it can be had, and adding it to the cart. */
export function ShopItemCard({
  item,
  inCart,
  onAdd,
}: {
  item: ShopItem;
  /** How many are in the cart already. */
  inCart: number;
  onAdd: (quantity: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [qty, setQty] = useState<number | string>(1);
  const room = Math.max(0, item.maxQuantity - inCart);
  const q = Number(qty);
  const valid = Number.isInteger(q) && q >= 1 && q <= room;
  const title = `${item.genericName} ${item.strength}`;

  return (
    <Card withBorder padding="md" data-testid="shop-item" component="article" aria-label={title}>
      <Stack gap="xs" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {title}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {[item.brandName, t(`medicineForms.${item.form}`)].filter(Boolean).join(' · ')}
            </Text>
          </div>
          <Badge
            color={AVAILABILITY_COLOR[item.availability]}
            variant="light"
            tt="none"
            style={{ flexShrink: 0 }}
          >
            {t(`shop.availability.${item.availability}`)}
          </Badge>
        </Group>
        {item.prescriptionOnly && (
          <Badge color="grape" variant="outline" tt="none" style={{ alignSelf: 'flex-start' }}>
            {t('shop.prescriptionNeeded')}
          </Badge>
        )}
        <div style={{ marginTop: 'auto' }}>
          <Text size="lg" fw={700}>
            {f.money(item.unitPriceMinor, item.currency)}
            <Text span size="xs" c="dimmed" fw={400}>
              {' '}
              {t('shop.perUnit', { unit: item.dispensingUnit })}
            </Text>
          </Text>
          <Text size="xs" c="dimmed">
            {item.taxRateBp > 0 ? t('shop.plusTax', { rate: ratePercent(item.taxRateBp) }) : t('shop.noTax')}
          </Text>
        </div>
        {inCart > 0 && (
          <Text size="xs" c="teal" fw={500}>
            {t('shop.inCart', { count: inCart })}
          </Text>
        )}
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <NumberInput
            aria-label={t('shop.quantityOf', { name: title })}
            value={qty}
            onChange={setQty}
            min={1}
            max={Math.max(1, room)}
            allowDecimal={false}
            allowNegative={false}
            disabled={room === 0}
            w={84}
          />
          <Button
            flex={1}
            leftSection={<IconShoppingCartPlus size={16} aria-hidden />}
            disabled={!valid}
            onClick={() => {
              onAdd(q);
              setQty(1);
            }}
            aria-label={room > 0 ? t('shop.addNamed', { name: title }) : undefined}
          >
            {item.availability === 'out_of_stock'
              ? t('shop.outOfStock')
              : room === 0
                ? t('shop.limitReached')
                : t('shop.add')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
