import { Card, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { OrderStatus } from '../../../contracts/pharmacy-orders';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/Skeletons';
import { TablePager } from '../../components/DataTable';
import { StatusFilter } from '../dispensing/StatusFilter';
import { QUEUE_FILTERS, type QueueFilter } from './order-steps';
import { OrdersTable } from './OrdersTable';
import { useOrders } from './queries';

const PAGE_SIZE = 20;

/** The pharmacy's online orders: those awaiting verification first (oldest first), then each later step. */
export default function PharmacyOrdersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter: QueueFilter = (QUEUE_FILTERS as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as QueueFilter)
    : 'awaiting_verification';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const list = useOrders('pharmacy', filter === 'all' ? null : OrderStatus.parse(filter), page, PAGE_SIZE);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

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
