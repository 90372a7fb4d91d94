import { Anchor, Breadcrumbs, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Admission } from '../../../contracts/wards';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { isMissing } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { AdmissionStatusBadge } from './AdmissionStatusBadge';
import { DischargeDialog } from './DischargeDialog';
import { ChargesCard } from './ChargesCard';
import { WardChargesCard } from './WardChargesCard';
import { DischargeSummaryCard } from './DischargeSummaryCard';
import { NursingRecord } from './nursing/NursingRecord';
import { useAdmission } from './queries';
import { StaysTimeline } from './StaysTimeline';
import { TransferDialog } from './TransferDialog';

/**
 * One admission: the patient, why and how they came in, the bed they are in, every bed of the stay;
 * transfer and discharge while they are in.
 */
export default function AdmissionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const admission = useAdmission(id);
  const [dialog, setDialog] = useState<'transfer' | 'discharge' | null>(null);

  if (admission.isPending) return <DetailSkeleton />;
  if (admission.isError) {
    if (isMissing(admission.error)) return <NotFound home="/app/admissions" />;
    return <LoadError error={admission.error} onRetry={() => void admission.refetch()} />;
  }
  const a = admission.data;
  const canAct = a.status === 'active' && !!a.bed && can('admissions:manage');

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/admissions" size="sm">
          {t('wards.admissions.title')}
        </Anchor>
        <span>{a.patient.name}</span>
      </Breadcrumbs>
      <PageHeader
        title={a.patient.name}
        description={
          <Group gap="xs" component="span">
            {a.patient.mrn && <span>{a.patient.mrn}</span>}
            <AdmissionStatusBadge status={a.status} />
          </Group>
        }
        actions={
          canAct && (
            <>
              <Button variant="light" onClick={() => setDialog('transfer')}>
                {t('wards.board.transfer')}
              </Button>
              <Button variant="light" color="red" onClick={() => setDialog('discharge')}>
                {t('wards.board.discharge')}
              </Button>
            </>
          )
        }
      />
      <Stack>
        <AdmissionFacts a={a} />
        <Card component="section" aria-labelledby="stays-title">
          <Title order={2} fz="h4" mb="md" id="stays-title">
            {t('wards.admission.stays')}
          </Title>
          <StaysTimeline stays={a.stays} />
        </Card>
        {can('nursing:record') && <NursingRecord admissionId={a.id} open={a.status === 'active'} />}
        {can('admissions:manage', 'nursing:record') && (
          <WardChargesCard admissionId={a.id} open={a.status === 'active'} />
        )}
        {can('admissions:manage', 'invoices:read') && <ChargesCard admissionId={a.id} />}
        {a.dischargeSummary !== null && <DischargeSummaryCard a={a} />}
      </Stack>
      {dialog === 'transfer' && a.bed && (
        <TransferDialog
          admissionId={a.id}
          patientName={a.patient.name}
          fromBed={{ id: a.bed.bedId, label: a.bed.bedLabel }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'discharge' && (
        <DischargeDialog admissionId={a.id} patientName={a.patient.name} onClose={() => setDialog(null)} />
      )}
    </>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function AdmissionFacts({ a }: { a: Admission }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  return (
    <Card component="section" aria-label={t('wards.admission.facts')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        <Fact label={t('wards.admission.bedNow')}>
          {a.bed ? (
            <Text span fw={600} data-testid="current-bed">
              {t('wards.admissions.wardBed', { ward: a.bed.wardName, bed: a.bed.bedLabel })}
            </Text>
          ) : (
            t('wards.admission.noBed')
          )}
        </Fact>
        <Fact label={t('wards.admissions.admittedAt')}>{f.dateTime(a.admittedAt)}</Fact>
        {a.dischargedAt && (
          <Fact label={t('wards.admissions.dischargedAt')}>{f.dateTime(a.dischargedAt)}</Fact>
        )}
        <Fact label={t('wards.admissions.source')}>
          {a.consultationId && can('consultations:write') ? (
            <Anchor component={Link} to={`/app/consultations/${a.consultationId}`} size="sm">
              {t(`wards.sources.${a.source}`)}
            </Anchor>
          ) : (
            t(`wards.sources.${a.source}`)
          )}
        </Fact>
        <Fact label={t('wards.admission.reason')}>
          {a.reason ? (
            <span style={{ whiteSpace: 'pre-wrap' }}>{a.reason}</span>
          ) : (
            <Text span c="dimmed" size="sm">
              {t('common.notGiven')}
            </Text>
          )}
        </Fact>
        {can('patients:read') && (
          <Fact label={t('wards.admissions.patient')}>
            <Anchor component={Link} to={`/app/patients/${a.patient.id}`} size="sm">
              {t('wards.admission.patientRecord')}
            </Anchor>
          </Fact>
        )}
      </SimpleGrid>
    </Card>
  );
}
