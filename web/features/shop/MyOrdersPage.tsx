import { Button, Card, Stack } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TablePager } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/Skeletons';
import { OrdersTable } from '../pharmacy-orders/OrdersTable';
import { useOrders } from '../pharmacy-orders/queries';

const PAGE_SIZE = 20;

/** The patient's medicine orders, newest first, with where each one stands. */
export default function MyOrdersPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useOrders('patient', null, page, PAGE_SIZE);
  return (
    <>
      <PageHeader
        title={t('myOrders.title')}
        description={t('myOrders.description')}
        actions={
          <Button
            component={Link}
            to="/app/shop"
            variant="light"
            leftSection={<IconBuildingStore size={16} aria-hidden />}
          >
            {t('myOrders.shop')}
          </Button>
        }
      />
      <Card>
        <Stack>
          {list.isPending && <TableSkeleton />}
          {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
          {list.data && (
            <div aria-live="polite" aria-busy={list.isFetching}>
              <OrdersTable
                as="patient"
                orders={list.data.items}
                link={(o) => `/app/my-orders/${o.id}`}
                empty={{ title: t('myOrders.emptyTitle'), description: t('myOrders.emptyBody') }}
              />
              <TablePager page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} />
            </div>
          )}
        </Stack>
      </Card>
    </>
  );
}
