import { Anchor, Breadcrumbs, Button, Grid, Group, Text } from '@mantine/core';
import { IconFileTypePdf, IconPrinter, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { LabOrder } from '../../../contracts/lab-orders';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { isMissing, post } from '../../lib/api';
import { openFile } from '../../lib/download';
import { notifyError, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ageOf } from '../consultations/queries';
import { LabStatusBadge, UrgentBadge } from './LabOrderBadges';
import { LabOrderFacts } from './LabOrderFacts';
import { LabSamplesCard } from './LabSamplesCard';
import { cancellable, oneLine } from './lab-orders';
import { hasReport } from './lab-results';
import { labReportPath, refreshLabOrders, useLabOrder } from './order-queries';

/**
 * One lab order: the patient, each test's sample to collect and label and its results to enter and
 * verify, the order's facts, and its report once a test is verified.
 */
export default function LabOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useLabOrder(id);

  if (order.isPending) return <DetailSkeleton />;
  if (order.isError) {
    if (isMissing(order.error)) return <NotFound home="/app/lab-orders" />;
    return <LoadError error={order.error} onRetry={() => void order.refetch()} />;
  }
  const o = order.data;

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/lab-orders" size="sm">
          {t('labOrders.title')}
        </Anchor>
        <span>{o.number}</span>
      </Breadcrumbs>
      <PageHeader
        title={t('labOrders.orderTitle', { number: o.number })}
        description={<PatientLine order={o} />}
        actions={<LabOrderActions order={o} />}
      />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <LabSamplesCard order={o} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <LabOrderFacts order={o} />
        </Grid.Col>
      </Grid>
    </>
  );
}

/** The order's status and priority, and whose it is: name, MRN, sex and age. */
function PatientLine({ order }: { order: LabOrder }) {
  const { t } = useTranslation();
  const { patient } = order;
  const age = ageOf(patient.dateOfBirth);
  const sex = t(`sex.${patient.sex as 'female'}`, { defaultValue: patient.sex });
  return (
    <Group gap="xs" component="span" data-testid="lab-order-patient">
      <LabStatusBadge status={order.status} testId="order-status" />
      <UrgentBadge priority={order.priority} />
      <Text span size="sm" fw={600} c="var(--mantine-color-text)">
        {patient.name}
      </Text>
      {patient.mrn && (
        <Text span size="sm" ff="monospace">
          {patient.mrn}
        </Text>
      )}
      <span>
        {sex} · {age === null ? t('labOrders.ageUnknown') : t('labOrders.age', { count: age })}
      </span>
    </Group>
  );
}

/**
 * The report once a test is verified, printing the labels (for those who collect), and cancelling
 * while no sample is taken.
 */
function LabOrderActions({ order }: { order: LabOrder }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const client = useQueryClient();
  const [printing, setPrinting] = useState(false);
  const [opening, setOpening] = useState(false);
  const vars = { number: order.number };
  const print = () => {
    setPrinting(true);
    openFile(`/api/lab/orders/${order.id}/labels.pdf`)
      .catch(notifyError)
      .finally(() => setPrinting(false));
  };
  const report = () => {
    setOpening(true);
    openFile(labReportPath(order.id))
      .catch(notifyError)
      .finally(() => setOpening(false));
  };
  return (
    <>
      {hasReport(order) && (
        <Button
          variant={order.status === 'reported' ? 'filled' : 'default'}
          leftSection={<IconFileTypePdf size={16} aria-hidden />}
          loading={opening}
          onClick={report}
          data-testid="lab-report"
        >
          {t('labResults.reportPdf')}
        </Button>
      )}
      {can('lab-samples:collect') && order.status !== 'cancelled' && (
        <Button
          variant="default"
          leftSection={<IconPrinter size={16} aria-hidden />}
          loading={printing}
          onClick={print}
          data-testid="print-labels"
        >
          {t('labOrders.printLabels')}
        </Button>
      )}
      {can('lab-orders:create') && cancellable(order) && (
        <ConfirmButton
          variant="subtle"
          color="red"
          leftSection={<IconX size={16} aria-hidden />}
          title={t('labOrders.cancelTitle', vars)}
          message={t(order.admissionId ? 'labOrders.cancelMessageStay' : 'labOrders.cancelMessage')}
          reasonLabel={t('labOrders.cancelReason')}
          confirmLabel={t('labOrders.cancel')}
          destructive
          onConfirm={async (reason) => {
            const next = await post<LabOrder>(`/api/lab/orders/${order.id}/cancel`, {
              reason: oneLine(reason),
            });
            await refreshLabOrders(client, next);
            notifySuccess(t('labOrders.cancelledDone', vars));
          }}
        >
          {t('labOrders.cancel')}
        </ConfirmButton>
      )}
    </>
  );
}
