import { Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Sale } from '../../../contracts/dispensing';
import { useFormat } from '../../lib/format';
import { PharmacyBill } from './PharmacyBill';
import { PicksList } from './PicksList';
import { TotalsTable } from './TotalsTable';

/** The sale as the server recorded it: its prices, totals and the batches to hand over. */
export function SaleReceipt({
  sale,
  patientName,
  onNew,
}: {
  sale: Sale;
  patientName?: string;
  /** Offered right after a sale: start the next one. */
  onNew?: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card data-testid="sale-receipt" p={onNew ? undefined : 0}>
      <Stack>
        <Group justify="space-between" gap="xs">
          <div>
            <Title order={2} fz="h4">
              {t('counterSale.doneTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {f.dateTime(sale.soldAt)}
              {sale.soldByName ? ` · ${sale.soldByName}` : ''}
              {patientName ? ` · ${patientName}` : ''}
            </Text>
          </div>
          {onNew && (
            <Button onClick={onNew} leftSection={<IconPlus size={16} aria-hidden />} autoFocus>
              {t('counterSale.new')}
            </Button>
          )}
        </Group>
        {sale.lines.map((l) => (
          <Paper key={l.medicineId} withBorder p="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {l.medicineName}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('counterSale.lineMath', {
                    quantity: f.number(l.quantity),
                    price: f.money(l.unitPriceMinor, sale.totals.currency),
                    tax: f.money(l.taxMinor, sale.totals.currency),
                  })}
                </Text>
              </div>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {f.money(l.totalMinor, sale.totals.currency)}
              </Text>
            </Group>
            <PicksList picks={l.picks} />
          </Paper>
        ))}
        <TotalsTable totals={sale.totals} currency={sale.totals.currency} />
        <PharmacyBill sourceId={sale.id} />
      </Stack>
    </Card>
  );
}
