import { ActionIcon, Badge, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Medicine } from '../../../contracts/pharmacy';
import { useFormat } from '../../lib/format';
import { priceLine, ratePercent } from '../../lib/pricing';
import { medicineName } from './medicine';

export interface SaleLine {
  medicine: Medicine;
  quantity: number | string;
}

/** The counter sale being put together: one row per medicine, quantity, price and line total. */
export function SaleLines({
  lines,
  onQuantity,
  onRemove,
}: {
  lines: SaleLine[];
  onQuantity: (id: string, q: number | string) => void;
  onRemove: (id: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack
      gap="xs"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('counterSale.lines')}
    >
      {lines.map(({ medicine: m, quantity }) => {
        const q = Number(quantity) || 0;
        const amounts = priceLine({ quantity: q, unitPriceMinor: m.salePriceMinor, taxRateBp: m.taxRateBp });
        const short = q > m.stock.availableInPharmacy;
        return (
          <Paper key={m.id} component="li" withBorder p="sm" data-testid="sale-line">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {medicineName(m)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('counterSale.unitPrice', {
                    price: f.money(m.salePriceMinor, m.currency),
                    unit: m.dispensingUnit,
                    rate: ratePercent(m.taxRateBp),
                  })}
                </Text>
                {m.prescriptionOnly && (
                  <Badge size="xs" color="grape" variant="outline" mt={4}>
                    {t('medicine.rxOnly')}
                  </Badge>
                )}
              </div>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('counterSale.remove', { name: medicineName(m) })}
                onClick={() => onRemove(m.id)}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
            <Group justify="space-between" align="flex-end" mt="xs" gap="xs">
              <NumberInput
                label={t('counterSale.quantity')}
                description={t('medicine.available', { count: m.stock.availableInPharmacy })}
                value={quantity}
                onChange={(v) => onQuantity(m.id, v)}
                min={1}
                max={m.stock.availableInPharmacy}
                allowDecimal={false}
                allowNegative={false}
                w={140}
                error={short ? t('counterSale.notEnough') : null}
              />
              <Text size="sm" fw={600} data-testid="line-total">
                {f.money(amounts.totalMinor, m.currency)}
              </Text>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
