import {
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PatientSummary } from '../../../contracts/patients';
import type { Appointment } from '../../../contracts/scheduling';
import { LoadError } from '../../components/LoadError';
import { post } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useSession } from '../../lib/session';
import { useBookableDoctors } from '../appointments/queries';
import { usePatientSearch } from '../patients/queries';
import { useRefreshQueue } from './queries';

const nameOf = (p: { givenName: string; familyName: string | null }) =>
  [p.givenName, p.familyName].filter(Boolean).join(' ');

/** A patient registered here who came without an appointment joins a doctor's queue now. */
export function WalkInModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { activeHospital } = useSession();
  const doctors = useBookableDoctors({ hospitalId: activeHospital?.id ?? null });
  const refresh = useRefreshQueue();
  const [patient, setPatient] = useState<{ id: string; name: string; mrn: string | null } | null>(null);
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
          {patient ? (
            <Group justify="space-between" gap="xs" data-testid="walk-in-patient">
              <Stack gap={0}>
                <Text fw={600}>{patient.name}</Text>
                {patient.mrn && (
                  <Text size="sm" ff="monospace" c="dimmed">
                    {patient.mrn}
                  </Text>
                )}
              </Stack>
              <Button size="xs" variant="default" onClick={() => setPatient(null)}>
                {t('queue.changePatient')}
              </Button>
            </Group>
          ) : (
            <PatientSearch onPick={(p) => setPatient({ id: p.id, name: nameOf(p), mrn: p.mrn })} />
          )}
          {doctors.isError && <LoadError error={doctors.error} onRetry={() => void doctors.refetch()} />}
          <Select
            label={t('queue.doctor')}
            placeholder={t('queue.chooseDoctor')}
            data={(doctors.data?.items ?? []).map((d) => ({
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

function PatientSearch({ onPick }: { onPick: (p: PatientSummary) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const search = usePatientSearch(debounced, 1, 6);
  const typed = debounced.trim().length > 0;
  return (
    <Stack gap="xs">
      <TextInput
        label={t('queue.findPatient')}
        placeholder={t('queue.findPatientPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={search.isFetching ? <Loader size={14} /> : null}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-autofocus
      />
      {search.isError && <LoadError error={search.error} onRetry={() => void search.refetch()} />}
      {typed && search.data && search.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('queue.noPatientFound')}{' '}
          <Anchor component={Link} to="/app/patients/new" size="sm">
            {t('queue.registerPatient')}
          </Anchor>
        </Text>
      )}
      {typed &&
        search.data?.items.map((p) => (
          <UnstyledButton
            key={p.id}
            onClick={() => onPick(p)}
            p="xs"
            style={{
              border: '1px solid var(--mantine-color-default-border)',
              borderRadius: 'var(--mantine-radius-sm)',
            }}
            data-testid="walk-in-patient-result"
          >
            <Group justify="space-between" gap="xs">
              <Text fw={500} size="sm">
                {nameOf(p)}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {[p.mrn, p.phone].filter(Boolean).join(' · ')}
              </Text>
            </Group>
          </UnstyledButton>
        ))}
    </Stack>
  );
}
