import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Amounts } from '../../lib/pricing';
import { useFormat } from '../../lib/format';

/** Net, tax and total of a sale or an order, right-aligned like a receipt. */
export function TotalsTable({ totals, currency }: { totals: Amounts; currency: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const row = (label: string, minor: number, strong = false, testId?: string) => (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={strong ? 700 : undefined}>
          {label}
        </Text>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" fw={strong ? 700 : undefined} data-testid={testId}>
          {f.money(minor, currency)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Table withRowBorders={false} verticalSpacing={4} maw={360} ml="auto" aria-label={t('totals.caption')}>
      <Table.Tbody>
        {row(t('totals.net'), totals.netMinor)}
        {row(t('totals.tax'), totals.taxMinor)}
        {row(t('totals.total'), totals.totalMinor, true, 'total')}
      </Table.Tbody>
    </Table>
  );
}
