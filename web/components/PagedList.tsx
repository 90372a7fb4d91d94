import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable, TableEmpty, TablePager, type Column } from './DataTable';
import { LoadError } from './LoadError';
import { TableSkeleton } from './Skeletons';

/** A list's filters and page in the address (so a reload or a shared link shows the same). */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  /** Sets one filter (null or '' clears it); any change but the page's goes back to page 1. */
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  return { params, page, set };
}

/**
 * A page of a list the server pages: a skeleton while it loads, the error with a retry, then the
 * table (a card each on a phone) or its empty state, and the pager.
 */
export function PagedList<T extends { id: string }>({
  query,
  columns,
  caption,
  page,
  pageSize,
  onPage,
  empty,
  skeletonRows,
}: {
  query: {
    isPending: boolean;
    isError: boolean;
    isFetching: boolean;
    error: unknown;
    data: { items: T[]; total: number } | undefined;
    refetch: () => unknown;
  };
  columns: Column<T>[];
  caption: string;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** What an empty page says, and what it offers to do (e.g. a link to add the first one). */
  empty: { icon: ReactNode; title: string; description?: string; action?: ReactNode };
  /** Rows of the loading skeleton (a short list inside a card wants fewer). */
  skeletonRows?: number;
}) {
  if (query.isPending) return <TableSkeleton rows={skeletonRows} />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return null;
  return (
    <div aria-live="polite" aria-busy={query.isFetching}>
      <DataTable
        caption={caption}
        columns={columns}
        rows={query.data.items}
        rowKey={(r) => r.id}
        empty={
          <TableEmpty>
            <EmptyState
              icon={empty.icon}
              withIndicatorBackground
              title={empty.title}
              description={empty.description}
            >
              {empty.action && <EmptyState.Actions>{empty.action}</EmptyState.Actions>}
            </EmptyState>
          </TableEmpty>
        }
      />
      <TablePager page={page} pageSize={pageSize} total={query.data.total} onChange={onPage} />
    </div>
  );
}
