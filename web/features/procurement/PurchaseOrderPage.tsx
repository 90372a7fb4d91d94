import { Anchor, Breadcrumbs, Grid, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { isMissing } from '../../lib/api';
import { DraftEditor } from './DraftEditor';
import { PoActions } from './PoActions';
import { PoFacts } from './PoFacts';
import { PoLinesCard } from './PoLinesCard';
import { PoReceipts } from './PoReceipts';
import { PoStatusBadge } from './PoStatusBadge';
import { PoTimeline } from './PoTimeline';
import { usePurchaseOrder } from './queries';

/** One purchase order: its lines and totals, status, timeline, deliveries, and the next steps. */
export default function PurchaseOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = usePurchaseOrder(id);
  const [editing, setEditing] = useState(false);

  if (order.isPending) return <DetailSkeleton />;
  if (order.isError) {
    if (isMissing(order.error)) return <NotFound home="/app/purchase-orders" />;
    return <LoadError error={order.error} onRetry={() => void order.refetch()} />;
  }
  const o = order.data;
  const receiving = ['approved', 'partly_received', 'received'].includes(o.status);

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/purchase-orders" size="sm">
          {t('po.title')}
        </Anchor>
        <span>{o.number}</span>
      </Breadcrumbs>
      <PageHeader
        title={
          o.revision > 1
            ? t('po.orderTitleRevision', { number: o.number, revision: o.revision })
            : t('po.orderTitle', { number: o.number })
        }
        description={
          <Group gap="xs" component="span">
            <PoStatusBadge status={o.status} />
            <Text span size="sm">
              {o.supplierName} · {o.storeName}
            </Text>
          </Group>
        }
        actions={!editing && <PoActions order={o} onEdit={() => setEditing(true)} />}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            {editing && o.status === 'draft' ? (
              <DraftEditor order={o} onDone={() => setEditing(false)} />
            ) : (
              <PoLinesCard order={o} />
            )}
            {receiving && <PoReceipts orderId={o.id} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <PoFacts order={o} />
            <PoTimeline order={o} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
