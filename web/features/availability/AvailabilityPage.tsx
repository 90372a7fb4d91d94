import { Card, Select, Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Availability } from '../../../contracts/scheduling';
import { get } from '../../lib/api';
import { useSession } from '../../lib/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { AppointmentRules } from './AppointmentRules';
import { HolidaysOnly } from './LeaveAndHolidays';
import { AvailabilityEditor } from './WeeklyHours';
import { useDoctorProfiles } from '../doctors/queries';

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

  const doctors = useDoctorProfiles('approved', admin);
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
              data={(doctors.data ?? []).map((d) => ({
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
        {availability.data && <AvailabilityEditor availability={availability.data} admin={admin} />}
      </Stack>
    </>
  );
}
