import { Alert, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateMedicine, type Medicine } from '../../../contracts/pharmacy';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { patch } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import {
  FORM_NAME_OF,
  formToUpdate,
  medicineToForm,
  toFormErrors,
  type MedicineFormValues,
} from './medicine-form';
import { MedicineFields } from './MedicineFields';
import { medicineKey } from './queries';
import { FormActions } from '../../components/FormActions';

/** Changes a medicine's catalog details; only what changed is sent. */
export function EditMedicineForm({ medicine, onDone }: { medicine: Medicine; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<MedicineFormValues>({ initialValues: medicineToForm(medicine) });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(UpdateMedicine, formToUpdate(values, medicine), {
      setErrors: (e) => form.setErrors(toFormErrors(e)),
    });
    if (!body) return;
    if (Object.keys(body).length === 0) return onDone();
    try {
      const saved = await patch<Medicine>(`/api/medicines/${medicine.id}`, body);
      client.setQueryData(medicineKey(medicine.id), saved);
      await client.invalidateQueries({ queryKey: ['medicines'] });
      notifySuccess(t('medicineDetail.saved'));
      onDone();
    } catch (err) {
      setError(applyServerErrors(form, err, FORM_NAME_OF));
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <MedicineFields form={form} currency={medicine.currency} />
        <FormActions onCancel={onDone} submitting={form.submitting} />
      </Stack>
      <UnsavedChangesGuard when={form.isDirty() && !form.submitting} />
    </form>
  );
}
