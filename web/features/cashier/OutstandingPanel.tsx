import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconReceiptOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OutstandingBalance } from '../../../contracts/billing-reports';
import type { Column } from '../../components/DataTable';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { PagedList, useListParams } from '../../components/PagedList';
import { CsvButton } from './CsvButton';
import { SearchBox } from './SearchBox';
import { useOutstanding } from './queries';

const PAGE_SIZE = 20;
type Row = OutstandingBalance & { id: string };

/** What each patient owes on final bills at this hospital, most first, searchable, with a CSV. */
export function OutstandingPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { params, page, set } = useListParams();
  const q = params.get('q') ?? '';
  const [debounced] = useDebouncedValue(q, 250);
  const list = useOutstanding(debounced, page, PAGE_SIZE);
  const currency = list.data?.currency ?? 'INR';
  const rows: Row[] = (list.data?.items ?? []).map((b, i) => ({ ...b, id: b.patientId ?? `walk-in-${i}` }));

  const columns: Column<Row>[] = [
    {
      key: 'patient',
      header: t('outstanding.patient'),
      cell: (b) =>
        b.patientId ? (
          <Anchor component={Link} to={`/app/patients/${b.patientId}`} size="sm" fw={500}>
            {b.patientName}
          </Anchor>
        ) : (
          <Text size="sm" fw={500}>
            {b.patientName || t('outstanding.walkIn')}
          </Text>
        ),
    },
    { key: 'mrn', header: t('outstanding.mrn'), cell: (b) => b.mrn ?? '—', nowrap: true },
    { key: 'invoices', header: t('outstanding.invoices'), cell: (b) => f.number(b.invoices), nowrap: true },
    {
      key: 'owed',
      header: t('outstanding.owed'),
      cell: (b) => (
        <Text size="sm" fw={600} span>
          {f.money(b.outstandingMinor, currency)}
        </Text>
      ),
      nowrap: true,
    },
    { key: 'oldest', header: t('outstanding.oldest'), cell: (b) => f.date(b.oldestIssuedOn), nowrap: true },
    ...(can('invoices:read')
      ? [
          {
            key: 'actions',
            header: t('common.actions'),
            cell: (b: Row) =>
              b.patientId && (
                <Anchor
                  component={Link}
                  to={`/app/invoices?patientId=${b.patientId}`}
                  size="sm"
                  aria-label={t('outstanding.openInvoicesOf', { name: b.patientName })}
                >
                  {t('outstanding.openInvoices')}
                </Anchor>
              ),
          },
        ]
      : []),
  ];

  return (
    <Stack>
      <Group align="flex-end" gap="md">
        <SearchBox
          label={t('outstanding.searchLabel')}
          placeholder={t('outstanding.searchPlaceholder')}
          value={q}
          onChange={(v) => set('q', v)}
          searching={q !== debounced || (list.isFetching && !list.isPending)}
        />
        <CsvButton
          path="/api/billing/reports/outstanding"
          query={{ q: debounced.trim() || undefined, limit: '100' }}
          filename="outstanding-balances.csv"
        />
      </Group>
      {list.data && (
        <div data-testid="outstanding-total">
          <Text size="xs" c="dimmed" fw={500}>
            {t('outstanding.total')}
          </Text>
          <Text fz={28} fw={700} lh={1.2}>
            {f.money(list.data.totalOutstandingMinor, currency)}
          </Text>
        </div>
      )}
      <PagedList
        query={{ ...list, data: list.data && { items: rows, total: list.data.total } }}
        columns={columns}
        caption={t('revenue.tabs.outstanding')}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set('page', String(p))}
        empty={{
          icon: <IconReceiptOff size={28} aria-hidden />,
          title: debounced ? t('outstanding.noMatchTitle') : t('outstanding.emptyTitle'),
          description: debounced ? t('outstanding.noMatchBody') : t('outstanding.emptyBody'),
        }}
      />
    </Stack>
  );
}
