import { Alert, Button, Card, Group, NumberInput, Progress, Stack, Text, TextInput } from '@mantine/core';
import { IconDeviceFloppy, IconEye, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockTake } from '../../../contracts/stock-control';
import { DataTable, TablePager, useClientTable, type Column } from '../../components/DataTable';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { put } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { batchColumns } from './batch-columns';
import { errorMessage, notifySuccess } from '../../lib/forms';
import { stockTakeKey } from './queries';
import { countedLines, countsToSave, type Edits, type StockTakeLine } from './stock-take';

/**
 * The blind count: every batch of the store with a field for what is on the shelf, and no
 * expected quantity to lean on. Counts are saved in batches of edits; the review comes after.
 */
export function CountingView({ take, onReview }: { take: StockTake; onReview: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [edits, setEdits] = useState<Edits>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = countsToSave(take.lines, edits);
  const counted = countedLines(take.lines, edits);

  const columns: Column<StockTakeLine>[] = [
    ...batchColumns(t),
    {
      key: 'expiry',
      header: t('batches.expiry'),
      nowrap: true,
      sortValue: (l) => l.expiryDate,
      cell: (l) => <Text size="sm">{f.date(l.expiryDate)}</Text>,
    },
    {
      key: 'counted',
      header: t('stockTake.counted'),
      cell: (l) => (
        <NumberInput
          size="xs"
          w={110}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          aria-label={t('stockTake.countFor', { medicine: l.medicineName, batch: l.batchNumber })}
          value={edits[l.batchId] ?? l.counted ?? ''}
          onChange={(v) => setEdits((e) => ({ ...e, [l.batchId]: v }))}
          data-testid={`count-${l.batchNumber}`}
        />
      ),
    },
  ];
  const table = useClientTable(take.lines, {
    columns,
    matches: (l, q) => l.medicineName.toLowerCase().includes(q) || l.batchNumber.toLowerCase().includes(q),
    initialSort: { key: 'medicine', direction: 'asc' },
    pageSize: 25,
  });

  const save = async (): Promise<boolean> => {
    if (pending.length === 0) return true;
    setBusy(true);
    setError(null);
    try {
      const saved = await put<StockTake>(`/api/stock-takes/${take.id}/counts`, { lines: pending });
      client.setQueryData(stockTakeKey(take.id, false), saved);
      await client.invalidateQueries({ queryKey: ['stock-takes'], exact: false, refetchType: 'none' });
      setEdits({});
      notifySuccess(t('stockTake.saved', { count: pending.length }));
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Card>
        <Group justify="space-between" gap="sm" mb="xs">
          <Text size="sm" fw={500} data-testid="count-progress">
            {t('stockTake.countedOf', { counted: f.number(counted), total: f.number(take.lines.length) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('stockTake.blindHint')}
          </Text>
        </Group>
        <Progress value={take.lines.length ? (100 * counted) / take.lines.length : 0} aria-hidden />
      </Card>
      <Card>
        <Stack>
          <TextInput
            label={t('stockTake.find')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={table.query}
            onChange={(e) => table.setQuery(e.currentTarget.value)}
          />
          <DataTable
            caption={t('stockTake.linesCaption')}
            columns={columns}
            rows={table.pageRows}
            rowKey={(l) => l.batchId}
            sort={table.sort}
            onSort={table.setSort}
            empty={<Text c="dimmed">{t('stockTake.noLines')}</Text>}
          />
          <TablePager
            page={table.page}
            pageSize={table.pageSize}
            total={table.total}
            onChange={table.setPage}
          />
        </Stack>
      </Card>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={() => void save()}
          loading={busy}
          disabled={pending.length === 0}
          leftSection={<IconDeviceFloppy size={16} aria-hidden />}
        >
          {t('stockTake.save', { count: pending.length })}
        </Button>
        <Button
          onClick={() => void save().then((ok) => ok && onReview())}
          loading={busy}
          leftSection={<IconEye size={16} aria-hidden />}
        >
          {t('stockTake.review')}
        </Button>
      </Group>
      <UnsavedChangesGuard when={pending.length > 0 && !busy} />
    </Stack>
  );
}
