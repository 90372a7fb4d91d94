import { Anchor, Breadcrumbs, Card, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PatientSummary } from '../../../contracts/patients';
import { PageHeader } from '../../components/PageHeader';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { notifySuccess } from '../../lib/forms';
import { PatientPicker } from '../dispensing/PatientPicker';
import { LabOrderForm } from './LabOrderForm';

/** A walk-in's lab order, taken at the front desk or the lab: the patient, then the tests. */
export default function NewLabOrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [patientError, setPatientError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/lab-orders" size="sm">
          {t('labOrders.title')}
        </Anchor>
        <span>{t('labOrders.newTitle')}</span>
      </Breadcrumbs>
      <PageHeader title={t('labOrders.newTitle')} description={t('labOrders.newDescription')} />
      <UnsavedChangesGuard when={dirty} />
      <Card maw={760}>
        <Stack>
          <PatientPicker
            label={t('labOrders.patientLabel')}
            value={patient}
            onChange={(p) => {
              setPatient(p);
              setPatientError(null);
            }}
            required
            error={patientError}
          />
          <LabOrderForm
            patientId={patient?.id ?? null}
            onNoPatient={() => setPatientError(t('labOrders.choosePatient'))}
            onDirty={setDirty}
            onCreated={async (order) => {
              notifySuccess(t('labOrders.created', { number: order.number }));
              await navigate(`/app/lab-orders/${order.id}`);
            }}
          />
        </Stack>
      </Card>
    </>
  );
}
