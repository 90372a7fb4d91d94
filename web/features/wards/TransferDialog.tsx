import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Admission } from '../../../contracts/wards';
import { post } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { BedPicker } from './BedPicker';
import { WardDialog } from './WardDialog';
import { useWardSubmit } from './ward-submit';

/** Moves an admitted patient to another free bed; the bed they leave goes to cleaning. */
export function TransferDialog({
  admissionId,
  patientName,
  fromBed,
  onClose,
}: {
  admissionId: string;
  patientName: string;
  /** The bed the patient lies in now: its label, and its id to leave it out of the picker. */
  fromBed: { id: string; label: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useWardSubmit('transfer');
  const [bedId, setBedId] = useState<string | null>(null);
  const [bedError, setBedError] = useState<string | null>(null);

  const submit = async () => {
    setBedError(bedId ? null : t('wards.admit.chooseBed'));
    if (!bedId) return;
    const moved = await run(
      async () => {
        const admission = await post<Admission>(`/api/wards/admissions/${admissionId}/transfer`, { bedId });
        notifySuccess(t('wards.transfer.done', { name: patientName, bed: admission.bed?.bedLabel ?? '' }));
      },
      () => setBedId(null),
    );
    if (moved) onClose();
  };

  return (
    <WardDialog
      title={t('wards.transfer.title', { name: patientName })}
      size="lg"
      error={error}
      busy={busy}
      submitLabel={t('wards.transfer.submit')}
      onClose={onClose}
      onSubmit={submit}
    >
      <Text size="sm">{t('wards.transfer.from', { bed: fromBed.label })}</Text>
      <BedPicker
        label={t('wards.transfer.to')}
        value={bedId}
        onChange={setBedId}
        exceptBedId={fromBed.id}
        error={bedError}
      />
    </WardDialog>
  );
}
