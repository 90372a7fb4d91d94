import { Anchor, Breadcrumbs, Grid, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../lib/api';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { OrderActions } from './OrderActions';
import { OrderFacts } from './OrderFacts';
import { OrderHistory } from './OrderHistory';
import { OrderLinesCard } from './OrderLinesCard';
import { OrderStatusBadge } from './OrderStatusBadge';
import { useOrder } from './queries';

/** One online order as the pharmacist works it: prescription, items and batches, and the next step. */
export default function PharmacyOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useOrder('pharmacy', id);

  if (order.isPending) return <DetailSkeleton />;
  if (order.isError) {
    if (order.error instanceof ApiError && [400, 404].includes(order.error.status))
      return <NotFound home="/app/pharmacy-orders" />;
    return <LoadError error={order.error} onRetry={() => void order.refetch()} />;
  }
  const o = order.data;

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/pharmacy-orders" size="sm">
          {t('orderQueue.title')}
        </Anchor>
        <span>{o.number}</span>
      </Breadcrumbs>
      <PageHeader
        title={t('orders.orderTitle', { number: o.number })}
        description={
          <Group gap="xs" component="span">
            <OrderStatusBadge status={o.status} />
            <span>{o.patientName}</span>
          </Group>
        }
        actions={<OrderActions order={o} />}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <OrderLinesCard order={o} withPicks />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <OrderFacts order={o} as="pharmacy" />
            <OrderHistory order={o} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
