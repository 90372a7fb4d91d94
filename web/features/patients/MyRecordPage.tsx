import { Badge, Button, Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_FIELDS } from '../../../contracts/patients';
import { useFormat } from '../../lib/format';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { EditPatientForm } from './EditPatientForm';
import { AccessLogPanel, TimelinePanel } from './HistoryPanels';
import { PatientOverview } from './PatientOverview';
import { patientKey, usePatient } from './queries';
import { SafetyPanel } from './SafetyPanel';

/** A patient's own record: they may change their contact details; the rest is kept by their hospitals. */
export default function MyRecordPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const record = usePatient('me');

  if (record.isPending) return <DetailSkeleton />;
  if (record.isError) return <LoadError error={record.error} onRetry={() => void record.refetch()} />;
  const p = record.data;

  return (
    <>
      <PageHeader title={t('myRecord.title')} description={t('myRecord.description')} />
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">{t('patient.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="safety">{t('patient.tabs.safety')}</Tabs.Tab>
          <Tabs.Tab value="documents">{t('documents.tab')}</Tabs.Tab>
          <Tabs.Tab value="timeline">{t('patient.tabs.timeline')}</Tabs.Tab>
          <Tabs.Tab value="access">{t('patient.tabs.access')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Stack>
            {editing ? (
              <Card>
                <Title order={2} fz="h4" mb="md">
                  {t('myRecord.editContact')}
                </Title>
                <EditPatientForm
                  patient={p}
                  only={CONTACT_FIELDS}
                  queryKey={patientKey('me')}
                  onDone={() => setEditing(false)}
                />
              </Card>
            ) : (
              <PatientOverview
                patient={p}
                actions={
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconPencil size={14} aria-hidden />}
                    onClick={() => setEditing(true)}
                  >
                    {t('myRecord.editContact')}
                  </Button>
                }
              />
            )}
            <Card>
              <Title order={2} fz="h4" mb="sm">
                {t('myRecord.hospitals')}
              </Title>
              {p.registrations.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('dashboard.noHospitalsYet')}
                </Text>
              ) : (
                <Stack gap="xs">
                  {p.registrations.map((r) => (
                    <Group key={r.hospitalId} justify="space-between" wrap="wrap">
                      <Text fw={500}>{r.hospitalName}</Text>
                      <Group gap="xs">
                        <Badge variant="outline" tt="none" radius="sm">
                          {t('patient.mrnShort')} {r.mrn}
                        </Badge>
                        <Text size="sm" c="dimmed">
                          {t('myRecord.since', { date: f.day(r.registeredAt) })}
                        </Text>
                      </Group>
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="safety">
          <SafetyPanel patient={p} canEdit={false} queryKey={patientKey('me')} />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          {/* A patient adds their own files and may withdraw only those (not a hospital's). */}
          <DocumentsPanel patientId={p.id} canUpload canWithdraw={(d) => d.hospitalId === null} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <TimelinePanel patientId={p.id} />
        </Tabs.Panel>
        <Tabs.Panel value="access">
          <AccessLogPanel patientId={p.id} description={t('accessLog.patientHint')} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
