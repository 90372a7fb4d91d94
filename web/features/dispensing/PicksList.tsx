import { Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Pick } from '../../../contracts/pharmacy';
import { useFormat } from '../../lib/format';

/**
 * The batches a dispense, sale or issue took, first expiry first: what the pharmacist takes off
 * the shelf. Compact rows so it fits under a line on a phone.
 */
export function PicksList({ picks, unit }: { picks: readonly Pick[]; unit?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (picks.length === 0) return null;
  return (
    <Table
      withRowBorders={false}
      verticalSpacing={2}
      horizontalSpacing="xs"
      fz="xs"
      data-testid="picks"
      aria-label={t('picks.caption')}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th fw={500} c="dimmed">
            {t('picks.batch')}
          </Table.Th>
          <Table.Th fw={500} c="dimmed">
            {t('picks.expiry')}
          </Table.Th>
          <Table.Th fw={500} c="dimmed" ta="right">
            {t('picks.quantity')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {picks.map((p) => (
          <Table.Tr key={p.batchId} data-testid="pick">
            <Table.Td>
              <Text span ff="monospace" size="xs" style={{ overflowWrap: 'anywhere' }}>
                {p.batchNumber}
              </Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.date(p.expiryDate)}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                {f.number(p.quantity)}
                {unit && (
                  <Text span size="xs" c="dimmed">
                    {unit}
                  </Text>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
