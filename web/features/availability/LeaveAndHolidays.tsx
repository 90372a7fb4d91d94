import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  EmptyState,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarOff, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability, AvailabilityException } from '../../../contracts/scheduling';
import { del, post } from '../../lib/api';
import { applyServerErrors, notifySuccess } from '../../lib/forms';
import { browserTimeZone, useFormat } from '../../lib/format';
import { ConfirmButton } from '../../components/ConfirmButton';
import { localDate } from '../appointments/slot-days';
import { useNow } from '../appointments/use-now';
import { useRefreshAvailability } from './refresh';

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
export function Exceptions({
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
export function HolidaysOnly() {
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
