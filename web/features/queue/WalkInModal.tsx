import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../contracts/scheduling';
import { LoadError } from '../../components/LoadError';
import { post } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useSession } from '../../lib/session';
import { useHospitalDoctors } from '../appointments/queries';
import { PatientChooser, type ChosenPatient } from '../patients/PatientChooser';
import { useRefreshQueue } from './queries';

/** A patient registered here who came without an appointment joins a doctor's queue now. */
export function WalkInModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { activeHospital } = useSession();
  const doctors = useHospitalDoctors(activeHospital?.id ?? null);
  const refresh = useRefreshQueue();
  const [patient, setPatient] = useState<ChosenPatient | null>(null);
  const [doctorId, setDoctorId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per walk-in being entered: a retry after a lost answer adds nobody twice.
  const key = useRef(newIdempotencyKey());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!patient || !doctorId) return;
    setBusy(true);
    setError(null);
    try {
      const a = await post<Appointment>('/api/appointments/walk-in', {
        idempotencyKey: key.current,
        doctorId,
        patientId: patient.id,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      notifySuccess(t('queue.walkInAdded', { patient: a.patientName, doctor: a.doctorName, token: a.token }));
      await refresh();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('queue.walkInTitle')} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('queue.walkInHint')}
          </Text>
          <PatientChooser
            value={patient}
            onChange={setPatient}
            labels={{
              find: t('queue.findPatient'),
              placeholder: t('queue.findPatientPlaceholder'),
              change: t('queue.changePatient'),
            }}
            pageSize={6}
            autoFocus
            testIds={{ chosen: 'walk-in-patient', result: 'walk-in-patient-result' }}
          />
          {doctors.isError && <LoadError error={doctors.error} onRetry={() => void doctors.refetch()} />}
          <Select
            label={t('queue.doctor')}
            placeholder={t('queue.chooseDoctor')}
            data={(doctors.data ?? []).map((d) => ({
              value: d.id,
              label: [d.fullName, d.specialty, d.department?.name].filter(Boolean).join(' · '),
            }))}
            value={doctorId}
            onChange={setDoctorId}
            searchable
            disabled={doctors.isPending}
            required
          />
          <Textarea
            label={t('queue.reason')}
            value={reason}
            maxLength={500}
            autosize
            minRows={2}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('queue.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!patient || !doctorId}>
              {t('queue.addWalkIn')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
