import { Alert, Button, Card, Checkbox, Group, Stack, Text } from '@mantine/core';
import { IconArrowBack } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockTake } from '../../../contracts/stock-control';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable, TablePager, useClientTable, type Column } from '../../components/DataTable';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { batchColumns } from './batch-columns';
import { notifySuccess } from '../../lib/forms';
import { refreshStock } from '../inventory/queries';
import { differences, type StockTakeLine } from './stock-take';

function Difference({ n }: { n: number | null }) {
  const f = useFormat();
  if (n === null) return <Text size="sm">—</Text>;
  if (n === 0)
    return (
      <Text size="sm" c="dimmed">
        0
      </Text>
    );
  return (
    <Text size="sm" fw={600} c={n > 0 ? 'teal' : 'red'}>
      {n > 0 ? '+' : '−'}
      {f.number(Math.abs(n))}
    </Text>
  );
}

/**
 * Counted against expected, once counting is done: what posting would adjust. A count still in
 * progress can go back to counting, be posted, or be cancelled; a finished one is shown as it ended.
 */
export function ReviewView({ take, onBack }: { take: StockTake; onBack: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [onlyDifferences, setOnlyDifferences] = useState(take.status === 'counting');
  const d = differences(take.lines);
  const open = take.status === 'counting';

  const columns: Column<StockTakeLine>[] = [
    ...batchColumns(t),
    {
      key: 'expected',
      header: t('stockTake.expected'),
      nowrap: true,
      sortValue: (l) => l.expected,
      cell: (l) => <Text size="sm">{l.expected === null ? '—' : f.number(l.expected)}</Text>,
    },
    {
      key: 'counted',
      header: t('stockTake.counted'),
      nowrap: true,
      sortValue: (l) => l.counted,
      cell: (l) =>
        l.counted === null ? (
          <Text size="sm" c="orange">
            {t('stockTake.notCounted')}
          </Text>
        ) : (
          <Text size="sm">{f.number(l.counted)}</Text>
        ),
    },
    {
      key: 'difference',
      header: t('stockTake.difference'),
      nowrap: true,
      sortValue: (l) => l.difference,
      cell: (l) => <Difference n={l.difference} />,
    },
  ];
  const rows = onlyDifferences
    ? take.lines.filter((l) => l.counted === null || (l.difference ?? 0) !== 0)
    : take.lines;
  const table = useClientTable(rows, {
    columns,
    matches: (l, q) => l.medicineName.toLowerCase().includes(q) || l.batchNumber.toLowerCase().includes(q),
    initialSort: { key: 'medicine', direction: 'asc' },
    pageSize: 25,
  });

  const act = async (action: 'post' | 'cancel') => {
    await post(`/api/stock-takes/${take.id}/${action}`);
    await refreshStock(client);
    notifySuccess(
      action === 'post' ? t('stockTake.postedDone', { count: d.lines }) : t('stockTake.cancelledDone'),
    );
  };

  return (
    <Stack>
      <Alert
        color={d.lines === 0 ? 'teal' : 'yellow'}
        title={t('stockTake.summaryTitle')}
        data-testid="review-summary"
      >
        <Text size="sm">
          {d.lines === 0
            ? t('stockTake.noDifferences')
            : t('stockTake.differencesSummary', {
                count: d.lines,
                over: f.number(d.over),
                short: f.number(d.short),
              })}
        </Text>
        {d.uncounted > 0 && (
          <Text size="sm" mt={4}>
            {t('stockTake.uncountedWarning', { count: d.uncounted })}
          </Text>
        )}
      </Alert>
      <Card>
        <Stack>
          <Checkbox
            label={t('stockTake.onlyDifferences')}
            checked={onlyDifferences}
            onChange={(e) => setOnlyDifferences(e.currentTarget.checked)}
          />
          <DataTable
            caption={t('stockTake.reviewCaption')}
            columns={columns}
            rows={table.pageRows}
            rowKey={(l) => l.batchId}
            sort={table.sort}
            onSort={table.setSort}
            empty={
              <Text c="dimmed">
                {onlyDifferences ? t('stockTake.noDifferences') : t('stockTake.noLines')}
              </Text>
            }
          />
          <TablePager
            page={table.page}
            pageSize={table.pageSize}
            total={table.total}
            onChange={table.setPage}
          />
        </Stack>
      </Card>
      {open && (
        <Group justify="space-between">
          <Group gap="xs">
            <Button variant="default" onClick={onBack} leftSection={<IconArrowBack size={16} aria-hidden />}>
              {t('stockTake.backToCounting')}
            </Button>
            <ConfirmButton
              variant="subtle"
              color="red"
              title={t('stockTake.cancelTitle')}
              message={t('stockTake.cancelMessage')}
              confirmLabel={t('stockTake.cancel')}
              destructive
              onConfirm={() => act('cancel')}
            >
              {t('stockTake.cancel')}
            </ConfirmButton>
          </Group>
          <ConfirmButton
            title={t('stockTake.postTitle')}
            message={
              d.lines === 0
                ? t('stockTake.postMessageNone')
                : t('stockTake.postMessage', {
                    count: d.lines,
                    over: f.number(d.over),
                    short: f.number(d.short),
                  })
            }
            confirmLabel={t('stockTake.post')}
            onConfirm={() => act('post')}
          >
            {t('stockTake.post')}
          </ConfirmButton>
        </Group>
      )}
    </Stack>
  );
}
