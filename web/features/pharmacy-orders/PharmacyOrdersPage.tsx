import { Card, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OrderStatus } from '../../../contracts/pharmacy-orders';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/Skeletons';
import { TablePager } from '../../components/DataTable';
import { StatusFilter } from '../dispensing/StatusFilter';
import { QUEUE_FILTERS, type QueueFilter } from './order-steps';
import { OrdersTable } from './OrdersTable';
import { useOrders } from './queries';
import { useListParams } from '../../components/PagedList';

const PAGE_SIZE = 20;

/** The pharmacy's online orders: those awaiting verification first (oldest first), then each later step. */
export default function PharmacyOrdersPage() {
  const { t } = useTranslation();
  const { params, page, set } = useListParams();
  const filter: QueueFilter = (QUEUE_FILTERS as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as QueueFilter)
    : 'awaiting_verification';
  const list = useOrders('pharmacy', filter === 'all' ? null : OrderStatus.parse(filter), page, PAGE_SIZE);

  return (
    <>
      <PageHeader title={t('orderQueue.title')} description={t('orderQueue.description')} />
      <Card>
        <Stack>
          <StatusFilter
            label={t('orderQueue.filter')}
            value={filter}
            onChange={(v) => set('status', v)}
            data={QUEUE_FILTERS.map((s) => ({ value: s, label: t(`orderQueue.filters.${s}`) }))}
          />
          {list.isPending && <TableSkeleton />}
          {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
          {list.data && (
            <div aria-live="polite" aria-busy={list.isFetching}>
              <OrdersTable
                as="pharmacy"
                orders={list.data.items}
                link={(o) => `/app/pharmacy-orders/${o.id}`}
                empty={{ title: t(`orderQueue.empty.${filter}`), description: t('orderQueue.emptyBody') }}
              />
              <TablePager
                page={page}
                pageSize={PAGE_SIZE}
                total={list.data.total}
                onChange={(p) => set('page', String(p))}
              />
            </div>
          )}
        </Stack>
      </Card>
    </>
  );
}
