import { Alert, Button, Card, Loader, Select, Stack, Title } from '@mantine/core';
import { IconDeviceDesktop } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Patient } from '../../../contracts/patients';
import type { Appointment } from '../../../contracts/scheduling';
import { get } from '../../lib/api';
import { useSession } from '../../lib/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PatientChooser, patientName, type ChosenPatient } from '../patients/PatientChooser';
import { patientKey } from '../patients/queries';
import { Booked } from './Booked';
import { ConfirmBooking } from './ConfirmBooking';
import { useHospitalDoctors } from './queries';
import { TimeStep, useSlotChoice } from './TimeStep';

/**
 * The front desk books for a patient registered at the active hospital: find them (or register
 * them first), choose the doctor and one of the doctor's free times, give the reason, book.
 */
export default function BookForPatientPage() {
  const { t } = useTranslation();
  const { activeHospital } = useSession();
  const [params, setParams] = useSearchParams();
  const patientParam = params.get('patientId');
  const doctorId = params.get('doctorId');
  const [picked, setPicked] = useState<ChosenPatient | null>(null);
  // Reached with a patient already chosen (from their record): their name and MRN.
  const fromAddress = useQuery({
    queryKey: patientKey(patientParam ?? ''),
    queryFn: ({ signal }) => get<Patient>(`/api/patients/${patientParam}`, undefined, signal),
    enabled: !!patientParam && !picked,
  });
  const patient: ChosenPatient | null =
    picked ??
    (patientParam && fromAddress.data && fromAddress.data.id === patientParam
      ? { id: fromAddress.data.id, name: patientName(fromAddress.data), mrn: fromAddress.data.mrn }
      : null);
  const doctors = useHospitalDoctors(activeHospital?.id ?? null);
  const doctor = doctors.data?.find((d) => d.id === doctorId) ?? null;
  const choice = useSlotChoice();
  const slot = choice.slot;
  const [booked, setBooked] = useState<Appointment | null>(null);

  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    choice.reset();
  };
  const choosePatient = (p: ChosenPatient | null) => {
    setPicked(p);
    setParam('patientId', p?.id ?? null);
  };

  const frontDeskLink = (
    <Button
      component={Link}
      to="/app/front-desk"
      variant="default"
      leftSection={<IconDeviceDesktop size={18} aria-hidden />}
    >
      {t('appointments.frontDeskToday')}
    </Button>
  );

  if (booked) {
    return (
      <Booked
        appointment={booked}
        staff
        links={
          <>
            {frontDeskLink}
            <Button component={Link} to={`/app/patients/${booked.patientId}`} variant="default">
              {t('appointments.openRecord')}
            </Button>
          </>
        }
        onAnother={() => {
          setBooked(null);
          choice.reset();
          setPicked(null);
          setParams(new URLSearchParams(), { replace: true });
        }}
      />
    );
  }

  return (
    <>
      <PageHeader
        title={t('appointments.forPatientTitle')}
        description={t('appointments.forPatientDescription', { hospital: activeHospital?.name ?? '' })}
        actions={frontDeskLink}
      />
      <Stack maw={1000}>
        <Card>
          <Stack gap="sm">
            <Title order={2} fz="h4">
              {t('appointments.stepPatient')}
            </Title>
            {!patient && patientParam && fromAddress.isPending ? (
              <Loader size="sm" />
            ) : (
              <PatientChooser
                value={patient}
                onChange={choosePatient}
                labels={{
                  find: t('appointments.findPatient'),
                  placeholder: t('appointments.findPatientPlaceholder'),
                  change: t('appointments.changePatient'),
                }}
                pageSize={8}
                withRegister
                withBirthDate
                testIds={{ chosen: 'chosen-patient', result: 'patient-result' }}
              />
            )}
          </Stack>
        </Card>

        <Card>
          <Stack gap="sm">
            <Title order={2} fz="h4">
              {t('appointments.stepDoctor')}
            </Title>
            {doctors.isError && <LoadError error={doctors.error} onRetry={() => void doctors.refetch()} />}
            <Select
              label={t('appointments.doctor')}
              placeholder={t('appointments.chooseDoctorPlaceholder')}
              data={(doctors.data ?? []).map((d) => ({
                value: d.id,
                label: [...new Set([d.fullName, d.specialty, d.department?.name ?? ''])]
                  .filter(Boolean)
                  .join(' · '),
              }))}
              value={doctorId}
              onChange={(v) => setParam('doctorId', v)}
              searchable
              nothingFoundMessage={t('appointments.noDoctorsTitle')}
              disabled={doctors.isPending}
              maw={560}
            />
          </Stack>
        </Card>

        {doctor && <TimeStep doctorId={doctor.id} choice={choice} />}

        {doctor && slot && patient && (
          <ConfirmBooking
            doctorId={doctor.id}
            doctorName={doctor.fullName}
            hospitalName={doctor.hospital.name}
            slot={slot}
            patientId={patient.id}
            patientName={patient.mrn ? `${patient.name} (${patient.mrn})` : patient.name}
            onBooked={setBooked}
            onSlotGone={choice.lost}
          />
        )}
        {doctor && slot && !patient && <Alert color="yellow">{t('appointments.choosePatientFirst')}</Alert>}
      </Stack>
    </>
  );
}
