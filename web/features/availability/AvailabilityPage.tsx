import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Chip,
  EmptyState,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconCalendarOff, IconClockHour4, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DoctorProfile } from '../../../contracts/organisation';
import type {
  Availability,
  AvailabilityException,
  AvailabilityTemplate,
} from '../../../contracts/scheduling';
import { ApiError, del, get, post } from '../../lib/api';
import { applyServerErrors, errorMessage, notifySuccess } from '../../lib/forms';
import { browserTimeZone, useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { localDate } from '../appointments/slot-days';
import { useNow } from '../appointments/use-now';
import { AppointmentRules } from './AppointmentRules';
import { slotsPerDay, weekdayName, WEEKDAYS, weekOf } from './week';

const SLOT_LENGTHS = ['10', '15', '20', '30', '45', '60'];

/**
 * Weekly consulting hours and leave at the active hospital: a doctor edits their own, a hospital
 * admin any doctor's, and the hospital's holidays. Times are the hospital's wall-clock times.
 */
export default function AvailabilityPage() {
  const { t } = useTranslation();
  const { can, activeHospital } = useSession();
  const admin = can('availability:manage');
  const [params, setParams] = useSearchParams();
  const chosenDoctor = params.get('doctorId');

  const doctors = useQuery({
    queryKey: ['doctors', 'approved', activeHospital?.id],
    queryFn: ({ signal }) =>
      get<{ items: DoctorProfile[] }>('/api/doctors', { status: 'approved', limit: 100 }, signal),
    enabled: admin,
  });
  const doctorId = admin ? chosenDoctor : null;
  const availability = useQuery({
    queryKey: ['availability', activeHospital?.id, doctorId ?? 'me'],
    queryFn: ({ signal }) =>
      get<Availability>('/api/availability', doctorId ? { doctorId } : undefined, signal),
    enabled: !admin || !!doctorId,
  });

  return (
    <>
      <PageHeader
        title={t('availability.title')}
        description={admin ? t('availability.descriptionAdmin') : t('availability.descriptionDoctor')}
      />
      <Stack maw={1100}>
        {admin && (
          <Card>
            {doctors.isError && <LoadError error={doctors.error} onRetry={() => void doctors.refetch()} />}
            <Select
              label={t('availability.doctor')}
              placeholder={t('availability.chooseDoctor')}
              data={(doctors.data?.items ?? []).map((d) => ({
                value: d.id,
                label: [d.fullName, d.specialty].filter(Boolean).join(' · '),
              }))}
              value={chosenDoctor}
              onChange={(v) => setParams(v ? { doctorId: v } : {}, { replace: true })}
              searchable
              nothingFoundMessage={t('availability.noDoctors')}
              disabled={doctors.isPending}
              maw={480}
            />
          </Card>
        )}
        {admin && !doctorId && <AppointmentRules />}
        {admin && !doctorId && <HolidaysOnly />}
        {availability.isPending && (!admin || doctorId) && (
          <Stack aria-busy>
            <Skeleton h={260} />
            <Skeleton h={160} />
          </Stack>
        )}
        {availability.isError && (
          <LoadError error={availability.error} onRetry={() => void availability.refetch()} />
        )}
        {availability.data && <Editor availability={availability.data} admin={admin} />}
      </Stack>
    </>
  );
}

function useRefreshAvailability() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['availability'] }),
      client.invalidateQueries({ queryKey: ['slots'] }),
    ]);
}

