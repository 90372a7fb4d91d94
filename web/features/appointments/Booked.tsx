import { Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Appointment } from '../../../contracts/scheduling';
import { PageHeader } from '../../components/PageHeader';
import { useZoneFormat } from './SlotPicker';

/** The confirmation after a booking: when, with whom, where, and what next. */
export function Booked({
  appointment: a,
  onAnother,
  staff,
  links,
}: {
  appointment: Appointment;
  onAnother: () => void;
  /** Booked by the front desk: name the patient and their MRN. */
  staff?: boolean;
  links?: ReactNode;
}) {
  const { t } = useTranslation();
  const zf = useZoneFormat(a.timeZone);
  return (
    <>
      <PageHeader title={t('appointments.bookedTitle')} />
      <Card maw={640} data-testid="booked">
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon color="teal" variant="light" size="xl" radius="xl" aria-hidden>
              <IconCircleCheck />
            </ThemeIcon>
            <Stack gap={2}>
              <Title order={2} fz="h4">
                {zf.dateTime(a.startsAt)}
              </Title>
              <Text>
                {t('appointments.withDoctorAt', { doctor: a.doctorName, hospital: a.hospitalName })}
              </Text>
              {staff && (
                <Text size="sm">
                  {t('appointments.forPatient', {
                    name: a.mrn ? `${a.patientName} (${a.mrn})` : a.patientName,
                  })}
                </Text>
              )}
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
            </Stack>
          </Group>
          <Text size="sm">{staff ? t('appointments.bookedStaffNote') : t('appointments.bookedNote')}</Text>
          <Group justify="flex-end" gap="xs">
            {links}
            {!staff && (
              <Button component={Link} to="/app/appointments" variant="default">
                {t('appointments.goToMine')}
              </Button>
            )}
            <Button onClick={onAnother}>{t('appointments.bookAnother')}</Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}
