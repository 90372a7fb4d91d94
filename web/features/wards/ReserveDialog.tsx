import { Checkbox, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateReservation,
  MAX_RESERVATION_DAYS,
  type Reservation,
} from '../../../contracts/bed-reservations';
import type { PatientSummary } from '../../../contracts/patients';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess, validateWith } from '../../lib/forms';
import { PatientPicker } from '../dispensing/PatientPicker';
import { WardDialog } from './WardDialog';
import { useWardSubmit } from './ward-submit';
import { fromLocalInput, toLocalInput } from './zoned-time';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type Errors = Partial<Record<'patient' | 'from' | 'until' | 'reason', string>>;

/**
 * Reserves a free bed for a named patient: now or from a later time, until the reservation lapses
 * (at most a week ahead), with the reason. Times are the hospital's wall clock.
 */
export function ReserveDialog({ bed, onClose }: { bed: { id: string; label: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const zone = f.zoneName();
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [later, setLater] = useState(false);
  const [from, setFrom] = useState('');
  // A day from now, on the hour, unless the desk says otherwise.
  const [until, setUntil] = useState(() =>
    toLocalInput(Math.ceil((Date.now() + DAY_MS) / HOUR_MS) * HOUR_MS, f.timeZone),
  );
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const { busy, error, run } = useWardSubmit('reserve');

  /** The times as instants, or what is wrong with them. */
  const times = (): { ok: true; from?: string; until: string } | { ok: false; errors: Errors } => {
    const now = Date.now();
    const start = later ? fromLocalInput(from, f.timeZone) : now;
    const end = fromLocalInput(until, f.timeZone);
    const wrong = (e: Errors) => ({ ok: false as const, errors: e });
    if (start === null) return wrong({ from: t('reservations.invalid.fromRequired') });
    if (end === null) return wrong({ until: t('reservations.invalid.untilRequired') });
    if (later && start < now - 60_000) return wrong({ from: t('reservations.invalid.past') });
    if (end <= now) return wrong({ until: t('reservations.invalid.past') });
    if (end <= start) return wrong({ until: t('reservations.invalid.untilBeforeFrom') });
    if (end > now + MAX_RESERVATION_DAYS * DAY_MS) {
      return wrong({ until: t('reservations.invalid.tooFar', { days: MAX_RESERVATION_DAYS }) });
    }
    const starting = later ? { from: new Date(start).toISOString() } : {};
    return { ok: true, ...starting, until: new Date(end).toISOString() };
  };

  const submit = async () => {
    const when = times();
    const missing: Errors = {
      ...(patient ? {} : { patient: t('reservations.choosePatient') }),
      ...(when.ok ? {} : when.errors),
    };
    setErrors(missing);
    if (!patient || !when.ok) return;
    const { ok: _ok, ...window } = when;
    const body = validateWith(
      CreateReservation,
      { bedId: bed.id, patientId: patient.id, ...window, reason: reason.trim() },
      { setErrors: (e) => setErrors({ reason: e.reason, until: e.until }) },
    );
    if (!body) return;
    const name = [patient.givenName, patient.familyName].filter(Boolean).join(' ');
    const done = await run(async () => {
      await post<Reservation>('/api/wards/reservations', body);
      notifySuccess(t('reservations.done', { bed: bed.label, name }));
    });
    if (done) onClose();
  };

  return (
    <WardDialog
      title={t('reservations.title', { bed: bed.label })}
      size="lg"
      error={error}
      busy={busy}
      submitLabel={t('reservations.submit')}
      onClose={onClose}
      onSubmit={submit}
    >
      <PatientPicker
        label={t('reservations.patient')}
        value={patient}
        onChange={setPatient}
        required
        error={errors.patient}
      />
      <Checkbox
        label={t('reservations.startsLater')}
        checked={later}
        onChange={(e) => setLater(e.currentTarget.checked)}
      />
      <SimpleGrid cols={{ base: 1, sm: later ? 2 : 1 }}>
        {later && (
          <TextInput
            type="datetime-local"
            label={t('reservations.from')}
            description={t('reservations.zoneHint', { zone })}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            required
            error={errors.from}
          />
        )}
        <TextInput
          type="datetime-local"
          label={t('reservations.until')}
          description={t('reservations.untilHint', { days: MAX_RESERVATION_DAYS, zone })}
          value={until}
          onChange={(e) => setUntil(e.currentTarget.value)}
          required
          error={errors.until}
        />
      </SimpleGrid>
      <Textarea
        label={t('reservations.reason')}
        description={t('reservations.reasonHint')}
        autosize
        minRows={2}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
      />
    </WardDialog>
  );
}
