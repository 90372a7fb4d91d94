import { Button, Card, EmptyState, Group, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { IconCalendarEvent, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Appointment } from '../../../contracts/scheduling';
import { TablePager } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { AppointmentStatusBadge } from './AppointmentStatusBadge';
import { CancelModal, RescheduleModal } from './ChangeAppointment';
import { useMyAppointments } from './queries';
import { useZoneFormat } from './SlotPicker';
import { useNow } from './use-now';

const PAGE_SIZE = 10;
type When = 'upcoming' | 'past';

/** A patient's appointments: what is coming (soonest first) and what has been (latest first). */
export default function MyAppointmentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const when: When = params.get('when') === 'past' ? 'past' : 'upcoming';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const list = useMyAppointments(when, page, PAGE_SIZE);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('appointments.mineTitle')}
        description={t('appointments.mineDescription')}
        actions={
          <Button component={Link} to="/app/book" leftSection={<IconPlus size={18} aria-hidden />}>
            {t('appointments.bookNew')}
          </Button>
        }
      />
      <Stack maw={900}>
        <SegmentedControl
          value={when}
          onChange={(v) => set({ when: v })}
          data={[
            { value: 'upcoming', label: t('appointments.upcoming') },
            { value: 'past', label: t('appointments.past') },
          ]}
          w={{ base: '100%', xs: 320 }}
        />
        {list.isPending && (
          <Stack gap="sm" aria-busy>
            <Skeleton h={110} />
            <Skeleton h={110} />
          </Stack>
        )}
        {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && (
          <EmptyState
            icon={<IconCalendarEvent size={28} aria-hidden />}
            withIndicatorBackground
            title={when === 'upcoming' ? t('appointments.noUpcoming') : t('appointments.noPast')}
            description={when === 'upcoming' ? t('appointments.noUpcomingBody') : undefined}
            py="xl"
          >
            {when === 'upcoming' && (
              <Button component={Link} to="/app/book" mt="sm">
                {t('appointments.bookNew')}
              </Button>
            )}
          </EmptyState>
        )}
        {list.data?.items.map((a) => (
          <AppointmentCard
            key={a.id}
            appointment={a}
            onMove={() => setMoving(a)}
            onCancel={() => setCancelling(a)}
          />
        ))}
        {list.data && (
          <TablePager
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onChange={(p) => set({ page: String(p) })}
          />
        )}
      </Stack>
      {moving && <RescheduleModal appointment={moving} opened onClose={() => setMoving(null)} />}
      {cancelling && <CancelModal appointment={cancelling} opened onClose={() => setCancelling(null)} />}
    </>
  );
}

function AppointmentCard({
  appointment: a,
  onMove,
  onCancel,
}: {
  appointment: Appointment;
  onMove: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const zf = useZoneFormat(a.timeZone);
  const now = useNow();
  const changeable = a.status === 'booked' && Date.parse(a.startsAt) > now;
  return (
    <Card data-testid="my-appointment">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
          <Text fw={600}>{zf.dateTime(a.startsAt)}</Text>
          <Text size="sm">
            {t('appointments.withDoctorAt', { doctor: a.doctorName, hospital: a.hospitalName })}
          </Text>
          {zf.zoneNote() && (
            <Text size="xs" c="dimmed">
              {t('appointments.timesIn', { zone: zf.zoneName(new Date(a.startsAt)) })}
            </Text>
          )}
          {a.reason && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {t('appointments.reasonShown', { reason: a.reason })}
            </Text>
          )}
          {a.status === 'cancelled' && a.cancellationReason && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {t('appointments.cancellationReason', { reason: a.cancellationReason })}
            </Text>
          )}
        </Stack>
        <AppointmentStatusBadge status={a.status} />
      </Group>
      {changeable && (
        <Group justify="flex-end" gap="xs" mt="sm">
          <Button size="xs" variant="default" onClick={onMove}>
            {t('appointments.reschedule')}
          </Button>
          <Button size="xs" variant="light" color="red" onClick={onCancel}>
            {t('appointments.cancel')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
