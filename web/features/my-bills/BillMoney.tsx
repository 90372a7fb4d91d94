import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../contracts/billing';
import { useFormat } from '../../lib/format';
import { PdfButton } from '../billing/PaymentsCard';

const num = { ta: 'right' as const, style: { whiteSpace: 'nowrap' as const } };

/** The bill's tax by rate, and the payments and credit notes made against it. */
export function BillMoney({ bill }: { bill: Invoice }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (minor: number) => f.money(minor, bill.currency);
  return (
    <Stack>
      {bill.taxBreakdown.length > 0 && (
        <Card>
          <Title order={2} fz="h4" mb="xs">
            {t('myBills.taxBreakdown')}
          </Title>
          <Table fz="sm" verticalSpacing={4} horizontalSpacing="xs" data-testid="tax-breakdown">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('myBills.taxRate')}</Table.Th>
                <Table.Th scope="col" {...num}>
                  {t('myBills.taxable')}
                </Table.Th>
                <Table.Th scope="col" {...num}>
                  {t('myBills.taxAmount')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {bill.taxBreakdown.map((r) => (
                <Table.Tr key={r.taxRateBp}>
                  <Table.Td>{t('priceList.percent', { value: f.number(r.taxRateBp / 100) })}</Table.Td>
                  <Table.Td {...num}>{money(r.netMinor)}</Table.Td>
                  <Table.Td {...num}>{money(r.taxMinor)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <Card data-testid="bill-payments">
        <Title order={2} fz="h4" mb="xs">
          {t('myBills.payments')}
        </Title>
        {bill.payments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('myBills.noPayments')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {bill.payments.map((p) => (
              <li key={p.id}>
                <Text size="sm" fw={500} span>
                  {money(p.appliedMinor)} · {t(`payment.methods.${p.method}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('myBills.receipt')} {p.number} · {f.dateTime(p.receivedAt)}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Card>
      {bill.creditNotes.length > 0 && (
        <Card data-testid="bill-credit-notes">
          <Title order={2} fz="h4" mb="xs">
            {t('myBills.creditNotes')}
          </Title>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {bill.creditNotes.map((c) => (
              <li key={c.id}>
                <Text size="sm" fw={500} span>
                  {money(-c.amountMinor)} · {c.number}
                </Text>
                <Text size="xs" c="dimmed">
                  {f.date(c.issuedOn)} · {c.reason}
                </Text>
                {c.refundMinor > 0 && c.refundMethod && (
                  <Text size="xs" c="dimmed">
                    {t('myBills.refunded', {
                      amount: money(c.refundMinor),
                      method: t(`payment.methods.${c.refundMethod}`),
                    })}
                  </Text>
                )}
                <PdfButton
                  path={`/api/billing/mine/credit-notes/${c.id}/pdf`}
                  label={t('creditNote.pdf', { number: c.number })}
                />
              </li>
            ))}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
