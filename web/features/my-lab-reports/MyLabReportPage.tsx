import { Alert, Anchor, Breadcrumbs, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { isMissing } from '../../lib/api';
import { openFile } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../lib/forms';
import { ItemResults } from '../lab/ItemResults';
import { hasReport, reportState, testState } from '../lab/lab-results';
import { labReportPath } from '../lab/order-queries';
import { useMyLabOrder } from './queries';
import { ReportStateBadge } from './ReportStateBadge';

const NOTE_COLOR = { ready: 'teal', cancelled: 'gray' } as const;

/** One of the patient's lab orders: each test's verified results, the rest marked pending, and the PDF. */
export default function MyLabReportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const order = useMyLabOrder(id);
  const [opening, setOpening] = useState(false);

  if (order.isPending) return <DetailSkeleton />;
  if (order.isError) {
    if (isMissing(order.error)) return <NotFound home="/app/my-lab-reports" />;
    return <LoadError error={order.error} onRetry={() => void order.refetch()} />;
  }
  const o = order.data;
  const state = reportState(o);
  const download = () => {
    setOpening(true);
    openFile(labReportPath(o.id))
      .catch(notifyError)
      .finally(() => setOpening(false));
  };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/my-lab-reports" size="sm">
          {t('myLabReports.title')}
        </Anchor>
        <span>{o.number}</span>
      </Breadcrumbs>
      <PageHeader
        title={t('myLabReports.reportTitle', { number: o.number })}
        description={`${t('myLabReports.orderedOn', { at: f.dateTime(o.orderedAt) })} ${t('myLabReports.orderedBy', { name: o.orderedBy.name })}`}
        actions={
          hasReport(o) && (
            <Button
              leftSection={<IconFileTypePdf size={16} aria-hidden />}
              loading={opening}
              onClick={download}
              data-testid="my-lab-report-pdf"
            >
              {t('myLabReports.download')}
            </Button>
          )
        }
      />
      <Stack maw={900}>
        <Alert
          color={state in NOTE_COLOR ? NOTE_COLOR[state as keyof typeof NOTE_COLOR] : 'blue'}
          variant="light"
          title={t(`myLabReports.states.${state}`)}
          data-testid="report-note"
        >
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {state === 'ready'
              ? t('myLabReports.readyNote')
              : state === 'partial'
                ? t('myLabReports.partialNote')
                : state === 'cancelled'
                  ? t('myLabReports.cancelledOrder', { reason: o.cancelled?.reason ?? '' })
                  : t('myLabReports.waitingNote')}
          </Text>
        </Alert>
        {o.items.map((item) => (
          <TestCard key={item.id} order={o} item={item} />
        ))}
      </Stack>
    </>
  );
}

function TestCard({ order, item }: { order: LabOrder; item: LabOrderItem }) {
  const { t } = useTranslation();
  const state = testState(item);
  return (
    <Card data-testid="my-lab-test">
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <div style={{ minWidth: 0, flex: '1 1 12rem' }}>
          <Title order={2} fz="h5" style={{ overflowWrap: 'anywhere' }}>
            {item.name}
          </Title>
          <Text size="xs" c="dimmed" ff="monospace">
            {item.code}
          </Text>
        </div>
        <ReportStateBadge state={state} ofTest testId="test-state" />
      </Group>
      {state === 'ready' ? (
        <ItemResults item={item} />
      ) : (
        <Text size="sm" c="dimmed">
          {state === 'cancelled' || order.status === 'cancelled'
            ? t('myLabReports.cancelledTest')
            : state === 'awaiting_sample'
              ? t('myLabReports.awaitingSample')
              : t('myLabReports.pending')}
        </Text>
      )}
    </Card>
  );
}
