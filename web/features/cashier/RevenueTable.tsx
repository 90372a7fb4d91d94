import { EmptyState, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RevenueReport } from '../../../contracts/billing-reports';
import { DataTable, TableEmpty, TablePager, useClientTable, type Column } from '../../components/DataTable';
import { useFormat } from '../../lib/format';
import { rowLabel, type RowLabels } from './revenue';

type Row = { key: string; label: string; total: boolean } & RevenueReport['total'];

/** The report's rows (sortable, paged in the browser) with the totals as the last row of each page. */
export function RevenueTable({ report, labels }: { report: RevenueReport; labels: RowLabels }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { by, measure, currency } = report;
  const money = (minor: number | null) => (minor === null ? '—' : f.money(minor, currency));
  const strong = (r: Row, text: string) => (
    <Text size="sm" fw={r.total ? 700 : undefined} span>
      {text}
    </Text>
  );
  const rows: Row[] = report.rows.map((r) => ({
    ...r,
    key: r.key ?? '',
    label: rowLabel(by, r, labels),
    total: false,
  }));
  const columns: Column<Row>[] = [
    {
      key: 'label',
      header: t(`revenue.groupings.${by}`),
      cell: (r) => strong(r, r.label),
      // Days sort by their date, the rest by name.
      sortValue: (r) => (by === 'day' ? r.key : r.label),
    },
    {
      key: 'count',
      header: t(`revenue.count.${measure}`),
      cell: (r) => strong(r, f.number(r.count)),
      sortValue: (r) => r.count,
      nowrap: true,
    },
    {
      key: 'amount',
      header: t(`revenue.amount.${measure}`),
      cell: (r) => strong(r, money(r.amountMinor)),
      sortValue: (r) => r.amountMinor,
      nowrap: true,
    },
    {
      key: 'less',
      header: t(`revenue.less.${measure}`),
      cell: (r) => strong(r, money(r.lessMinor)),
      sortValue: (r) => r.lessMinor,
      nowrap: true,
    },
    {
      key: 'net',
      header: t('revenue.net'),
      cell: (r) => strong(r, money(r.netMinor)),
      sortValue: (r) => r.netMinor,
      nowrap: true,
    },
    ...(measure === 'invoiced'
      ? [
          {
            key: 'tax',
            header: t('revenue.tax'),
            cell: (r: Row) => strong(r, money(r.taxMinor)),
            sortValue: (r: Row) => r.taxMinor ?? 0,
            nowrap: true,
          },
        ]
      : []),
  ];
  const table = useClientTable(rows, {
    columns,
    matches: () => true,
    initialSort: { key: by === 'day' ? 'label' : 'net', direction: by === 'day' ? 'asc' : 'desc' },
    pageSize: 31,
  });
  const total: Row = { ...report.total, key: 'total', label: t('revenue.total'), total: true };

  return (
    <div data-testid="revenue-table">
      <DataTable
        caption={t('revenue.title')}
        columns={columns}
        rows={rows.length ? [...table.pageRows, total] : []}
        rowKey={(r) => (r.total ? '__total' : r.key || '__none')}
        sort={table.sort}
        onSort={table.setSort}
        empty={
          <TableEmpty>
            <EmptyState
              icon={<IconChartBar size={28} aria-hidden />}
              withIndicatorBackground
              title={t('revenue.emptyTitle')}
              description={t('revenue.emptyBody')}
            />
          </TableEmpty>
        }
      />
      <TablePager page={table.page} pageSize={table.pageSize} total={table.total} onChange={table.setPage} />
    </div>
  );
}
