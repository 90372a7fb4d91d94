import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PurchaseOrder } from '../../../contracts/procurement';
import { useFormat } from '../../lib/format';
import { Fact } from './Fact';
import { usePoNoteText } from './po-note';

/** Who the order goes to, where it is delivered, when, and how it relates to its other revisions. */
export function PoFacts({ order }: { order: PurchaseOrder }) {
  const { t } = useTranslation();
  const noteText = usePoNoteText();
  const f = useFormat();
  return (
    <Card>
      <Title order={2} fz="h4" mb="sm">
        {t('po.facts')}
      </Title>
      <Stack gap="xs">
        <Fact
          label={t('po.supplier')}
          value={
            <Anchor component={Link} to={`/app/suppliers/${order.supplierId}`} size="sm">
              {order.supplierName}
            </Anchor>
          }
        />
        <Fact label={t('po.store')} value={order.storeName} />
        <Fact label={t('po.expectedOn')} value={order.expectedOn && f.date(order.expectedOn)} />
        <Fact label={t('po.created')} value={f.dateTime(order.createdAt)} />
        <Fact label={t('po.notes')} value={order.notes} />
        {['draft', 'submitted'].includes(order.status) && (
          <Text size="sm" c="dimmed">
            {order.needsApproval ? t('po.needsApproval') : t('po.belowThreshold')}
          </Text>
        )}
        {order.cancellation && (
          <Text size="sm" c="red">
            {t('po.cancelledBecause', { reason: noteText(order.cancellation) })}
          </Text>
        )}
        {order.supersedesId && (
          <Anchor component={Link} to={`/app/purchase-orders/${order.supersedesId}`} size="sm">
            {t('po.openPrevious')}
          </Anchor>
        )}
        {order.supersededById && (
          <Text size="sm">
            {order.status === 'cancelled' ? null : t('po.supersededBy')}{' '}
            <Anchor component={Link} to={`/app/purchase-orders/${order.supersededById}`} size="sm">
              {t('po.openRevision')}
            </Anchor>
          </Text>
        )}
      </Stack>
    </Card>
  );
}
