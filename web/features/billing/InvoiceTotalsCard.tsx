import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../contracts/billing';
import { useFormat } from '../../lib/format';
import { AmountsTable } from './AmountsTable';

/** What the invoice comes to, what was paid and credited, what is still owed, and tax by rate. */
export function InvoiceTotalsCard({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const f = useFormat();
  const issued = invoice.status === 'final' || invoice.status === 'cancelled';
  const rows = [
    { label: t('invoice.gross'), minor: invoice.grossMinor },
    ...(invoice.discountMinor ? [{ label: t('invoice.discountTotal'), minor: -invoice.discountMinor }] : []),
    { label: t('invoice.net'), minor: invoice.netMinor },
    { label: t('invoice.tax'), minor: invoice.taxMinor },
    { label: t('invoice.total'), minor: invoice.totalMinor, strong: true, testId: 'invoice-total' },
    ...(issued
      ? [
          { label: t('invoice.paidAmount'), minor: invoice.paidMinor, testId: 'invoice-paid-amount' },
          { label: t('invoice.credited'), minor: invoice.creditedMinor },
          {
            label: t('invoice.balance'),
            minor: invoice.balanceMinor,
            strong: true,
            testId: 'invoice-balance',
          },
        ]
      : []),
  ];
  return (
    <Card>
      <Title order={2} fz="h4" mb="sm">
        {t('invoice.totals')}
      </Title>
      <Stack>
        <AmountsTable rows={rows} currency={invoice.currency} caption={t('invoice.totals')} />
        {invoice.taxBreakdown.length > 0 && (
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('invoice.taxBreakdown')}
            </Text>
            <Table verticalSpacing={4} fz="sm" aria-label={t('invoice.taxBreakdown')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('invoice.taxRate')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('invoice.taxable')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('invoice.tax')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoice.taxBreakdown.map((r) => (
                  <Table.Tr key={r.taxRateBp}>
                    <Table.Td>{t('invoice.percent', { value: f.number(r.taxRateBp / 100) })}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {f.money(r.netMinor, invoice.currency)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {f.money(r.taxMinor, invoice.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Stack>
    </Card>
  );
}
