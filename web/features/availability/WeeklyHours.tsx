import {
  Alert,
  Button,
  Card,
  Chip,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconClockHour4, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability, AvailabilityTemplate } from '../../../contracts/scheduling';
import { ApiError, del, post } from '../../lib/api';
import { applyServerErrors, errorMessage, notifySuccess } from '../../lib/forms';
import { useFormat } from '../../lib/format';
import { ConfirmButton } from '../../components/ConfirmButton';
import { localDate } from '../appointments/slot-days';
import { useNow } from '../appointments/use-now';
import { slotsPerDay, weekdayName, WEEKDAYS, weekOf } from './week';
import { useRefreshAvailability } from './refresh';

import { Exceptions } from './LeaveAndHolidays';

const SLOT_LENGTHS = ['10', '15', '20', '30', '45', '60'];

/** The doctor's weekly consulting hours at the hospital: the week, each template, and adding hours. */
export function AvailabilityEditor({
  availability: a,
  admin,
}: {
  availability: Availability;
  admin: boolean;
}) {
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
          <Table.ScrollContainer minWidth={0}>
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
