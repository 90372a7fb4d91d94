import { Badge, Button, Card, EmptyState, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconCalendarEvent, IconPlayerPlay, IconStethoscope } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Appointment } from '../../../contracts/scheduling';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { post } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { useZoneFormat } from '../appointments/SlotPicker';
import { useMyQueue, useRefreshQueue } from './queries';

/**
 * The doctor's day at the active hospital: who is with them now (open the consultation, or send
 * them back), "Call next" for the lowest waiting token, and the day's list in queue order.
 */
export default function MyDayPage() {
  const { t } = useTranslation();
  const { activeHospital } = useSession();
  const queue = useMyQueue();
  const refresh = useRefreshQueue();
  const zf = useZoneFormat(queue.data?.timeZone ?? null);
  const [busy, setBusy] = useState<'call' | 'back' | null>(null);
  const current = queue.data?.items.find((a) => a.status === 'in_consultation') ?? null;

  const act = async (what: 'call' | 'back') => {
    setBusy(what);
    try {
      if (what === 'call') {
        const a = await post<Appointment>('/api/queue/call-next');
        notifySuccess(t('queue.called', { token: a.token, patient: a.patientName }));
      } else if (current) {
        const a = await post<Appointment>(`/api/appointments/${current.id}/return-to-queue`);
        notifySuccess(t('queue.sentBack', { token: a.token }));
      }
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  return (
    <>
      <PageHeader
        title={t('queue.myDayTitle')}
        description={
          queue.data
            ? t('queue.myDayDescription', {
                hospital: activeHospital?.name ?? '',
                date: zf.dayLong(queue.data.date),
              })
            : activeHospital?.name
        }
        actions={
          <Button
            size="md"
            leftSection={<IconPlayerPlay size={18} aria-hidden />}
            loading={busy === 'call'}
            disabled={!queue.data || queue.data.waiting === 0 || current !== null}
            onClick={() => void act('call')}
          >
            {t('queue.callNext')}
          </Button>
        }
      />
      <Stack maw={900}>
        {queue.isError && <LoadError error={queue.error} onRetry={() => void queue.refetch()} />}
        {queue.isPending && (
          <Stack gap="sm" aria-busy>
            <Skeleton h={120} />
            <Skeleton h={200} />
          </Stack>
        )}
        {queue.data && (
          <Card data-testid="with-you-now">
            <Group justify="space-between" gap="xs" align="flex-start">
              <Stack gap={4} style={{ minWidth: 0, flex: '1 1 14rem' }}>
                <Text size="sm" c="dimmed" fw={500}>
                  {t('queue.inConsultation')}
                </Text>
                {current ? (
                  <Group gap="sm" wrap="nowrap">
                    <Badge size="xl" variant="filled" color="violet" tt="none">
                      {t('queue.tokenShort', { token: current.token })}
                    </Badge>
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {current.patientName}
                      </Text>
                      {current.mrn && (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {current.mrn}
                        </Text>
                      )}
                    </Stack>
                  </Group>
                ) : (
                  <Text size="sm">{t('queue.noOneWithYou')}</Text>
                )}
              </Stack>
              <Badge variant="light" color="cyan" tt="none" size="lg">
                {t('queue.waitingCount', { count: queue.data.waiting })}
              </Badge>
            </Group>
            {current && (
              <Group justify="flex-end" gap="xs" mt="sm">
                <Button
                  variant="default"
                  leftSection={<IconArrowBackUp size={16} aria-hidden />}
                  loading={busy === 'back'}
                  onClick={() => void act('back')}
                >
                  {t('queue.sendBack')}
                </Button>
                <Button
                  component={Link}
                  to={`/app/consultations/new?appointmentId=${current.id}`}
                  leftSection={<IconStethoscope size={16} aria-hidden />}
                >
                  {t('queue.openConsultation')}
                </Button>
              </Group>
            )}
          </Card>
        )}
        {queue.data && queue.data.items.length === 0 && (
          <EmptyState
            icon={<IconCalendarEvent size={28} aria-hidden />}
            withIndicatorBackground
            title={t('queue.emptyDay')}
            description={t('queue.emptyDayBody')}
            py="xl"
          />
        )}
        {queue.data && queue.data.items.length > 0 && (
          <Card>
            <Title order={2} fz="h4" mb="xs">
              {t('queue.schedule')}
            </Title>
            <Stack gap={0}>
              {queue.data.items.map((a) => (
                <Group
                  key={a.id}
                  justify="space-between"
                  gap="xs"
                  py="xs"
                  wrap="wrap"
                  style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
                  data-testid="my-day-appointment"
                >
                  <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 14rem' }}>
                    <Text ff="monospace" fw={600} w="3rem" style={{ flexShrink: 0 }}>
                      {a.token !== null ? t('queue.tokenShort', { token: a.token }) : ''}
                    </Text>
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {a.patientName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {a.checkedInAt
                          ? t('queue.checkedInAt', { time: zf.time(a.checkedInAt) })
                          : t('queue.booked', { time: zf.time(a.startsAt) })}
                      </Text>
                    </Stack>
                  </Group>
                  <Group gap="xs">
                    {a.walkIn && (
                      <Badge variant="outline" color="gray" tt="none">
                        {t('queue.walkInBadge')}
                      </Badge>
                    )}
                    <AppointmentStatusBadge status={a.status} />
                  </Group>
                </Group>
              ))}
            </Stack>
          </Card>
        )}
      </Stack>
    </>
  );
}
