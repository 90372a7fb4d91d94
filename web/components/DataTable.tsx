import {
  ActionIcon,
  Box,
  Center,
  Group,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  UnstyledButton,
  type MantineBreakpoint,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  /** `actions` by convention for the column of buttons (shown last, full width, on phones). */
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The value a client-side sort orders by; columns without it (and without `sortable`) do not sort. */
  sortValue?: (row: T) => string | number | null;
  /** For server-sorted tables: the column sorts, the server does the ordering. */
  sortable?: boolean;
  /** Hide the column on narrow screens below this breakpoint. */
  visibleFrom?: MantineBreakpoint;
  /** Keep the cell on one line (dates, codes, badges): the table takes the room from wrapping columns. */
  nowrap?: boolean;
  /** A number: right-aligned in the table, so the digits line up. */
  numeric?: boolean;
  /** On phones, the field takes the card's whole width instead of half (a long text, a list). */
  wide?: boolean;
}

export interface SortState {
  key: string;
  direction: 'asc' | 'desc';
}

interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Read by screen readers: what the table lists. */
  caption: string;
  sort?: SortState | null;
  onSort?: (sort: SortState) => void;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Cells start at the top of their row, for rows whose cells run to several lines each. */
  alignTop?: boolean;
}

/**
 * A Mantine table with sortable headers (aria-sort), narrow-screen column hiding and an empty
 * state. On phones each row becomes a card, so nothing is squeezed or cut off at 375 px.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, rowKey, caption, sort, onSort, empty, alignTop } = props;
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  if (rows.length === 0) return <>{empty}</>;
  if (phone) return <CardList {...props} />;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped={false} highlightOnHover>
        <caption
          style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        >
          {caption}
        </caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => {
              const sortable = !!onSort && (c.sortable || !!c.sortValue);
              const active = sort?.key === c.key ? sort.direction : null;
              const Icon =
                active === 'asc'
                  ? IconSortAscending
                  : active === 'desc'
                    ? IconSortDescending
                    : IconArrowsSort;
              return (
                <Table.Th
                  key={c.key}
                  visibleFrom={c.visibleFrom}
                  ta={c.numeric ? 'right' : undefined}
                  aria-sort={active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : undefined}
                  scope="col"
                >
                  {sortable ? (
                    <UnstyledButton
                      onClick={() => onSort({ key: c.key, direction: active === 'asc' ? 'desc' : 'asc' })}
                      aria-label={t('table.sortBy', { column: c.header })}
                      style={{ font: 'inherit', display: 'inline-flex', alignItems: 'center', gap: 4 }}
                    >
                      {c.header}
                      <Icon size={14} aria-hidden opacity={active ? 1 : 0.5} />
                    </UnstyledButton>
                  ) : (
                    c.header
                  )}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} data-testid="data-row">
              {columns.map((c) => (
                <Table.Td
                  key={c.key}
                  visibleFrom={c.visibleFrom}
                  ta={c.numeric ? 'right' : undefined}
                  style={{
                    whiteSpace: c.nowrap ? 'nowrap' : undefined,
                    verticalAlign: alignTop ? 'top' : undefined,
                  }}
                >
                  {c.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The phone layout: one card per row, the first column as its title, the actions at the bottom. */
function CardList<T>({ columns, rows, rowKey, caption, sort, onSort }: DataTableProps<T>) {
  const { t } = useTranslation();
  const [title, ...rest] = columns;
  const fields = rest.filter((c) => c.key !== 'actions');
  const actions = rest.find((c) => c.key === 'actions');
  const sortable = onSort ? columns.filter((c) => c.sortable || c.sortValue) : [];
  return (
    <Stack gap="sm">
      {sort && onSort && sortable.length > 0 && (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            label={t('table.sortLabel')}
            data={sortable.map((c) => ({ value: c.key, label: c.header }))}
            value={sort.key}
            onChange={(key) => key && onSort({ key, direction: sort.direction })}
            allowDeselect={false}
            size="xs"
            style={{ flex: 1 }}
          />
          <ActionIcon
            variant="default"
            size="lg"
            onClick={() => onSort({ key: sort.key, direction: sort.direction === 'asc' ? 'desc' : 'asc' })}
            aria-label={sort.direction === 'asc' ? t('table.ascending') : t('table.descending')}
          >
            {sort.direction === 'asc' ? (
              <IconSortAscending size={16} aria-hidden />
            ) : (
              <IconSortDescending size={16} aria-hidden />
            )}
          </ActionIcon>
        </Group>
      )}
      <Stack gap="sm" component="ul" aria-label={caption} p={0} m={0} style={{ listStyle: 'none' }}>
        {rows.map((row) => (
          <Paper key={rowKey(row)} component="li" withBorder p="sm" data-testid="data-row">
            {title && <Box mb={fields.length ? 'xs' : 0}>{title.cell(row)}</Box>}
            {fields.length > 0 && (
              <SimpleGrid cols={2} spacing="xs" verticalSpacing={8}>
                {fields.map((c) => (
                  <div key={c.key} style={{ minWidth: 0, gridColumn: c.wide ? '1 / -1' : undefined }}>
                    <Text size="xs" c="dimmed">
                      {c.header}
                    </Text>
                    <Box fz="sm">{c.cell(row)}</Box>
                  </div>
                ))}
              </SimpleGrid>
            )}
            {actions && <Box mt="sm">{actions.cell(row)}</Box>}
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

/** "1–20 of 135" and page buttons; hidden when everything fits on one page. */
export function TablePager({
  page,
  pageSize,
  total,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" gap="xs">
      <Text size="sm" c="dimmed">
        {t('table.range', { from, to, total })}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={onChange}
          size="sm"
          siblings={0}
          getControlProps={(control) => ({
            'aria-label':
              control === 'previous' ? t('table.previous') : control === 'next' ? t('table.next') : undefined,
          })}
          getItemProps={(p) => ({ 'aria-label': t('table.page', { page: p }) })}
        />
      )}
    </Group>
  );
}

/** Search, sorting and paging done in the browser, for lists the API returns whole. */
export function useClientTable<T>(
  rows: T[] | undefined,
  opts: {
    columns: Column<T>[];
    matches: (row: T, query: string) => boolean;
    initialSort?: SortState;
    pageSize?: number;
  },
) {
  const pageSize = opts.pageSize ?? 10;
  const [query, setQueryState] = useState('');
  const [sort, setSortState] = useState<SortState | null>(opts.initialSort ?? null);
  const [page, setPage] = useState(1);
  const { columns, matches } = opts;

  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = (rows ?? []).filter((r) => !q || matches(r, q));
    const col = sort && columns.find((c) => c.key === sort.key);
    if (sort && col?.sortValue) {
      const value = col.sortValue;
      const dir = sort.direction === 'asc' ? 1 : -1;
      list.sort((a, b) => {
        const x = value(a);
        const y = value(b);
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        return (typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : x < y ? -1 : 1) * dir;
      });
    }
    return list;
  }, [rows, query, sort, columns, matches]);

  const pages = Math.max(1, Math.ceil(filtered.length / pageSize));
  const current = Math.min(page, pages);
  return {
    query,
    setQuery: (q: string) => {
      setQueryState(q);
      setPage(1);
    },
    sort,
    setSort: (s: SortState) => {
      setSortState(s);
      setPage(1);
    },
    page: current,
    setPage,
    pageSize,
    total: filtered.length,
    pageRows: filtered.slice((current - 1) * pageSize, current * pageSize),
  };
}

/** The empty state inside a table area. */
export function TableEmpty({ children }: { children: ReactNode }) {
  return <Center py="xl">{children}</Center>;
}
