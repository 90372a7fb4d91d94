import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconFileInvoice, IconPlus, IconShoppingCartPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  PURCHASE_ORDER_STATUSES,
  type PurchaseOrderStatus,
  type PurchaseOrderSummary,
} from '../../../contracts/procurement';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { StatusFilter } from '../dispensing/StatusFilter';
import { PagedList, useListParams } from '../../components/PagedList';
import { PoStatusBadge } from './PoStatusBadge';
import { ProcurementSettingsCard } from './ProcurementSettingsCard';
import { usePurchaseOrders } from './queries';

const PAGE_SIZE = 20;
type Filter = PurchaseOrderStatus | 'all';
const FILTERS: Filter[] = ['all', ...PURCHASE_ORDER_STATUSES];

/** The hospital's purchase orders, newest first, by status. */
export default function PurchaseOrdersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { params, page, set } = useListParams();
  const filter: Filter = (FILTERS as string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as Filter)
    : 'all';
  const list = usePurchaseOrders(filter === 'all' ? null : filter, page, PAGE_SIZE);

  const columns: Column<PurchaseOrderSummary>[] = [
    {
      key: 'number',
      header: t('po.number'),
      cell: (o) => (
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/app/purchase-orders/${o.id}`} fw={500} size="sm" ff="monospace">
            {o.number}
          </Anchor>
          {o.revision > 1 && (
            <Text size="xs" c="dimmed">
              {t('po.revisionShort', { revision: o.revision })}
            </Text>
          )}
        </Group>
      ),
      nowrap: true,
    },
    { key: 'supplier', header: t('po.supplier'), cell: (o) => <Text size="sm">{o.supplierName}</Text> },
    { key: 'store', header: t('po.store'), cell: (o) => o.storeName, visibleFrom: 'md' },
    { key: 'lines', header: t('po.lines'), cell: (o) => f.number(o.lineCount), visibleFrom: 'lg' },
    {
      key: 'created',
      header: t('po.created'),
      cell: (o) => f.day(o.createdAt),
      nowrap: true,
      visibleFrom: 'sm',
    },
    {
      key: 'expected',
      header: t('po.expectedOn'),
      cell: (o) => (o.expectedOn ? f.date(o.expectedOn) : '—'),
      nowrap: true,
      visibleFrom: 'lg',
    },
    { key: 'total', header: t('po.total'), cell: (o) => f.money(o.totalMinor, o.currency), nowrap: true },
    { key: 'status', header: t('po.status'), cell: (o) => <PoStatusBadge status={o.status} />, nowrap: true },
  ];

  return (
    <>
      <PageHeader
        title={t('po.title')}
        description={t('po.description')}
        actions={
          can('purchase-orders:manage') && (
            <>
              <Button
                component={Link}
                to="/app/reorder-suggestions"
                variant="default"
                leftSection={<IconShoppingCartPlus size={16} aria-hidden />}
              >
                {t('nav.reorderSuggestions')}
              </Button>
              <Button
                component={Link}
                to="/app/purchase-orders/new"
                leftSection={<IconPlus size={16} aria-hidden />}
              >
                {t('po.new')}
              </Button>
            </>
          )
        }
      />
      <Stack>
        <Card>
          <Stack>
            <StatusFilter
              label={t('po.filter')}
              value={filter}
              onChange={(v) => set('status', v === 'all' ? null : v)}
              data={FILTERS.map((s) => ({ value: s, label: t(`po.filters.${s}`) }))}
            />
            <PagedList
              query={list}
              columns={columns}
              caption={t('po.caption')}
              page={page}
              pageSize={PAGE_SIZE}
              onPage={(p) => set('page', String(p))}
              empty={{
                icon: <IconFileInvoice size={28} aria-hidden />,
                title: t('po.emptyTitle'),
                description: t('po.emptyBody'),
              }}
            />
          </Stack>
        </Card>
        {can('procurement:settings') && <ProcurementSettingsCard />}
      </Stack>
    </>
  );
}
