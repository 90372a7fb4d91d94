import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isMissing } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { PatientAccountCard } from '../billing/PatientAccountCard';
import { VisitList } from '../consultations/VisitList';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { AdmitButton } from '../wards/AdmitButton';
import { ConsentsPanel } from './ConsentsPanel';
import { EditPatientForm } from './EditPatientForm';
import { MergePatientDialog } from './MergePatientDialog';
import { AccessLogPanel, TimelinePanel } from './HistoryPanels';
import { PatientOverview } from './PatientOverview';
import { patientKey, usePatient } from './queries';
import { SafetyPanel } from './SafetyPanel';

/** One patient of the active hospital: details (editable), allergies and conditions, documents, consents, timeline, access log. */
export default function PatientPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const { can, activeHospital } = useSession();
  const clinical = can('consultations:read', 'consultations:write');
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<string | null>('overview');
  const [merging, setMerging] = useState(false);
  const patient = usePatient(id);

  if (patient.isPending) return <DetailSkeleton />;
  if (patient.isError) {
    // Another hospital's patient, or no such id: the same page either way.
    if (isMissing(patient.error)) return <NotFound home="/app/patients" />;
    return <LoadError error={patient.error} onRetry={() => void patient.refetch()} />;
  }
  const p = patient.data;
  const name = [p.givenName, p.familyName].filter(Boolean).join(' ');
  const active = p.allergies.filter((a) => a.status === 'active');

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/patients" size="sm">
          {t('patients.title')}
        </Anchor>
        <span>{name}</span>
      </Breadcrumbs>
      <PageHeader
        title={name}
        description={
          <Group gap="xs" component="span">
            {p.mrn && (
              <Badge variant="outline" tt="none" radius="sm" data-testid="patient-mrn">
                {t('patient.mrnShort')} {p.mrn}
              </Badge>
            )}
            {p.dateOfBirth && <span>{t('patient.age', { years: f.age(p.dateOfBirth) })}</span>}
            <span>{t(`sex.${p.sex}`)}</span>
            {p.temporary && (
              <Badge color="orange" variant="light" data-testid="temporary-record">
                {t('patient.temporary.badge')}
              </Badge>
            )}
          </Group>
        }
        actions={<AdmitButton patient={{ id: p.id, name, mrn: p.mrn }} />}
      />
      {active.length > 0 && (
        <Card mb="md" bg="var(--mantine-color-red-light)" withBorder={false} role="note">
          <Group gap="xs">
            <Title order={2} fz="sm" c="red">
              {t('patient.allergyAlert')}
            </Title>
            {active.map((a) => (
              <Badge key={a.id} color="red" variant="filled" tt="none">
                {a.substance}
              </Badge>
            ))}
          </Group>
        </Card>
      )}
      {p.temporary && can('patients:update') && !editing && (
        <Alert color="orange" mb="md" role="note">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('patient.temporary.alert')}</Text>
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                color="orange"
                onClick={() => {
                  setTab('overview');
                  setEditing(true);
                }}
              >
                {t('patient.edit')}
              </Button>
              {can('patients:create') && (
                <Button size="xs" variant="outline" color="orange" onClick={() => setMerging(true)}>
                  {t('patient.merge.open')}
                </Button>
              )}
            </Group>
          </Group>
        </Alert>
      )}
      {merging && (
        <MergePatientDialog patient={{ id: p.id, name, mrn: p.mrn }} onClose={() => setMerging(false)} />
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">{t('patient.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="safety">{t('patient.tabs.safety')}</Tabs.Tab>
          <Tabs.Tab value="documents">{t('documents.tab')}</Tabs.Tab>
          <Tabs.Tab value="consents">{t('consent.panel.tab')}</Tabs.Tab>
          <Tabs.Tab value="timeline">{t('patient.tabs.timeline')}</Tabs.Tab>
          {clinical && <Tabs.Tab value="visits">{t('visits.tab')}</Tabs.Tab>}
          {can('audit:read') && <Tabs.Tab value="access">{t('patient.tabs.access')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Stack>
            {editing ? (
              <Card>
                <Title order={2} fz="h4" mb="md">
                  {t('patient.edit')}
                </Title>
                <EditPatientForm patient={p} queryKey={patientKey(id)} onDone={() => setEditing(false)} />
              </Card>
            ) : (
              <PatientOverview
                patient={p}
                actions={
                  can('patients:update') && (
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconPencil size={14} aria-hidden />}
                      onClick={() => setEditing(true)}
                    >
                      {t('actions.edit')}
                    </Button>
                  )
                }
              />
            )}
            {can('invoices:read') && <PatientAccountCard patientId={p.id} />}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="safety">
          <SafetyPanel patient={p} canEdit={can('patients:clinical-update')} queryKey={patientKey(id)} />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <DocumentsPanel
            patientId={p.id}
            canUpload={can('documents:upload')}
            // Staff withdraw only their own hospital's uploads; the patient's own stay theirs.
            canWithdraw={(d) =>
              can('documents:upload') && !!d.hospitalId && d.hospitalId === activeHospital?.id
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="consents">
          <ConsentsPanel patientId={p.id} canRecord={can('patients:update')} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <TimelinePanel patientId={p.id} />
        </Tabs.Panel>
        {clinical && (
          <Tabs.Panel value="visits">
            <Stack>
              {can('consultations:write') && (
                <Group>
                  <Button component={Link} to={`/app/consultations/new?patientId=${p.id}`} variant="light">
                    {t('consultation.start')}
                  </Button>
                </Group>
              )}
              <VisitList
                path={`/api/patients/${p.id}/visits`}
                linkToConsultation={can('consultations:write')}
              />
            </Stack>
          </Tabs.Panel>
        )}
        {can('audit:read') && (
          <Tabs.Panel value="access">
            <AccessLogPanel patientId={p.id} description={t('accessLog.staffHint')} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
