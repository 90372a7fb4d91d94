import { Anchor, Button, Card, Stack, Text } from '@mantine/core';
import { IconClipboardList, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WardRequest } from '../../../contracts/pharmacy-orders';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { StatusFilter } from '../dispensing/StatusFilter';
import { useWardRequests, type WardRequestStatus } from './queries';
import { WardStatusBadge } from './WardStatusBadge';
import { PagedList, useListParams } from '../../components/PagedList';

const PAGE_SIZE = 20;
const FILTERS = ['requested', 'partly_issued', 'issued', 'received', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/**
 * Requests from the wards to the pharmacy: for nurses, what their wards asked for and what is on
 * its way; for pharmacists, the queue to issue (new requests first in view).
 */
export default function WardRequestsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { params, page, set } = useListParams();
  const filter: Filter = (FILTERS as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as Filter)
    : can('ward-requests:issue')
      ? 'requested'
      : 'all';
  const list = useWardRequests(filter === 'all' ? null : (filter as WardRequestStatus), page, PAGE_SIZE);

  const columns: Column<WardRequest>[] = [
    {
      key: 'number',
      header: t('ward.number'),
      cell: (r) => (
        <Anchor component={Link} to={`/app/ward-requests/${r.id}`} fw={500} size="sm" ff="monospace">
          {r.number}
        </Anchor>
      ),
      nowrap: true,
    },
    { key: 'store', header: t('ward.store'), cell: (r) => <Text size="sm">{r.storeName}</Text> },
    {
      key: 'items',
      header: t('ward.items'),
      cell: (r) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {r.lines.map((l) => `${l.medicineName} × ${f.number(l.quantityRequested)}`).join(', ')}
        </Text>
      ),
      visibleFrom: 'md',
    },
    {
      key: 'requested',
      header: t('ward.requestedAt'),
      cell: (r) => (
        <div>
          <Text size="sm">{f.dateTime(r.requestedAt)}</Text>
          {r.requestedByName && (
            <Text size="xs" c="dimmed">
              {r.requestedByName}
            </Text>
          )}
        </div>
      ),
    },
    { key: 'status', header: t('common.status'), cell: (r) => <WardStatusBadge status={r.status} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('ward.title')}
        description={can('ward-requests:issue') ? t('ward.descriptionPharmacy') : t('ward.descriptionWard')}
        actions={
          can('ward-requests:create') && (
            <Button
              component={Link}
              to="/app/ward-requests/new"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('ward.new')}
            </Button>
          )
        }
      />
      <Card>
        <Stack>
          <StatusFilter
            label={t('ward.filter')}
            value={filter}
            onChange={(v) => set('status', v)}
            data={FILTERS.map((s) => ({ value: s, label: t(`ward.filters.${s}`) }))}
          />
          <PagedList
            query={list}
            columns={columns}
            caption={t('ward.title')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconClipboardList size={28} aria-hidden />,
              title: t(`ward.empty.${filter}`),
              description: t('ward.emptyBody'),
            }}
          />
        </Stack>
      </Card>
    </>
  );
}
