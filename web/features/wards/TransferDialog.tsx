import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Admission } from '../../../contracts/wards';
import { post } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { BedPicker } from './BedPicker';
import { useReservationOverride } from './ReservedOverride';
import { WardDialog } from './WardDialog';
import { useWardSubmit } from './ward-submit';

/**
 * Moves an admitted patient to another free bed; the bed they leave goes to cleaning. A bed reserved
 * for them takes them (the reservation is used); one reserved for someone else asks why first.
 */
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
  const override = useReservationOverride();
  const chooseBed = (id: string | null) => {
    setBedId(id);
    override.reset();
  };

  const submit = async () => {
    setBedError(bedId ? null : t('wards.admit.chooseBed'));
    const overriding = override.take();
    if (!bedId || !overriding) return;
    const moved = await run(
      async () => {
        const admission = await post<Admission>(`/api/wards/admissions/${admissionId}/transfer`, {
          bedId,
          ...overriding,
        });
        notifySuccess(t('wards.transfer.done', { name: patientName, bed: admission.bed?.bedLabel ?? '' }));
      },
      () => chooseBed(null),
      override.onFail,
    );
    if (moved) onClose();
  };

  return (
    <WardDialog
      title={t('wards.transfer.title', { name: patientName })}
      size="lg"
      error={error}
      busy={busy}
      submitLabel={override.asked ? t('reservations.override.transfer') : t('wards.transfer.submit')}
      onClose={onClose}
      onSubmit={submit}
    >
      <Text size="sm">{t('wards.transfer.from', { bed: fromBed.label })}</Text>
      <BedPicker
        label={t('wards.transfer.to')}
        value={bedId}
        onChange={chooseBed}
        exceptBedId={fromBed.id}
        error={bedError}
      />
      {override.field(bedId)}
    </WardDialog>
  );
}
