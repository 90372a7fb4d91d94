import { Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { WardDialog } from './WardDialog';
import { useWardSubmit } from './ward-submit';

/** Cancels the reservation holding a bed (with a reason, if given); the bed is free again. */
export function CancelReservationDialog({
  reservationId,
  patientName,
  bedLabel,
  onClose,
}: {
  reservationId: string;
  patientName: string;
  bedLabel: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useWardSubmit('cancelReservation');
  const [reason, setReason] = useState('');

  const submit = async () => {
    const done = await run(async () => {
      await post(`/api/wards/reservations/${reservationId}/cancel`, { reason: reason.trim() });
      notifySuccess(t('reservations.cancelled', { bed: bedLabel }));
    });
    if (done) onClose();
  };

  return (
    <WardDialog
      title={t('reservations.cancelTitle', { bed: bedLabel })}
      error={error}
      busy={busy}
      submitLabel={t('reservations.cancel')}
      onClose={onClose}
      onSubmit={submit}
    >
      <Text size="sm">{t('reservations.cancelMessage', { name: patientName })}</Text>
      <Textarea
        label={t('reservations.cancelReason')}
        autosize
        minRows={2}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
    </WardDialog>
  );
}
