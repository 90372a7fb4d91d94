import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileInvoice, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { InvoiceSource, InvoiceStatus, type InvoiceSummary } from '../../../contracts/billing';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { PagedList, useListParams } from '../../components/PagedList';
import { InvoiceFiltersBar } from './InvoiceFiltersBar';
import { InvoiceStatusBadge, PaidMarker } from './InvoiceStatusBadge';
import { useInvoices, type InvoiceFilters } from './queries';

const PAGE_SIZE = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The active hospital's invoices, newest first, by status, source, date, patient or number. */
export default function InvoicesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { params, page, set } = useListParams();
  const pick = <T extends string>(key: string, allowed: readonly T[]) =>
    (allowed as readonly string[]).includes(params.get(key) ?? '') ? (params.get(key) as T) : null;
  const date = (key: string) => (DATE.test(params.get(key) ?? '') ? params.get(key) : null);
  const filters: InvoiceFilters = {
    status: pick('status', InvoiceStatus.options),
    source: pick('source', InvoiceSource.options),
    unpaid: params.get('unpaid') === 'true',
    q: params.get('q') ?? '',
    from: date('from'),
    to: date('to'),
  };
  const [q] = useDebouncedValue(filters.q, 300);
  const list = useInvoices({ ...filters, q }, page, PAGE_SIZE);

  const columns: Column<InvoiceSummary>[] = [
    {
      key: 'number',
      header: t('invoices.number'),
      cell: (i) => (
        <Anchor
          component={Link}
          to={`/app/invoices/${i.id}`}
          fw={500}
          size="sm"
          ff={i.number ? 'monospace' : undefined}
        >
          {i.number ?? t('invoices.draftNumber')}
        </Anchor>
      ),
      nowrap: true,
    },
    {
      key: 'patient',
      header: t('invoices.patient'),
      cell: (i) =>
        i.patient ? (
          <div>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {i.patient.name}
            </Text>
            {i.patient.mrn && (
              <Text size="xs" c="dimmed">
                {i.patient.mrn}
              </Text>
            )}
          </div>
        ) : (
          <Text size="sm" c="dimmed">
            {t('invoices.walkIn')}
          </Text>
        ),
    },
    {
      key: 'source',
      header: t('invoices.source'),
      cell: (i) => t(`invoices.sources.${i.source}`),
      visibleFrom: 'lg',
    },
    {
      key: 'issued',
      header: t('invoices.issuedOn'),
      cell: (i) => (i.issuedOn ? f.date(i.issuedOn) : '—'),
      nowrap: true,
      visibleFrom: 'sm',
    },
    {
      key: 'total',
      header: t('invoices.total'),
      cell: (i) => f.money(i.totalMinor, i.currency),
      nowrap: true,
    },
    {
      key: 'balance',
      header: t('invoices.balance'),
      cell: (i) => (
        <Text size="sm" fw={i.status === 'final' && i.balanceMinor > 0 ? 600 : undefined}>
          {i.status === 'final' || i.status === 'cancelled' ? f.money(i.balanceMinor, i.currency) : '—'}
        </Text>
      ),
      nowrap: true,
    },
    {
      key: 'status',
      header: t('invoices.status'),
      cell: (i) => (
        <Group gap={4} wrap="nowrap">
          <InvoiceStatusBadge status={i.status} />
          <PaidMarker invoice={i} />
        </Group>
      ),
      nowrap: true,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('invoices.title')}
        description={t('invoices.description')}
        actions={
          can('invoices:manage') && (
            <Button component={Link} to="/app/invoices/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('invoices.generate')}
            </Button>
          )
        }
      />
      <Card>
        <Stack>
          <InvoiceFiltersBar filters={filters} set={set} />
          <PagedList
            query={list}
            columns={columns}
            caption={t('invoices.caption')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconFileInvoice size={28} aria-hidden />,
              title: t('invoices.emptyTitle'),
              description: t('invoices.emptyBody'),
            }}
          />
        </Stack>
      </Card>
    </>
  );
}
