import {
  Alert,
  Card,
  EmptyState,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconStethoscope } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Appointment } from '../../../contracts/scheduling';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { isMissing } from '../../lib/api';
import { Booked } from './Booked';
import { ConfirmBooking } from './ConfirmBooking';
import { DoctorCard } from './DoctorCard';
import {
  useBookableDoctor,
  useBookableDoctors,
  useNextFree,
  usePublicHospitals,
  useRememberDoctor,
} from './queries';
import { TimeStep, useSlotChoice } from './TimeStep';

/**
 * A patient books for themselves: a hospital, a department or a search, a doctor, then one of the
 * doctor's free times in the hospital's zone, and confirms. The choices live in the address, so
 * the directory's "Book" lands here with its doctor chosen (after signing in if need be).
 */
export default function BookPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const hospitalId = params.get('hospitalId');
  const departmentId = params.get('departmentId');
  const doctorId = params.get('doctorId');
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const choice = useSlotChoice();
  const slot = choice.slot;
  const [booked, setBooked] = useState<Appointment | null>(null);

  const hospitals = usePublicHospitals();
  const hospital = hospitals.data?.items.find((h) => h.id === hospitalId) ?? null;
  // The chosen doctor is fetched by id (the list holds the first hundred by name only); the list
  // shows while none is chosen, or the chosen one cannot be booked here.
  const chosen = useBookableDoctor(doctorId);
  const remember = useRememberDoctor();
  const doctor = chosen.data && chosen.data.hospital.id === hospitalId ? chosen.data : null;
  const notBookable = !!doctorId && (isMissing(chosen.error) || (!!chosen.data && !doctor));
  const listing = !doctorId || notBookable;
  const doctors = useBookableDoctors({ hospitalId, departmentId, q: debouncedQ }, listing);
  const nextFree = useNextFree(doctor ? [] : (doctors.data?.items ?? []).map((d) => d.id));

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
    choice.reset();
  };

  if (booked) {
    return (
      <Booked
        appointment={booked}
        onAnother={() => {
          setBooked(null);
          choice.reset();
        }}
      />
    );
  }

  return (
    <>
      <PageHeader title={t('appointments.bookTitle')} description={t('appointments.bookDescription')} />
      <Stack maw={1000}>
        <Card>
          <Stack gap="sm">
            <Title order={2} fz="h4">
              {t('appointments.stepWhere')}
            </Title>
            {hospitals.isError && (
              <LoadError error={hospitals.error} onRetry={() => void hospitals.refetch()} />
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('appointments.hospital')}
                placeholder={t('appointments.chooseHospital')}
                data={(hospitals.data?.items ?? []).map((h) => ({
                  value: h.id,
                  label: h.city ? `${h.name}, ${h.city}` : h.name,
                }))}
                value={hospitalId}
                onChange={(v) => set({ hospitalId: v, departmentId: null, doctorId: null })}
                searchable
                disabled={hospitals.isPending}
              />
              <Select
                label={t('appointments.department')}
                placeholder={t('appointments.anyDepartment')}
                data={(hospital?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
                value={departmentId}
                onChange={(v) => set({ departmentId: v, doctorId: null })}
                disabled={!hospital}
                clearable
                searchable
              />
              <TextInput
                label={t('appointments.searchDoctor')}
                placeholder={t('appointments.searchDoctorPlaceholder')}
                leftSection={<IconSearch size={16} aria-hidden />}
                value={q}
                onChange={(e) => {
                  setQ(e.currentTarget.value);
                  if (doctorId) set({ doctorId: null });
                }}
                disabled={!hospital}
              />
            </SimpleGrid>
          </Stack>
        </Card>

        {hospitalId && (
          <Stack gap="sm">
            <Title order={2} fz="h4">
              {t('appointments.stepDoctor')}
            </Title>
            {(listing ? doctors.isPending : chosen.isPending) && (
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                <Skeleton h={150} />
                <Skeleton h={150} />
                <Skeleton h={150} />
              </SimpleGrid>
            )}
            {listing && doctors.isError && (
              <LoadError error={doctors.error} onRetry={() => void doctors.refetch()} />
            )}
            {chosen.isError && !isMissing(chosen.error) && (
              <LoadError error={chosen.error} onRetry={() => void chosen.refetch()} />
            )}
            {listing && doctors.data && doctors.data.items.length === 0 && (
              <EmptyState
                icon={<IconStethoscope size={28} aria-hidden />}
                withIndicatorBackground
                title={t('appointments.noDoctorsTitle')}
                description={t('appointments.noDoctorsBody')}
                py="lg"
              />
            )}
            {notBookable && <Alert color="yellow">{t('appointments.doctorNotFound')}</Alert>}
            {doctor && (
              <DoctorCard
                doctor={doctor}
                chosen
                actionLabel={t('appointments.changeDoctor')}
                onChoose={() => set({ doctorId: null })}
              />
            )}
            {listing && doctors.data && doctors.data.total > doctors.data.items.length && (
              <Text size="sm" c="dimmed" role="status">
                {t('appointments.moreDoctors', {
                  shown: doctors.data.items.length,
                  total: doctors.data.total,
                })}
              </Text>
            )}
            {listing && (
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                {doctors.data?.items.map((d) => (
                  <DoctorCard
                    key={d.id}
                    doctor={d}
                    actionLabel={t('appointments.chooseDoctor')}
                    actionAriaLabel={t('appointments.chooseDoctorNamed', { name: d.fullName })}
                    onChoose={() => {
                      remember(d);
                      set({ doctorId: d.id });
                    }}
                    next={nextFree.data?.get(d.id)}
                  />
                ))}
              </SimpleGrid>
            )}
          </Stack>
        )}

        {doctor && <TimeStep doctorId={doctor.id} choice={choice} />}

        {doctor && slot && (
          <ConfirmBooking
            doctorId={doctor.id}
            doctorName={doctor.fullName}
            hospitalName={doctor.hospital.name}
            slot={slot}
            onBooked={setBooked}
            onSlotGone={choice.lost}
          />
        )}
        {!doctor && hospitalId && (
          <Group>
            <Text size="sm" c="dimmed">
              {t('appointments.chooseDoctorHint')}
            </Text>
          </Group>
        )}
      </Stack>
    </>
  );
}
