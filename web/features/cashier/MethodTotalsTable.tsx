import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodTotal } from '../../../contracts/billing-reports';
import { useFormat } from '../../lib/format';

/** A cashier's day by method: money in, money out and net, with their totals. Small enough for a phone. */
export function MethodTotalsTable({ rows, currency }: { rows: MethodTotal[]; currency: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (minor: number) => f.money(minor, currency);
  // Paid out shows as a minus, except nothing (never "-₹0.00").
  const out = (minor: number) => money(minor ? -minor : 0);
  const sum = (k: 'inMinor' | 'outMinor' | 'netMinor') => rows.reduce((s, r) => s + r[k], 0);
  // Amounts stay on one line; the headers above them may wrap, so the table fits a phone.
  const num = { ta: 'right' as const, style: { whiteSpace: 'nowrap' as const } };
  const head = { ta: 'right' as const };
  return (
    <Table.ScrollContainer minWidth={0}>
      <Table
        fz={{ base: 'xs', sm: 'sm' }}
        verticalSpacing={6}
        horizontalSpacing={6}
        data-testid="cash-by-method"
      >
        <caption
          style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        >
          {t('cashClosing.recordedTitle')}
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cashClosing.method')}</Table.Th>
            <Table.Th scope="col" {...head}>
              {t('cashClosing.moneyIn')}
            </Table.Th>
            <Table.Th scope="col" {...head}>
              {t('cashClosing.moneyOut')}
            </Table.Th>
            <Table.Th scope="col" {...head}>
              {t('cashClosing.net')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.method} c={r.inMinor === 0 && r.outMinor === 0 ? 'dimmed' : undefined}>
              <Table.Th scope="row" fw={500}>
                {t(`payment.methods.${r.method}`)}
              </Table.Th>
              <Table.Td {...num}>{money(r.inMinor)}</Table.Td>
              <Table.Td {...num}>{out(r.outMinor)}</Table.Td>
              <Table.Td {...num}>{money(r.netMinor)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('cashClosing.total')}</Table.Th>
            <Table.Th {...num}>{money(sum('inMinor'))}</Table.Th>
            <Table.Th {...num}>{out(sum('outMinor'))}</Table.Th>
            <Table.Th {...num}>
              <Text fw={700} size="sm" span>
                {money(sum('netMinor'))}
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
