import {
  Alert,
  Button,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCalendarOff, IconChevronLeft, IconChevronRight, IconWorld } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useNow } from './use-now';
import { useTranslation } from 'react-i18next';
import type { Slot } from '../../../contracts/scheduling';
import { browserLanguages, browserTimeZone, formatLocale, makeFormatters } from '../../lib/format';
import { LoadError } from '../../components/LoadError';
import { useSlots } from './queries';
import { byPartOfDay, groupByLocalDay, localDate, sameClock, slotWindow } from './slot-days';

const WINDOW_DAYS = 14;

/** Times and days written in the hospital's zone, in the person's language. */
export function useZoneFormat(timeZone: string | null) {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const tz = timeZone ?? browserTimeZone;
    // The same locale as every other date on the screens (the language, in the browser's region).
    const locale = formatLocale(i18n.language, browserLanguages());
    const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: tz });
    const dayLong = new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });
    const dayShort = new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    const base = makeFormatters(locale, tz);
    return {
      ...base,
      time: (iso: string) => time.format(new Date(iso)),
      /** A local date (YYYY-MM-DD) as "Thursday, 3 December". */
      dayLong: (date: string) => dayLong.format(new Date(`${date}T12:00:00Z`)),
      dayShort: (date: string) => dayShort.format(new Date(`${date}T12:00:00Z`)),
      /** The zone's name when it differs from the browser's clock, else null. */
      zoneNote: () => (sameClock(tz, browserTimeZone) ? null : base.zoneName()),
    };
  }, [i18n.language, timeZone]);
}

export interface PickedSlot extends Slot {
  timeZone: string;
}

/**
 * A doctor's free slots for the next two weeks, by the hospital's calendar day: choose a day,
 * then a time. Later weeks on request. `refreshKey` changes after the slot was taken.
 */
export function SlotPicker({
  doctorId,
  value,
  onChange,
  exceptStartsAt,
}: {
  doctorId: string;
  value: string | null;
  onChange: (slot: PickedSlot | null) => void;
  /** The appointment's own time when moving it: not offered again. */
  exceptStartsAt?: string;
}) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const today = localDate(useNow(), browserTimeZone);
  const range = slotWindow(today, offset, WINDOW_DAYS);
  const slots = useSlots(doctorId, range);
  const tz = slots.data?.timeZone ?? null;
  const zf = useZoneFormat(tz);
  const days = useMemo(
    () =>
      slots.data
        ? groupByLocalDay(
            slots.data.slots.filter((s) => s.startsAt !== exceptStartsAt),
            slots.data.timeZone,
          )
        : [],
    [slots.data, exceptStartsAt],
  );
  // The day chosen in this doctor's window; another doctor or window starts from its first day.
  const windowKey = `${doctorId}|${offset}`;
  const [chosen, setChosen] = useState<{ windowKey: string; date: string } | null>(null);
  const day = chosen?.windowKey === windowKey ? chosen.date : null;
  const setDay = (date: string) => setChosen({ windowKey, date });
  const shownDay = days.find((d) => d.date === day) ?? days[0] ?? null;
  // The chosen slot went (taken by someone else): forget it.
  useEffect(() => {
    if (
      value &&
      slots.data &&
      !slots.isPlaceholderData &&
      !slots.data.slots.some((s) => s.startsAt === value)
    )
      onChange(null);
  }, [value, slots.data, slots.isPlaceholderData, onChange]);

  const zoneNote = tz ? zf.zoneNote() : null;
  // On a phone the days scroll sideways in one row; wider screens wrap them.
  const wide = useMediaQuery('(min-width: 48em)', true);

  return (
    <Stack gap="sm" data-testid="slot-picker">
      {zoneNote && (
        // A note, not an alert: nothing went wrong, and a screen reader need not break in for it.
        <Alert variant="light" color="blue" icon={<IconWorld size={18} aria-hidden />} p="xs" role="note">
          <Text size="sm">{t('appointments.zoneNote', { zone: zoneNote })}</Text>
        </Alert>
      )}
      {slots.isPending && (
        <Stack gap="xs" aria-busy>
          <Skeleton h={36} />
          <Skeleton h={120} />
        </Stack>
      )}
      {slots.isError && <LoadError error={slots.error} onRetry={() => void slots.refetch()} />}
      {slots.data && days.length === 0 && (
        <Paper withBorder p="md">
          <Group gap="sm" wrap="nowrap">
            <IconCalendarOff size={24} aria-hidden />
            <Stack gap={2}>
              <Text fw={500}>{t('appointments.noSlotsTitle')}</Text>
              <Text size="sm" c="dimmed">
                {t('appointments.noSlotsBody', {
                  from: zf.dayLong(range.from),
                  to: zf.dayLong(range.to),
                })}
              </Text>
            </Stack>
          </Group>
        </Paper>
      )}
      {days.length > 0 && (
        <>
          <ScrollArea type="auto" scrollbarSize={6} offsetScrollbars={!wide}>
            <Group
              gap={6}
              wrap={wide ? 'wrap' : 'nowrap'}
              role="group"
              aria-label={t('appointments.chooseDay')}
            >
              {days.map((d) => (
                <Button
                  key={d.date}
                  size="compact-sm"
                  variant={d.date === shownDay?.date ? 'filled' : 'default'}
                  aria-pressed={d.date === shownDay?.date}
                  onClick={() => setDay(d.date)}
                  style={{ flexShrink: 0 }}
                >
                  {t('appointments.dayWithCount', { day: zf.dayShort(d.date), count: d.slots.length })}
                </Button>
              ))}
            </Group>
          </ScrollArea>
          {shownDay && (
            <Stack gap="xs">
              <Title order={3} fz="h5">
                {zf.dayLong(shownDay.date)}
              </Title>
              {/* One group of times, headed by part of the day: a long day reads in three short lists. */}
              <Stack gap="xs" role="group" aria-label={t('appointments.chooseTime')}>
                {byPartOfDay(shownDay.slots, slots.data!.timeZone).map((part) => (
                  <Stack key={part.part} gap={4}>
                    <Text size="sm" fw={600} c="dimmed" data-testid="part-of-day">
                      {t(`appointments.partOfDay.${part.part}`, { count: part.slots.length })}
                    </Text>
                    <SimpleGrid cols={{ base: 3, xs: 4, sm: 6, md: 8 }} spacing={6}>
                      {part.slots.map((s) => (
                        <Button
                          key={s.startsAt}
                          size="sm"
                          px={4}
                          variant={s.startsAt === value ? 'filled' : 'light'}
                          aria-pressed={s.startsAt === value}
                          onClick={() => onChange({ ...s, timeZone: slots.data!.timeZone })}
                          data-testid="slot"
                        >
                          {zf.time(s.startsAt)}
                        </Button>
                      ))}
                    </SimpleGrid>
                  </Stack>
                ))}
              </Stack>
            </Stack>
          )}
        </>
      )}
      <Group justify="space-between">
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconChevronLeft size={16} aria-hidden />}
          disabled={offset === 0}
          onClick={() => setOffset((o) => Math.max(0, o - WINDOW_DAYS))}
        >
          {t('appointments.earlierDays')}
        </Button>
        <Button
          variant="subtle"
          size="compact-sm"
          rightSection={<IconChevronRight size={16} aria-hidden />}
          disabled={offset >= 70}
          onClick={() => setOffset((o) => o + WINDOW_DAYS)}
        >
          {t('appointments.laterDays')}
        </Button>
      </Group>
    </Stack>
  );
}
