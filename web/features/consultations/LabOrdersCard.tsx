import { Anchor, Button, Card, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Consultation } from '../../../contracts/clinical';
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';
import { openFile } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { LabStatusBadge, UrgentBadge } from '../lab/LabOrderBadges';
import { LabOrderForm } from '../lab/LabOrderForm';
import { hasReport } from '../lab/lab-results';
import { labReportPath, useConsultationLabOrders } from '../lab/order-queries';
import { ResultsTable } from '../lab/ResultsTable';

/**
 * Lab tests ordered from the consultation: the doctor orders them here (while it is open), sees
 * where each stands, and reads the verified results with their flags, and the report.
 */
export function LabOrdersCard({ c, ordering = true }: { c: Consultation; ordering?: boolean }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const orders = useConsultationLabOrders(c.id);
  // A closed consultation shows its orders' results, and nothing when it had none.
  if (!ordering && orders.data?.items.length === 0) return null;

  return (
    <Card data-testid="consultation-lab-orders">
      <Stack>
        <div>
          <Title order={2} fz="h4">
            {t('labOrders.card.title')}
          </Title>
          {ordering && (
            <Text size="sm" c="dimmed">
              {t('labOrders.card.hint')}
            </Text>
          )}
        </div>
        {ordering && can('lab-orders:create') && (
          <LabOrderForm
            patientId={c.patientId}
            consultationId={c.id}
            onCreated={(order) => notifySuccess(t('labOrders.created', { number: order.number }))}
          />
        )}
        {ordering && <Divider />}
        {orders.isPending && <TableSkeleton rows={2} />}
        {orders.isError && <LoadError error={orders.error} onRetry={() => void orders.refetch()} />}
        {orders.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('labOrders.card.none')}
          </Text>
        )}
        {orders.data && orders.data.items.length > 0 && (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {orders.data.items.map((o) => (
              <OrderRow key={o.id} order={o} />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function OrderRow({ order }: { order: LabOrder }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [opening, setOpening] = useState(false);
  const report = () => {
    setOpening(true);
    openFile(labReportPath(order.id))
      .catch(notifyError)
      .finally(() => setOpening(false));
  };
  return (
    <Paper component="li" withBorder p="sm" data-testid="consultation-lab-order">
      <Group justify="space-between" gap="xs" mb={6}>
        <Group gap="xs">
          <Anchor component={Link} to={`/app/lab-orders/${order.id}`} fw={600} size="sm" ff="monospace">
            {order.number}
          </Anchor>
          <UrgentBadge priority={order.priority} />
          <LabStatusBadge status={order.status} />
        </Group>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {f.dateTime(order.orderedAt)}
          </Text>
          {hasReport(order) && (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconFileTypePdf size={14} aria-hidden />}
              loading={opening}
              onClick={report}
              aria-label={t('labResults.reportOf', { number: order.number })}
              data-testid="consultation-lab-report"
            >
              {t('labResults.reportPdf')}
            </Button>
          )}
        </Group>
      </Group>
      <Stack gap={4}>
        {order.items.map((i) => (
          <ItemLine key={i.id} item={i} />
        ))}
      </Stack>
    </Paper>
  );
}

/** One test of the order: where it stands, and its results once a second person has verified them. */
function ItemLine({ item: i }: { item: LabOrderItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div data-testid="consultation-lab-item">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          <Text span ff="monospace" size="sm" fw={500}>
            {i.code}
          </Text>{' '}
          {i.name}
        </Text>
        <Group gap={6} wrap="nowrap">
          {i.dueAt && i.status !== 'verified' && (
            <Text size="xs" c="dimmed" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
              {t('labOrders.dueAt')} {f.dateTime(i.dueAt)}
            </Text>
          )}
          <LabStatusBadge status={i.status} />
        </Group>
      </Group>
      {i.status === 'verified' && i.results.length > 0 && (
        <ResultsTable results={i.results} caption={t('labResults.caption', { name: i.name })} />
      )}
      {i.status === 'verified' && i.resultComment && (
        <Text size="xs" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <Text span size="xs" c="dimmed">
            {t('labResults.remark')}:{' '}
          </Text>
          {i.resultComment}
        </Text>
      )}
      {i.status === 'resulted' && (
        <Text size="xs" c="dimmed">
          {t('labResults.pendingVerification')}
        </Text>
      )}
    </div>
  );
}
