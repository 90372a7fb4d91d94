import { Alert, Anchor, Breadcrumbs, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CreateInvoice, type Invoice } from '../../../contracts/billing';
import type { Patient, PatientSummary } from '../../../contracts/patients';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { PatientPicker } from '../dispensing/PatientPicker';
import { BillDetailsFields } from './BillDetailsFields';
import { lineErrorSink, lineServerPaths, toCreateInvoice, type BillValues } from './bill-form';
import { BillLinesEditor } from './BillLinesEditor';
import { refreshBilling, useBillingCurrency, usePatientRecord } from './queries';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A patient's record as the picker shows a chosen patient. */
const summaryOf = (p: Patient): PatientSummary => ({
  id: p.id,
  mrn: p.mrn ?? '',
  givenName: p.givenName,
  familyName: p.familyName,
  dateOfBirth: p.dateOfBirth,
  sex: p.sex,
  phone: p.phone,
  registeredAt: p.createdAt,
});

/** "Generate bill": a draft invoice for a registered patient, its lines priced on the server. */
export default function GenerateBillPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { can } = useSession();
  const [params] = useSearchParams();
  const given = params.get('patientId');
  const preset = usePatientRecord(given && UUID.test(given) ? given : null);
  const currency = useBillingCurrency();
  const [picked, setPicked] = useState<PatientSummary | null | undefined>(undefined);
  const [patientError, setPatientError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState(false);
  const form = useForm<BillValues>({
    initialValues: { departmentId: '', doctorId: '', notes: '', lines: [] },
  });

  // A bill started from the patient's page comes with them chosen, until someone picks another.
  const patient = picked !== undefined ? picked : preset.data ? summaryOf(preset.data) : null;

  const submit = form.onSubmit(async (values) => {
    if (!currency.data) return;
    setError(null);
    if (!patient) {
      setPatientError(t('generateBill.choosePatient'));
      return;
    }
    const body = validateWith(
      CreateInvoice,
      toCreateInvoice(patient.id, values, currency.data),
      lineErrorSink(form),
    );
    if (!body) return;
    try {
      const invoice = await post<Invoice>('/api/billing/invoices', body);
      setCreated(true);
      await refreshBilling(client);
      notifySuccess(t('generateBill.created'));
      void navigate(`/app/invoices/${invoice.id}`);
    } catch (err) {
      const paths = lineServerPaths(values.lines.map((_, i) => ({ from: `lines.${i}.`, to: `lines.${i}.` })));
      setError(applyServerErrors(form, err, paths));
    }
  });

  const values = form.getValues();
  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/invoices" size="sm">
          {t('invoices.title')}
        </Anchor>
        <span>{t('generateBill.title')}</span>
      </Breadcrumbs>
      <PageHeader title={t('generateBill.title')} description={t('generateBill.description')} />
      {currency.isError ? (
        <LoadError error={currency.error} onRetry={() => void currency.refetch()} />
      ) : !currency.data || (preset.isLoading && !patient) ? (
        <DetailSkeleton />
      ) : (
        <form noValidate onSubmit={submit}>
          <Stack>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Card>
              <Stack>
                <PatientPicker
                  label={t('generateBill.patient')}
                  description={t('generateBill.patientHint')}
                  value={patient}
                  onChange={(p) => {
                    setPicked(p);
                    setPatientError(null);
                  }}
                  required
                  error={patientError}
                />
                <BillDetailsFields
                  values={values}
                  fieldProps={(name) => form.getInputProps(name)}
                  onChange={(name, v) => form.setFieldValue(name, v)}
                />
              </Stack>
            </Card>
            <Card>
              <Title order={2} fz="h4" mb="sm">
                {t('generateBill.lines')}
              </Title>
              <BillLinesEditor form={form} currency={currency.data} canDiscount={can('discounts:apply')} />
            </Card>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('generateBill.draftHint')}
              </Text>
              <Button type="submit" loading={form.submitting}>
                {t('generateBill.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <UnsavedChangesGuard when={form.isDirty() && !form.submitting && !created} />
    </>
  );
}
