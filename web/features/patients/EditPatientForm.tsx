import { Alert, Checkbox, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdatePatient, type Patient } from '../../../contracts/patients';
import { patch } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { EMPTY_DEMOGRAPHICS, PatientFields, type DemographicValues } from './PatientFields';
import { FormActions } from '../../components/FormActions';

function toValues(p: Patient): DemographicValues {
  const out = { ...EMPTY_DEMOGRAPHICS };
  for (const k of Object.keys(out) as (keyof DemographicValues)[]) out[k] = (p[k] as string | null) ?? '';
  return out;
}

/** Edits a record: only the fields that changed are sent; a field emptied is cleared (null). */
export function EditPatientForm({
  patient,
  only,
  queryKey,
  onDone,
}: {
  patient: Patient;
  only?: readonly string[];
  queryKey: readonly unknown[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial = toValues(patient);
  const form = useForm<DemographicValues>({ initialValues: initial });
  // A temporary (emergency) record: staff say when its details are complete.
  const [complete, setComplete] = useState(false);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const changes: Record<string, string | null | false> = {};
    for (const k of Object.keys(values) as (keyof DemographicValues)[]) {
      if (only && !only.includes(k)) continue;
      const value = values[k].trim();
      if (value === initial[k]) continue;
      changes[k] = value === '' && k !== 'givenName' ? null : value;
    }
    if (complete) changes.temporary = false;
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    const body = validateWith(UpdatePatient, changes, form);
    if (!body) return;
    setBusy(true);
    try {
      const updated = await patch<Patient>(`/api/patients/${patient.id}`, body);
      client.setQueryData(queryKey, updated);
      form.resetDirty();
      notifySuccess(t('patient.saved'));
      onDone();
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <UnsavedChangesGuard when={form.isDirty() && !busy} />
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <PatientFields form={form} only={only} />
        {patient.temporary && !only && (
          <Checkbox
            label={t('patient.temporary.complete')}
            description={t('patient.temporary.completeHint')}
            checked={complete}
            onChange={(e) => setComplete(e.currentTarget.checked)}
          />
        )}
        <FormActions onCancel={onDone} disabled={busy} submitting={busy} />
      </Stack>
    </form>
  );
}
