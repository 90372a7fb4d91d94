import { Table, Text } from '@mantine/core';
import { useFormat } from '../../lib/format';

export interface AmountRow {
  label: string;
  minor: number;
  strong?: boolean;
  testId?: string;
}

/** Figures of a bill, right-aligned like a receipt (TotalsTable's layout, with any rows). */
export function AmountsTable({
  rows,
  currency,
  caption,
}: {
  rows: AmountRow[];
  currency: string;
  caption: string;
}) {
  const f = useFormat();
  return (
    <Table withRowBorders={false} verticalSpacing={4} maw={360} ml="auto" aria-label={caption}>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.label}>
            <Table.Td>
              <Text size="sm" fw={r.strong ? 700 : undefined}>
                {r.label}
              </Text>
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              <Text size="sm" fw={r.strong ? 700 : undefined} data-testid={r.testId}>
                {f.money(r.minor, currency)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
