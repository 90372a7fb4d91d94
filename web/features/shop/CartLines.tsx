import { ActionIcon, Badge, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { priceLine, ratePercent } from '../../lib/pricing';
import type { CartLine } from './cart';

/** The cart's items, each with its quantity (never above what can be had) and its sum worked out. */
export function CartLines({
  lines,
  onQuantity,
  onRemove,
}: {
  lines: readonly CartLine[];
  onQuantity: (id: string, quantity: number) => void;
  onRemove: (id: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('cart.items')}>
      {lines.map(({ item, quantity }) => {
        const a = priceLine({ quantity, unitPriceMinor: item.unitPriceMinor, taxRateBp: item.taxRateBp });
        const money = (m: number) => f.money(m, item.currency);
        const name = `${item.genericName} ${item.strength}`;
        return (
          <Paper key={item.id} component="li" withBorder p="sm" data-testid="cart-line">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {name}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[item.brandName, t(`medicineForms.${item.form}`)].filter(Boolean).join(' · ')}
                </Text>
                {item.prescriptionOnly && (
                  <Badge color="grape" variant="outline" tt="none" size="sm" mt={4}>
                    {t('shop.prescriptionNeeded')}
                  </Badge>
                )}
              </div>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('cart.remove', { name })}
                onClick={() => onRemove(item.id)}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
            <Group justify="space-between" align="flex-end" mt="xs" gap="xs" wrap="wrap">
              <NumberInput
                label={t('cart.quantity')}
                description={t('cart.atMost', { count: item.maxQuantity })}
                value={quantity}
                onChange={(v) => {
                  const n = Number(v);
                  if (v !== '' && Number.isFinite(n)) onQuantity(item.id, n);
                }}
                min={1}
                max={item.maxQuantity}
                clampBehavior="strict"
                allowDecimal={false}
                allowNegative={false}
                w={130}
              />
              <div style={{ textAlign: 'right', minWidth: 0 }}>
                <Text size="xs" c="dimmed" data-testid="line-math">
                  {t('cart.net', { quantity, price: money(item.unitPriceMinor), net: money(a.netMinor) })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('cart.tax', { rate: ratePercent(item.taxRateBp), tax: money(a.taxMinor) })}
                </Text>
                <Text size="sm" fw={700}>
                  {money(a.totalMinor)}
                </Text>
              </div>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
