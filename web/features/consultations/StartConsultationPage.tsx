import { Button, Card, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PatientSummary } from '../../../contracts/patients';
import { PageHeader } from '../../components/PageHeader';
import { PatientPicker } from '../dispensing/PatientPicker';

/** A walk-in consultation: choose a patient registered here, then the consultation opens. */
export default function StartConsultationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  return (
    <>
      <PageHeader title={t('consultation.startTitle')} description={t('consultation.startDescription')} />
      <Card maw={640}>
        <Stack>
          <PatientPicker
            label={t('consultation.patient')}
            description={t('consultation.patientHint')}
            value={patient}
            required
            onChange={setPatient}
          />
          <Group justify="flex-end">
            <Button
              disabled={!patient}
              onClick={() => patient && void navigate(`/app/consultations/new?patientId=${patient.id}`)}
            >
              {t('consultation.start')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}