function Editor({ availability: a, admin }: { availability: Availability; admin: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const today = localDate(useNow(), a.timeZone);
  const week = weekOf(a.templates, today);
  const phone = useMediaQuery('(max-width: 36em)');
  const refresh = useRefreshAvailability();
  const remove = async (tpl: AvailabilityTemplate) => {
    await del(`/api/availability/templates/${tpl.id}`);
    await refresh();
    notifySuccess(t('availability.hoursRemoved'));
  };
  const effective = (tpl: AvailabilityTemplate) =>
    tpl.effectiveTo
      ? t('availability.fromTo', { from: f.date(tpl.effectiveFrom), to: f.date(tpl.effectiveTo) })
      : t('availability.fromOn', { from: f.date(tpl.effectiveFrom) });

  return (
    <>
      <Card data-testid="weekly-hours">
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Title order={2} fz="h4">
              {t('availability.weekTitle')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('availability.zone', { zone: a.timeZone })}
            </Text>
          </Group>
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={phone ? 56 : 140}>{t('availability.weekday')}</Table.Th>
                  <Table.Th>{t('availability.hours')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {week.map((day) => (
                  <Table.Tr key={day.weekday} data-testid="weekday-row">
                    <Table.Td fw={500} style={{ verticalAlign: 'top' }}>
                      {weekdayName(day.weekday, i18n.language, phone ? 'short' : 'long')}
                    </Table.Td>
                    <Table.Td>
                      {day.windows.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('availability.noHours')}
                        </Text>
                      ) : (
                        <Stack gap={6}>
                          {day.windows.map((w) => (
                            <Group
                              key={w.id}
                              gap="xs"
                              wrap="nowrap"
                              justify="space-between"
                              align="flex-start"
                            >
                              <Stack gap={0} style={{ minWidth: 0 }}>
                                <Text size="sm" fw={500}>
                                  {t('availability.window', {
                                    start: w.startTime,
                                    end: w.endTime,
                                    minutes: w.slotMinutes,
                                    count: slotsPerDay(w),
                                  })}
                                </Text>
                                <Text size="xs" c="dimmed">
                                  {effective(w)}
                                </Text>
                              </Stack>
                              <ConfirmButton
                                size="compact-xs"
                                variant="subtle"
                                color="red"
                                title={t('availability.removeHoursTitle')}
                                message={t('availability.removeHoursBody', {
                                  day: weekdayName(w.weekday, i18n.language),
                                  start: w.startTime,
                                  end: w.endTime,
                                })}
                                confirmLabel={t('availability.remove')}
                                destructive
                                aria-label={t('availability.removeHoursNamed', {
                                  day: weekdayName(w.weekday, i18n.language),
                                  start: w.startTime,
                                  end: w.endTime,
                                })}
                                onConfirm={() => remove(w)}
                              >
                                <IconTrash size={16} aria-hidden />
                              </ConfirmButton>
                            </Group>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Card>
      <AddHours doctorId={a.doctorId} today={today} />
      <Exceptions availability={a} admin={admin} today={today} />
    </>
  );
}

interface HoursValues {
  weekdays: string[];
  startTime: string;
  endTime: string;
  slotMinutes: string;
  effectiveFrom: string;
  effectiveTo: string;
}

/** Adds the same hours on one or more weekdays (one window per weekday). */
function AddHours({ doctorId, today }: { doctorId: string; today: string }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshAvailability();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<HoursValues>({
    initialValues: {
      weekdays: [],
      startTime: '09:00',
      endTime: '13:00',
      slotMinutes: '15',
      effectiveFrom: today,
      effectiveTo: '',
    },
    validate: {
      weekdays: (v) => (v.length === 0 ? t('availability.chooseWeekday') : null),
      startTime: (v) => (/^\d\d:\d\d$/.test(v) ? null : t('fieldErrors.required')),
      endTime: (v, all) =>
        !/^\d\d:\d\d$/.test(v)
          ? t('fieldErrors.required')
          : v <= all.startTime
            ? t('availability.endAfterStart')
            : null,
      effectiveFrom: (v) => (v ? null : t('fieldErrors.required')),
      effectiveTo: (v, all) => (v && v < all.effectiveFrom ? t('availability.toAfterFrom') : null),
    },
  });

  const submit = async (v: HoursValues) => {
    setError(null);
    setBusy(true);
    const days = [...v.weekdays].map(Number).sort();
    const added: number[] = [];
    try {
      for (const weekday of days) {
        await post<AvailabilityTemplate>('/api/availability/templates', {
          doctorId,
          weekday,
          startTime: v.startTime,
          endTime: v.endTime,
          slotMinutes: Number(v.slotMinutes),
          effectiveFrom: v.effectiveFrom,
          ...(v.effectiveTo ? { effectiveTo: v.effectiveTo } : {}),
        });
        added.push(weekday);
      }
      notifySuccess(t('availability.hoursAdded', { count: added.length }));
      form.setFieldValue('weekdays', []);
    } catch (err) {
      // CONFLICT here means the new hours overlap hours the doctor already has that weekday.
      const message =
        err instanceof ApiError && err.code === 'CONFLICT'
          ? t('availability.overlap')
          : (applyServerErrors(form, err) ?? errorMessage(err));
      const failedDay = days[added.length];
      setError(
        failedDay
          ? t('availability.addFailedOn', { day: weekdayName(failedDay, i18n.language), message })
          : message,
      );
      form.setFieldValue(
        'weekdays',
        v.weekdays.filter((d) => !added.includes(Number(d))),
      );
    } finally {
      setBusy(false);
      if (added.length) await refresh();
    }
  };

  return (
    <Card>
      <form noValidate onSubmit={form.onSubmit((v) => void submit(v))}>
        <Stack gap="sm">
          <Title order={2} fz="h4">
            {t('availability.addHoursTitle')}
          </Title>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('availability.weekdays')}
            </Text>
            <Chip.Group multiple {...form.getInputProps('weekdays')}>
              <Group gap={6}>
                {WEEKDAYS.map((w) => (
                  <Chip key={w} value={String(w)} size="sm">
                    {weekdayName(w, i18n.language, 'short')}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            {form.errors.weekdays && (
              <Text size="xs" c="red" role="alert">
                {form.errors.weekdays}
              </Text>
            )}
          </Stack>
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            <TextInput
              type="time"
              label={t('availability.start')}
              required
              {...form.getInputProps('startTime')}
            />
            <TextInput
              type="time"
              label={t('availability.end')}
              required
              {...form.getInputProps('endTime')}
            />
            <Select
              label={t('availability.slotLength')}
              data={SLOT_LENGTHS.map((m) => ({
                value: m,
                label: t('availability.minutes', { count: Number(m) }),
              }))}
              allowDeselect={false}
              {...form.getInputProps('slotMinutes')}
            />
            <TextInput
              type="date"
              label={t('availability.effectiveFrom')}
              required
              {...form.getInputProps('effectiveFrom')}
            />
            <TextInput
              type="date"
              label={t('availability.effectiveTo')}
              description={t('availability.effectiveToHint')}
              {...form.getInputProps('effectiveTo')}
            />
          </SimpleGrid>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={busy} leftSection={<IconClockHour4 size={18} aria-hidden />}>
              {t('availability.addHours')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

interface LeaveValues {
  startsOn: string;
  endsOn: string;
  partOfDay: boolean;
  startTime: string;
  endTime: string;
  reason: string;
  holiday: boolean;
}

/** Leave and holidays: the list, withdrawing one, and adding one. */
function Exceptions({
  availability: a,
  admin,
  today,
}: {
  availability: Availability | null;
  admin: boolean;
  today: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefreshAvailability();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const holidaysOnly = a === null;
  const form = useForm<LeaveValues>({
    initialValues: {
      startsOn: today,
      endsOn: today,
      partOfDay: false,
      startTime: '09:00',
      endTime: '13:00',
      reason: '',
      holiday: holidaysOnly,
    },
    validate: {
      startsOn: (v) => (v ? null : t('fieldErrors.required')),
      endsOn: (v, all) =>
        !v ? t('fieldErrors.required') : v < all.startsOn ? t('availability.toAfterFrom') : null,
      endTime: (v, all) => (all.partOfDay && v <= all.startTime ? t('availability.endAfterStart') : null),
      reason: (v) => (v.trim() ? null : t('fieldErrors.required')),
    },
  });
  const list = (a?.exceptions ?? []).filter((e) => e.endsOn >= today);

  const submit = async (v: LeaveValues) => {
    setError(null);
    setBusy(true);
    try {
      await post<AvailabilityException>('/api/availability/exceptions', {
        doctorId: v.holiday || !a ? null : a.doctorId,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        ...(v.partOfDay ? { startTime: v.startTime, endTime: v.endTime } : {}),
        reason: v.reason.trim(),
      });
      await refresh();
      notifySuccess(v.holiday ? t('availability.holidayAdded') : t('availability.leaveAdded'));
      form.setValues({ reason: '' });
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  const removeException = async (e: AvailabilityException) => {
    await del(`/api/availability/exceptions/${e.id}`);
    await refresh();
    notifySuccess(t('availability.exceptionRemoved'));
  };
  const when = (e: AvailabilityException) => {
    const days =
      e.startsOn === e.endsOn
        ? f.date(e.startsOn)
        : t('availability.dateRange', { from: f.date(e.startsOn), to: f.date(e.endsOn) });
    return e.startTime && e.endTime
      ? t('availability.dayTimes', { days, start: e.startTime, end: e.endTime })
      : days;
  };

  return (
    <Card data-testid="exceptions">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {holidaysOnly ? t('availability.holidaysTitle') : t('availability.leaveTitle')}
        </Title>
        {!holidaysOnly && list.length === 0 && (
          <EmptyState
            icon={<IconCalendarOff size={24} aria-hidden />}
            title={t('availability.noLeave')}
            description={t('availability.noLeaveBody')}
            py="sm"
          />
        )}
        {list.map((e) => (
          <Group key={e.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="exception">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Text size="sm" fw={500}>
                  {when(e)}
                </Text>
                <Badge size="sm" variant="light" color={e.doctorId ? 'blue' : 'grape'} tt="none">
                  {e.doctorId ? t('availability.leave') : t('availability.holiday')}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {e.reason}
              </Text>
            </Stack>
            {(e.doctorId || admin) && (
              <ConfirmButton
                size="compact-xs"
                variant="subtle"
                color="red"
                title={t('availability.removeExceptionTitle')}
                message={t('availability.removeExceptionBody', { when: when(e) })}
                confirmLabel={t('availability.remove')}
                destructive
                aria-label={t('availability.removeExceptionNamed', { when: when(e) })}
                onConfirm={() => removeException(e)}
              >
                <IconTrash size={16} aria-hidden />
              </ConfirmButton>
            )}
          </Group>
        ))}
        <form noValidate onSubmit={form.onSubmit((v) => void submit(v))}>
          <Stack gap="sm" mt="xs">
            <Text size="sm" fw={500}>
              {form.values.holiday ? t('availability.addHoliday') : t('availability.addLeave')}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <TextInput
                type="date"
                label={t('availability.startsOn')}
                required
                {...form.getInputProps('startsOn')}
              />
              <TextInput
                type="date"
                label={t('availability.endsOn')}
                required
                {...form.getInputProps('endsOn')}
              />
              {form.values.partOfDay && (
                <>
                  <TextInput
                    type="time"
                    label={t('availability.start')}
                    {...form.getInputProps('startTime')}
                  />
                  <TextInput type="time" label={t('availability.end')} {...form.getInputProps('endTime')} />
                </>
              )}
            </SimpleGrid>
            <Checkbox
              label={t('availability.partOfDay')}
              {...form.getInputProps('partOfDay', { type: 'checkbox' })}
            />
            {admin && !holidaysOnly && (
              <Checkbox
                label={t('availability.wholeHospital')}
                description={t('availability.wholeHospitalHint')}
                {...form.getInputProps('holiday', { type: 'checkbox' })}
              />
            )}
            <TextInput
              label={t('availability.leaveReason')}
              required
              maxLength={200}
              {...form.getInputProps('reason')}
            />
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={busy} variant="light">
                {form.values.holiday ? t('availability.addHoliday') : t('availability.addLeave')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

/**
 * An admin before choosing a doctor: the hospital's holidays can still be set. They are listed with
 * every doctor's availability; here only the form.
 */
function HolidaysOnly() {
  const { t } = useTranslation();
  const today = localDate(useNow(), browserTimeZone);
  return (
    <>
      <Text size="sm" c="dimmed">
        {t('availability.chooseDoctorHint')}
      </Text>
      <Exceptions availability={null} admin today={today} />
    </>
  );
}
