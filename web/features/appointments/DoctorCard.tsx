import { Avatar, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PublicDoctor } from '../../../contracts/organisation';
import type { NextFreeList } from '../../../contracts/scheduling';
import { useFormat } from '../../lib/format';
import { localDate } from './slot-days';
import { useZoneFormat } from './SlotPicker';

export type NextFree = NextFreeList['items'][number];

/** "Next free: Thu 3 Dec, 09:30" in the hospital's zone, or that there is none soon. */
function NextFreeLine({ next }: { next: NextFree }) {
  const { t } = useTranslation();
  const zf = useZoneFormat(next.timeZone);
  const when = next.startsAt
    ? `${zf.dayShort(localDate(next.startsAt, next.timeZone))}, ${zf.time(next.startsAt)}`
    : null;
  return (
    <Group gap={6} mt={4} wrap="nowrap" data-testid="next-free">
      <IconCalendarEvent size={16} aria-hidden color="var(--mantine-color-teal-7)" />
      <Text size="sm" fw={when ? 500 : 400} c={when ? undefined : 'dimmed'}>
        {when ? t('appointments.nextFree', { when }) : t('appointments.noneFreeSoon')}
      </Text>
    </Group>
  );
}

export const initialsOf = (name: string) =>
  name
    .replace(/^Dr\.?\s+/i, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** A doctor as the directory shows them, with a button to choose (or change) them. */
export function DoctorCard({
  doctor,
  chosen,
  onChoose,
  actionLabel,
  actionAriaLabel,
  next,
}: {
  doctor: PublicDoctor;
  /** The doctor's next free time, once known. */
  next?: NextFree;
  chosen?: boolean;
  onChoose: () => void;
  actionLabel: string;
  actionAriaLabel?: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card
      withBorder={chosen}
      data-testid="bookable-doctor"
      style={chosen ? { borderColor: 'var(--mantine-color-teal-6)' } : undefined}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Avatar color="teal" radius="xl" aria-hidden>
          {initialsOf(doctor.fullName)}
        </Avatar>
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text fw={600}>{doctor.fullName}</Text>
          <Text size="sm" c="teal" fw={500}>
            {doctor.specialty}
          </Text>
          <Text size="sm" c="dimmed">
            {[doctor.department?.name, doctor.hospital.name].filter(Boolean).join(' · ')}
          </Text>
          {doctor.qualifications && <Text size="sm">{doctor.qualifications}</Text>}
          {doctor.languages.length > 0 && (
            <Group gap={4} mt={4}>
              {doctor.languages.map((l) => (
                <Badge key={l} variant="default" radius="sm" tt="none" fw={400}>
                  {l}
                </Badge>
              ))}
            </Group>
          )}
          {doctor.consultationFeeMinor > 0 && (
            <Text size="sm" mt={4}>
              {t('directory.fee', { fee: f.money(doctor.consultationFeeMinor, doctor.currency) })}
            </Text>
          )}
          {next && <NextFreeLine next={next} />}
        </Stack>
      </Group>
      <Group justify="flex-end" mt="sm">
        <Button
          size="xs"
          variant={chosen ? 'default' : 'filled'}
          onClick={onChoose}
          aria-label={actionAriaLabel}
        >
          {actionLabel}
        </Button>
      </Group>
    </Card>
  );
}
