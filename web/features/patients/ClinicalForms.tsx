import { Alert, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewAllergy, NewCondition } from '../../../contracts/patients';
import { post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith, withoutBlanks } from '../../lib/forms';
import { FormActions } from '../../components/FormActions';

interface ModalProps {
  patientId: string;
  opened: boolean;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}

/** Records an allergy on the patient. */
export function AddAllergyModal({ patientId, opened, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { substance: '', reaction: '', severity: 'unknown' } });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(NewAllergy, withoutBlanks(values), form);
    if (!body) return;
    try {
      await post(`/api/patients/${patientId}/allergies`, body);
      notifySuccess(t('allergy.recorded'));
      form.reset();
      onClose();
      await onSaved();
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('allergy.add')} centered>
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <TextInput
            label={t('allergy.substance')}
            required
            data-autofocus
            {...form.getInputProps('substance')}
          />
          <TextInput label={t('allergy.reaction')} {...form.getInputProps('reaction')} />
          <Select
            label={t('allergy.severity')}
            data={(['mild', 'moderate', 'severe', 'unknown'] as const).map((s) => ({
              value: s,
              label: t(`allergy.severities.${s}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps('severity')}
          />
          <FormActions onCancel={onClose} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Records a condition, with an optional ICD-10 code and onset date. */
export function AddConditionModal({ patientId, opened, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: '', icd10Code: '', onsetDate: '' } });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(NewCondition, withoutBlanks(values), form);
    if (!body) return;
    try {
      await post(`/api/patients/${patientId}/conditions`, body);
      notifySuccess(t('condition.recorded'));
      form.reset();
      onClose();
      await onSaved();
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('condition.add')} centered>
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <TextInput label={t('condition.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('condition.icd10')} placeholder="E11.9" {...form.getInputProps('icd10Code')} />
          <TextInput type="date" label={t('condition.onset')} {...form.getInputProps('onsetDate')} />
          <FormActions onCancel={onClose} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
