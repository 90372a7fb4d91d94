import { Badge, Button, Card, EmptyState, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconDeviceTv, IconLogin2, IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../contracts/scheduling';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { ApiError, post } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { useZoneFormat } from '../appointments/SlotPicker';
import { localToday, useDayAppointments, useHospital, useRefreshQueue } from './queries';
import { WalkInModal } from './WalkInModal';

/**
 * The front desk's day at the active hospital: today's appointments by doctor, checking patients in
 * as they arrive (each gets the next token of their doctor's queue), walk-ins, and the queue screen.
 */
export default function FrontDeskPage() {
  const { t } = useTranslation();
  const { activeHospital } = useSession();
  const hospital = useHospital(activeHospital?.id ?? null);
  const timeZone = hospital.data?.timeZone ?? null;
  const today = timeZone ? localToday(timeZone) : null;
  const day = useDayAppointments(today);
  const zf = useZoneFormat(timeZone);
  const [walkIn, setWalkIn] = useState(false);

  const byDoctor = useMemo(() => {
    const groups = new Map<string, { doctorName: string; items: Appointment[] }>();
    for (const a of day.data ?? []) {
      let g = groups.get(a.doctorId);
      if (!g) groups.set(a.doctorId, (g = { doctorName: a.doctorName, items: [] }));
      g.items.push(a);
    }
    return [...groups.entries()].sort((x, y) => x[1].doctorName.localeCompare(y[1].doctorName));
  }, [day.data]);

  return (
    <>
      <PageHeader
        title={t('queue.frontDeskTitle')}
        description={
          today
            ? t('queue.frontDeskDescription', {
                hospital: activeHospital?.name ?? '',
                date: zf.dayLong(today),
              })
            : activeHospital?.name
        }
        actions={
          <>
            <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setWalkIn(true)}>
              {t('queue.walkIn')}
            </Button>
            {hospital.data && (
              <Button
                component="a"
                href={`/queue/${hospital.data.code}`}
                target="_blank"
                rel="noopener"
                variant="default"
                leftSection={<IconDeviceTv size={18} aria-hidden />}
              >
                {t('queue.openScreen')}
              </Button>
            )}
          </>
        }
      />
      <Stack maw={1100}>
        {hospital.isError && <LoadError error={hospital.error} onRetry={() => void hospital.refetch()} />}
        {day.isError && <LoadError error={day.error} onRetry={() => void day.refetch()} />}
        {(hospital.isPending || (today && day.isPending)) && (
          <Stack gap="sm" aria-busy>
            <Skeleton h={140} />
            <Skeleton h={140} />
          </Stack>
        )}
        {day.data && day.data.length === 0 && (
          <EmptyState
            icon={<IconCalendarEvent size={28} aria-hidden />}
            withIndicatorBackground
            title={t('queue.nothingToday')}
            description={t('queue.nothingTodayBody')}
            py="xl"
          />
        )}
        {byDoctor.map(([doctorId, g]) => (
          <Card key={doctorId} data-testid="front-desk-doctor">
            <Group justify="space-between" mb="xs" gap="xs">
              <Title order={2} fz="h4">
                {g.doctorName}
              </Title>
              <Text size="sm" c="dimmed">
                {t('queue.countToday', { count: g.items.length })}
              </Text>
            </Group>
            <Stack gap={0}>
              {g.items.map((a) => (
                <AppointmentRow key={a.id} appointment={a} timeZone={timeZone} />
              ))}
            </Stack>
          </Card>
        ))}
      </Stack>
      {walkIn && <WalkInModal opened onClose={() => setWalkIn(false)} />}
    </>
  );
}

function AppointmentRow({ appointment: a, timeZone }: { appointment: Appointment; timeZone: string | null }) {
  const { t } = useTranslation();
  const zf = useZoneFormat(timeZone);
  const refresh = useRefreshQueue();
  const [busy, setBusy] = useState(false);

  const checkIn = async () => {
    setBusy(true);
    try {
      const done = await post<Appointment>(`/api/appointments/${a.id}/check-in`);
      notifySuccess(t('queue.checkedIn', { patient: a.patientName, token: done.token }));
    } catch (err) {
      const token = err instanceof ApiError ? err.problem?.token : undefined;
      if (err instanceof ApiError && err.code === 'ALREADY_CHECKED_IN' && typeof token === 'number') {
        notifySuccess(t('queue.alreadyCheckedIn', { token }));
      } else notifyError(err);
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  return (
    <Group
      justify="space-between"
      gap="xs"
      py="xs"
      wrap="wrap"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      data-testid="front-desk-appointment"
    >
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 16rem' }}>
        <Text ff="monospace" size="sm" w="4.5rem" style={{ flexShrink: 0 }}>
          {zf.time(a.startsAt)}
        </Text>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {a.patientName}
          </Text>
          {a.mrn && (
            <Text size="xs" c="dimmed" ff="monospace">
              {a.mrn}
            </Text>
          )}
        </Stack>
      </Group>
      <Group gap="xs" wrap="wrap" justify="flex-end">
        {a.walkIn && (
          <Badge variant="outline" color="gray" tt="none">
            {t('queue.walkInBadge')}
          </Badge>
        )}
        {a.token !== null && (
          <Badge size="lg" variant="filled" color="indigo" tt="none" data-testid="token">
            {t('queue.token', { token: a.token })}
          </Badge>
        )}
        <AppointmentStatusBadge status={a.status} />
        {a.status === 'booked' && (
          <Button
            size="xs"
            loading={busy}
            leftSection={<IconLogin2 size={16} aria-hidden />}
            onClick={() => void checkIn()}
          >
            {t('queue.checkIn')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
