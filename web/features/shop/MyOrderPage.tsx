import { Alert, Anchor, Breadcrumbs, Grid, Group, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { ApiError, post } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { allows } from '../pharmacy-orders/order-steps';
import { OrderFacts } from '../pharmacy-orders/OrderFacts';
import { OrderHistory } from '../pharmacy-orders/OrderHistory';
import { OrderLinesCard } from '../pharmacy-orders/OrderLinesCard';
import { OrderStatusBadge } from '../pharmacy-orders/OrderStatusBadge';
import { ORDERS_PATH, orderKey, useOrder } from '../pharmacy-orders/queries';
import { OnClockOf } from '../../components/DateTime';

/** What the patient reads about where the order stands: a ready pickup differs from a ready delivery. */
function nextStep(o: PharmacyOrder) {
  if (o.status === 'ready') return o.fulfilment === 'delivery' ? 'ready_delivery' : 'ready_pickup';
  return o.status;
}

/** One of the patient's orders: what it holds, what it costs, where it stands, and cancel while allowed. */
export default function MyOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const order = useOrder('patient', id);

  if (order.isPending) return <DetailSkeleton />;
  if (order.isError) {
    if (order.error instanceof ApiError && [400, 404].includes(order.error.status))
      return <NotFound home="/app/my-orders" />;
    return <LoadError error={order.error} onRetry={() => void order.refetch()} />;
  }
  const o = order.data;
  const cancel = async () => {
    const next = await post<PharmacyOrder>(`${ORDERS_PATH.patient}/${o.id}/cancel`, {});
    client.setQueryData(orderKey('patient', o.id), next);
    await client.invalidateQueries({ queryKey: ['orders'] });
    notifySuccess(t('myOrders.cancelled', { number: o.number }));
  };

  return (
    // The order reads on its pharmacy's clock (placed, held until, history), wherever the patient is.
    <OnClockOf zone={o.timeZone}>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/my-orders" size="sm">
          {t('myOrders.title')}
        </Anchor>
        <span>{o.number}</span>
      </Breadcrumbs>
      <PageHeader
        title={t('orders.orderTitle', { number: o.number })}
        description={
          <Group gap="xs" component="span">
            <OrderStatusBadge status={o.status} />
            <span>{o.hospitalName}</span>
          </Group>
        }
        actions={
          allows(o, 'patientCancel') && (
            <ConfirmButton
              variant="light"
              color="red"
              title={t('myOrders.cancelTitle', { number: o.number })}
              message={t('myOrders.cancelMessage')}
              confirmLabel={t('myOrders.cancel')}
              destructive
              onConfirm={cancel}
            >
              {t('myOrders.cancel')}
            </ConfirmButton>
          )
        }
      />
      <Alert
        color={o.status === 'ready' ? 'teal' : o.status === 'rejected' ? 'red' : 'blue'}
        variant="light"
        mb="md"
        data-testid="order-next"
      >
        {t(`myOrders.next.${nextStep(o)}`, { hospital: o.hospitalName })}
      </Alert>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <OrderLinesCard order={o} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <OrderFacts order={o} as="patient" />
            <OrderHistory order={o} />
          </Stack>
        </Grid.Col>
      </Grid>
    </OnClockOf>
  );
}
