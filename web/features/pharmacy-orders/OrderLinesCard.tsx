import { Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { useFormat } from '../../lib/format';
import { ratePercent } from '../../lib/pricing';
import { PicksList } from '../dispensing/PicksList';
import { TotalsTable } from '../dispensing/TotalsTable';

/**
 * An order's items with the prices charged and its totals. The pharmacist also sees the batches:
 * set aside while the order waits, taken once it is dispensed.
 */
export function OrderLinesCard({ order, withPicks }: { order: PharmacyOrder; withPicks?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const currency = order.totals.currency;
  const dispensed = order.status === 'ready' || order.status === 'completed';
  return (
    <Card>
      <Title order={2} fz="h4" mb="sm">
        {t('orders.items')}
      </Title>
      <Stack gap="xs">
        {order.lines.map((l) => (
          <Paper key={l.medicineId} withBorder p="sm" data-testid="order-line">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {l.medicineName}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('orders.lineMath', {
                    quantity: f.number(l.quantity),
                    price: f.money(l.unitPriceMinor, currency),
                    rate: ratePercent(l.taxRateBp),
                    tax: f.money(l.taxMinor, currency),
                  })}
                </Text>
              </div>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {f.money(l.totalMinor, currency)}
              </Text>
            </Group>
            {withPicks && l.picks.length > 0 && (
              <Stack gap={2} mt="xs">
                <Text size="xs" fw={500} c={dispensed ? 'teal' : 'dimmed'}>
                  {dispensed ? t('orders.picksTaken') : t('orders.picksHeld')}
                </Text>
                <PicksList picks={l.picks} />
              </Stack>
            )}
          </Paper>
        ))}
        <TotalsTable totals={order.totals} currency={currency} />
      </Stack>
    </Card>
  );
}
