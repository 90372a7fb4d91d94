import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../contracts/scheduling';
import { ApiError, post } from '../../lib/api';
import { errorMessage } from '../../lib/forms';
import { notifySuccess } from '../../lib/forms';
import { useRefreshAfterChange } from './queries';
import { SlotPicker, useZoneFormat, type PickedSlot } from './SlotPicker';

/** Moves an appointment to another free slot of the same doctor (the server does it atomically). */
export function RescheduleModal({
  appointment: a,
  opened,
  onClose,
}: {
  appointment: Appointment;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const zf = useZoneFormat(a.timeZone);
  const refresh = useRefreshAfterChange();
  const [slot, setSlot] = useState<PickedSlot | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pick = useCallback((s: PickedSlot | null) => setSlot(s), []);
  const phone = useMediaQuery('(max-width: 36em)');

  const close = () => {
    setSlot(null);
    setError(null);
    onClose();
  };
  const move = async () => {
    if (!slot) return;
    setBusy(true);
    setError(null);
    try {
      const moved = await post<Appointment>(`/api/appointments/${a.id}/reschedule`, {
        startsAt: slot.startsAt,
      });
      await refresh(a.doctorId);
      notifySuccess(t('appointments.moved', { when: zf.dateTime(moved.startsAt) }));
      close();
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError && err.code === 'SLOT_TAKEN') {
        setSlot(null);
        await refresh(a.doctorId);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('appointments.rescheduleTitle')}
      size="xl"
      fullScreen={phone}
    >
      <Stack gap="sm">
        <Text size="sm">
          {t('appointments.rescheduleFrom', { when: zf.dateTime(a.startsAt), doctor: a.doctorName })}
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {opened && (
          <SlotPicker
            doctorId={a.doctorId}
            value={slot?.startsAt ?? null}
            onChange={pick}
            exceptStartsAt={a.startsAt}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('actions.cancel')}
          </Button>
          <Button disabled={!slot} loading={busy} onClick={() => void move()}>
            {slot
              ? t('appointments.moveTo', { when: zf.dateTime(slot.startsAt) })
              : t('appointments.chooseNewTime')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Asks before cancelling; staff must give the patient a reason, a patient may. */
export function CancelModal({
  appointment: a,
  opened,
  onClose,
  staff,
}: {
  appointment: Appointment;
  opened: boolean;
  onClose: () => void;
  staff?: boolean;
}) {
  const { t } = useTranslation();
  const zf = useZoneFormat(a.timeZone);
  const refresh = useRefreshAfterChange();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };
  const cancel = async () => {
    if (staff && !reason.trim()) {
      setError(t('confirm.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await post<Appointment>(
        `/api/appointments/${a.id}/cancel`,
        reason.trim() ? { reason: reason.trim() } : {},
      );
      await refresh(a.doctorId);
      notifySuccess(t('appointments.cancelled'));
      close();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('appointments.cancelTitle')} centered>
      <Stack gap="sm">
        <Text size="sm">
          {t('appointments.cancelQuestion', { when: zf.dateTime(a.startsAt), doctor: a.doctorName })}
        </Text>
        <Textarea
          label={staff ? t('appointments.cancelReasonStaff') : t('appointments.cancelReason')}
          required={staff}
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
          <Button variant="default" onClick={close}>
            {t('appointments.keep')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void cancel()}>
            {t('appointments.cancelConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
