import { Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invoice, InvoiceLine } from '../../../contracts/billing';
import { DataTable, type Column } from '../../components/DataTable';
import { useFormat } from '../../lib/format';

/** One label and amount of the bill's totals; the last ones stand out. */
function TotalRow({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Group>
  );
}

/** What the bill charges, line by line, and its totals down to what is still to pay. */
export function BillLines({ bill }: { bill: Invoice }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (minor: number) => f.money(minor, bill.currency);
  const percent = (bp: number) => t('priceList.percent', { value: f.number(bp / 100) });

  const columns: Column<InvoiceLine>[] = [
    {
      key: 'item',
      header: t('myBills.item'),
      cell: (l) => (
        <Stack gap={0}>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {l.description}
          </Text>
          {l.discount && (
            <Text size="xs" c="dimmed">
              {t('myBills.discountReason', { reason: l.discount.reason })}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: 'quantity', header: t('myBills.quantity'), cell: (l) => f.number(l.quantity), nowrap: true },
    { key: 'unitPrice', header: t('myBills.unitPrice'), cell: (l) => money(l.unitPriceMinor), nowrap: true },
    {
      key: 'discount',
      header: t('myBills.discount'),
      cell: (l) => (l.discountMinor ? money(-l.discountMinor) : '—'),
      nowrap: true,
      visibleFrom: 'sm',
    },
    {
      key: 'tax',
      header: t('myBills.tax'),
      cell: (l) => percent(l.taxRateBp),
      nowrap: true,
      visibleFrom: 'sm',
    },
    {
      key: 'amount',
      header: t('myBills.amount'),
      cell: (l) => (
        <Text size="sm" fw={600} span>
          {money(l.totalMinor)}
        </Text>
      ),
      nowrap: true,
    },
  ];

  return (
    <Card>
      <Stack>
        <Title order={2} fz="h4">
          {t('myBills.lines')}
        </Title>
        <DataTable
          caption={t('myBills.lines')}
          columns={columns}
          rows={bill.lines}
          rowKey={(l) => l.id}
          empty={null}
        />
        <Stack gap={4} maw={360} w="100%" ml="auto" data-testid="bill-totals">
          <TotalRow label={t('myBills.totals.gross')} value={money(bill.grossMinor)} />
          {bill.discountMinor > 0 && (
            <TotalRow label={t('myBills.totals.discount')} value={money(-bill.discountMinor)} />
          )}
          <TotalRow label={t('myBills.totals.net')} value={money(bill.netMinor)} />
          <TotalRow label={t('myBills.totals.tax')} value={money(bill.taxMinor)} />
          <TotalRow label={t('myBills.totals.total')} value={money(bill.totalMinor)} strong />
          <Divider my={4} />
          {bill.creditedMinor > 0 && (
            <TotalRow label={t('myBills.totals.credited')} value={money(-bill.creditedMinor)} />
          )}
          <TotalRow label={t('myBills.totals.paid')} value={money(-bill.paidMinor)} />
          <TotalRow label={t('myBills.totals.balance')} value={money(bill.balanceMinor)} strong />
        </Stack>
      </Stack>
    </Card>
  );
}
