import { Alert, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { findBed } from './board';
import { useBedBoard } from './queries';

/**
 * Putting a patient into a bed reserved for someone else (409 BED_RESERVED): the dialog then says
 * who it is held for and until when, and asks why; sent with the reason, the reservation gives way.
 * Choosing another bed forgets it.
 */
export function useReservationOverride() {
  const { t } = useTranslation();
  const [reason, setReason] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return {
    /** After a failed submit: ask for the reason when the bed turned out to be reserved. */
    onFail: (err: unknown) => {
      if (err instanceof ApiError && err.code === 'BED_RESERVED') setReason((r) => r ?? '');
    },
    reset: () => {
      setReason(null);
      setError(null);
    },
    asked: reason !== null,
    /** What to send: nothing when not asked; null (and the field says so) when asked but not given. */
    take: (): { overrideReservation?: string } | null => {
      if (reason === null) return {};
      const given = reason.trim();
      setError(given ? null : t('reservations.override.reasonRequired'));
      return given ? { overrideReservation: given } : null;
    },
    field: (bedId: string | null) =>
      reason !== null && bedId ? (
        <ReservedOverride bedId={bedId} value={reason} onChange={setReason} error={error} />
      ) : null,
  };
}

function ReservedOverride({
  bedId,
  value,
  onChange,
  error,
}: {
  bedId: string;
  value: string;
  onChange: (v: string) => void;
  error: string | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const held = findBed(useBedBoard().data, bedId)?.bed.reservation;
  return (
    <Stack gap="xs">
      <Alert color="yellow" role="status" title={t('reservations.override.title')}>
        {held
          ? t('reservations.override.body', { name: held.name, when: f.dateTime(held.until) })
          : t('reservations.override.bodyUnknown')}
      </Alert>
      <Textarea
        label={t('reservations.override.reason')}
        autosize
        minRows={2}
        maxLength={500}
        required
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        data-autofocus
      />
    </Stack>
  );
}
