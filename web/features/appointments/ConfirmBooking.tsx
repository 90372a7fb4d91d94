import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCalendarCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../contracts/scheduling';
import { ApiError, post } from '../../lib/api';
import { errorMessage } from '../../lib/forms';
import { BookingAttempt } from './attempt';
import { useRefreshAfterChange } from './queries';
import { useZoneFormat, type PickedSlot } from './SlotPicker';

/** Refusals that mean the chosen time is no longer free: choose again from fresh slots. */
const SLOT_GONE = new Set<string>(['SLOT_TAKEN', 'IN_THE_PAST', 'OUTSIDE_AVAILABILITY']);

/**
 * The last step of a booking: what is about to be booked, an optional reason, and the button.
 * A retry after a lost answer sends the same idempotency key; when someone else took the slot
 * meanwhile, the free slots are fetched again and the person chooses another.
 */
export function ConfirmBooking({
  doctorId,
  doctorName,
  hospitalName,
  slot,
  patientId,
  patientName,
  onBooked,
  onSlotGone,
}: {
  doctorId: string;
  doctorName: string;
  hospitalName: string;
  slot: PickedSlot;
  /** The front desk books for this patient; absent: the signed-in patient for themselves. */
  patientId?: string;
  patientName?: string;
  onBooked: (a: Appointment) => void;
  /** The slot went meanwhile: the message to show by the slots, which were fetched again. */
  onSlotGone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const zf = useZoneFormat(slot.timeZone);
  const refresh = useRefreshAfterChange();
  const attempt = useRef(new BookingAttempt());
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const card = useRef<HTMLDivElement>(null);
  // On a phone the confirmation is below the fold once a time is chosen: bring it into view.
  useEffect(() => {
    // Braces: newer browsers return a promise from scrollIntoView, which must not become the cleanup.
    card.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [slot.startsAt]);

  const book = async () => {
    setError(null);
    const request = {
      doctorId,
      startsAt: slot.startsAt,
      ...(patientId ? { patientId } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    const idempotencyKey = attempt.current.keyFor(request);
    setBusy(true);
    try {
      const a = await post<Appointment>('/api/appointments', { idempotencyKey, ...request });
      attempt.current.settle();
      await refresh(doctorId);
      onBooked(a);
    } catch (err) {
      attempt.current.settle(err);
      if (err instanceof ApiError && SLOT_GONE.has(err.code)) {
        await refresh(doctorId);
        onSlotGone(errorMessage(err));
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card ref={card} data-testid="confirm-booking">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('appointments.confirmTitle')}
        </Title>
        <Stack gap={2}>
          <Text fw={600}>{zf.dateTime(slot.startsAt)}</Text>
          <Text size="sm">
            {t('appointments.withDoctorAt', { doctor: doctorName, hospital: hospitalName })}
          </Text>
          {patientName && <Text size="sm">{t('appointments.forPatient', { name: patientName })}</Text>}
          {zf.zoneNote() && (
            <Text size="xs" c="dimmed">
              {t('appointments.timesIn', { zone: zf.zoneName(new Date(slot.startsAt)) })}
            </Text>
          )}
        </Stack>
        <Textarea
          label={t('appointments.reason')}
          description={t('appointments.reasonHint')}
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            leftSection={<IconCalendarCheck size={18} aria-hidden />}
            loading={busy}
            onClick={() => void book()}
          >
            {t('appointments.confirm')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
