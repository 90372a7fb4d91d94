import { Alert, Card, Stack, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SlotPicker, type PickedSlot } from './SlotPicker';

/**
 * The time a booking form has chosen, and why an earlier choice was dropped (someone booked it
 * meanwhile). Choosing another time clears that notice; so does any other change (`reset`).
 */
export function useSlotChoice() {
  const [slot, setSlot] = useState<PickedSlot | null>(null);
  const [gone, setGone] = useState<string | null>(null);
  const pick = useCallback((s: PickedSlot | null) => {
    setSlot(s);
    if (s) setGone(null);
  }, []);
  const reset = useCallback(() => {
    setSlot(null);
    setGone(null);
  }, []);
  /** The chosen time was taken before the booking reached it: drop it and say so. */
  const lost = useCallback((message: string) => {
    setSlot(null);
    setGone(message);
  }, []);
  return { slot, gone, pick, reset, lost };
}

export type SlotChoice = ReturnType<typeof useSlotChoice>;

/** The "Date and time" step of a booking: why the last choice went, then the doctor's free times. */
export function TimeStep({ doctorId, choice }: { doctorId: string; choice: SlotChoice }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('appointments.stepTime')}
        </Title>
        {choice.gone && (
          <Alert color="orange" role="alert">
            {choice.gone}
          </Alert>
        )}
        <SlotPicker doctorId={doctorId} value={choice.slot?.startsAt ?? null} onChange={choice.pick} />
      </Stack>
    </Card>
  );
}
