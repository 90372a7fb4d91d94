import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable, TableEmpty, TablePager, type Column, type useClientTable } from './DataTable';
import { LoadError } from './LoadError';
import { TableSkeleton } from './Skeletons';

interface ClientTableProps<T> {
  /** The query behind the list: its loading and error states are shown here. */
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: T[] | undefined;
    refetch: () => unknown;
  };
  /** Search, sort and paging state from useClientTable over the same rows. */
  table: ReturnType<typeof useClientTable<T>>;
  columns: Column<T>[];
  caption: string;
  rowKey: (row: T) => string;
  skeletonRows?: number;
  empty: { icon: ReactNode; title: string; description: string };
}

/**
 * A list the API returns whole, shown the one way every admin page shows it: a skeleton while it
 * loads, the error with a retry, then the sortable table (or its empty state) and the pager.
 */
export function ClientTable<T>({
  query,
  table,
  columns,
  caption,
  rowKey,
  skeletonRows,
  empty,
}: ClientTableProps<T>) {
  if (query.isPending) return <TableSkeleton rows={skeletonRows} />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return null;
  return (
    <>
      <DataTable
        caption={caption}
        columns={columns}
        rows={table.pageRows}
        rowKey={rowKey}
        sort={table.sort}
        onSort={table.setSort}
        empty={
          <TableEmpty>
            <EmptyState
              icon={empty.icon}
              withIndicatorBackground
              title={empty.title}
              description={empty.description}
            />
          </TableEmpty>
        }
      />
      <TablePager page={table.page} pageSize={table.pageSize} total={table.total} onChange={table.setPage} />
    </>
  );
}
