import { Alert, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Patient, PatientSummary } from '../../../contracts/patients';
import { FormActions } from '../../components/FormActions';
import { ApiError, post } from '../../lib/api';
import { applyServerErrors, notifySuccess } from '../../lib/forms';
import { PatientPicker } from '../dispensing/PatientPicker';

/**
 * Merges a temporary record (someone admitted before they could be identified) into the person's
 * own record at this hospital: the desk finds the person, says how they were identified, and is
 * told what happens before confirming. Afterwards the person's record opens; the temporary one is
 * found no more.
 */
export function MergePatientDialog({
  patient,
  onClose,
}: {
  patient: { id: string; name: string; mrn: string | null };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [into, setInto] = useState<PatientSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The server's SEX_DIFFERS answer for the chosen record: shown, and confirmed by merging anyway.
  const [sexDiffers, setSexDiffers] = useState<{ temporary: string; record: string } | null>(null);
  const form = useForm({
    initialValues: { intoPatientId: '', reason: '' },
    validate: {
      intoPatientId: () => (into ? null : t('patient.merge.choose')),
      reason: (v) => (v.trim() ? null : t('patient.merge.reasonRequired')),
    },
  });

  const submit = async () => {
    if (form.validate().hasErrors || !into) return;
    setBusy(true);
    setError(null);
    try {
      const merged = await post<Patient>(`/api/patients/${patient.id}/merge`, {
        intoPatientId: into.id,
        reason: form.getValues().reason,
        ...(sexDiffers ? { confirmSexDiffers: true } : {}),
      });
      // Everything the temporary record had now shows under the person: read it all again, but
      // not the temporary record's own reads, still on screen: it is gone, and each read of it
      // would be a refused request in the audit log.
      await client.invalidateQueries({
        predicate: (q) => !JSON.stringify(q.queryKey).includes(patient.id),
      });
      notifySuccess(
        t('patient.merge.done', {
          from: patient.name,
          into: `${merged.givenName} ${merged.familyName}`.trim(),
        }),
      );
      onClose();
      void navigate(`/app/patients/${merged.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SEX_DIFFERS') {
        const sex = (v: unknown) => t(`sex.${String(v)}` as 'sex.unknown').toLowerCase();
        setSexDiffers({
          temporary: sex(err.problem?.temporaryRecord),
          record: sex(err.problem?.patientRecord),
        });
        return;
      }
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('patient.merge.title', { name: patient.name })}
      centered
      size="lg"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {sexDiffers && into && (
            <Alert color="yellow" role="alert" data-testid="merge-sex-differs">
              {t('patient.merge.sexDiffers', {
                ...sexDiffers,
                name: `${into.givenName} ${into.familyName}`.trim(),
              })}
            </Alert>
          )}
          <Text size="sm">{t('patient.merge.explain', { mrn: patient.mrn ?? '' })}</Text>
          <PatientPicker
            label={t('patient.merge.into')}
            value={into}
            onChange={(p) => {
              setInto(p);
              setSexDiffers(null);
              form.setFieldValue('intoPatientId', p?.id ?? '');
              form.clearFieldError('intoPatientId');
            }}
            required
            error={form.errors.intoPatientId as string | undefined}
          />
          <TextInput
            label={t('patient.merge.reason')}
            placeholder={t('patient.merge.reasonPlaceholder')}
            maxLength={300}
            required
            {...form.getInputProps('reason')}
          />
          <FormActions
            onCancel={onClose}
            submitting={busy}
            submitLabel={t(sexDiffers ? 'patient.merge.submitAnyway' : 'patient.merge.submit')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
