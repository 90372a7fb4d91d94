// The discharge dialog in one file: the discharge body is being restructured (diagnoses,
// procedures, medicines, follow-up); this calls today's API, a summary as free text.
import { Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DischargePatient } from '../../../contracts/wards';
import { post } from '../../lib/api';
import { notifySuccess, validateWith } from '../../lib/forms';
import { WardDialog } from './WardDialog';
import { useWardSubmit } from './ward-submit';

/** Discharges an admitted patient with a summary; their bed goes to cleaning. */
export function DischargeDialog({
  admissionId,
  patientName,
  onClose,
}: {
  admissionId: string;
  patientName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useWardSubmit('discharge');
  const [summary, setSummary] = useState('');
  const [summaryError, setSummaryError] = useState<string | null>(null);

  const submit = async () => {
    setSummaryError(null);
    const body = validateWith(
      DischargePatient,
      { summary: summary.trim() },
      { setErrors: (errors) => setSummaryError(errors.summary ?? null) },
    );
    if (!body) return;
    const done = await run(async () => {
      await post(`/api/wards/admissions/${admissionId}/discharge`, body);
      notifySuccess(t('wards.discharge.done', { name: patientName }));
    });
    if (done) onClose();
  };

  return (
    <WardDialog
      title={t('wards.discharge.title', { name: patientName })}
      size="lg"
      error={error}
      busy={busy}
      submitLabel={t('wards.discharge.submit')}
      onClose={onClose}
      onSubmit={submit}
    >
      <Text size="sm">{t('wards.discharge.intro')}</Text>
      <Textarea
        label={t('wards.discharge.summary')}
        description={t('wards.discharge.summaryHint')}
        autosize
        minRows={6}
        maxLength={20_000}
        required
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
        error={summaryError}
        data-autofocus
      />
    </WardDialog>
  );
}
