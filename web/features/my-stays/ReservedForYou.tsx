import { Alert, Stack, Text } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import type { OwnReservations } from '../../../contracts/bed-reservations';
import { useMyReservations } from './queries';
import { OnClockOf } from '../../components/DateTime';

/** A bed the hospital holds for the patient (a planned admission): where, and from when until when. */
export function ReservedForYou() {
  const held = useMyReservations();
  if (!held.data?.items.length) return null;
  return (
    <Stack gap="sm">
      {held.data.items.map((r) => (
        // Each reservation reads on its hospital's clock, wherever the patient is.
        <OnClockOf key={r.id} zone={r.timeZone}>
          <Reservation reservation={r} />
        </OnClockOf>
      ))}
    </Stack>
  );
}

function Reservation({ reservation: r }: { reservation: OwnReservations['items'][number] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Alert
      color="teal"
      icon={<IconCalendarEvent size={20} aria-hidden />}
      title={t('myStays.reserved.title', { hospital: r.hospitalName })}
      data-testid="my-bed-reservation"
    >
      <Text size="sm">
        {t('myStays.reserved.body', {
          ward: r.wardName,
          bed: r.bedLabel,
          from: f.dateTime(r.from),
          until: f.dateTime(r.until),
        })}
      </Text>
      {r.reason && (
        <Text size="sm" mt={4}>
          {t('myStays.reserved.reason', { reason: r.reason })}
        </Text>
      )}
    </Alert>
  );
}
