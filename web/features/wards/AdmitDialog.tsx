import {
  Checkbox,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../contracts/patients';
import { AdmitPatient, type Admission } from '../../../contracts/wards';
import { post } from '../../lib/api';
import { notifySuccess, validateWith } from '../../lib/forms';
import { PatientPicker } from '../dispensing/PatientPicker';
import { BedPicker } from './BedPicker';
import { useReservationOverride } from './ReservedOverride';
import { WardDialog } from './WardDialog';
import { useWardSubmit } from './ward-submit';

export interface PatientRef {
  id: string;
  name: string;
  mrn: string | null;
}

const refOf = (p: PatientSummary): PatientRef => ({
  id: p.id,
  name: [p.givenName, p.familyName].filter(Boolean).join(' '),
  mrn: p.mrn,
});

type Errors = Partial<Record<'patient' | 'bed' | 'reason' | 'name', string>>;
const SEXES = ['unknown', 'female', 'male', 'other'] as const;

/**
 * Admits a patient into a free bed: from the bed board (a bed chosen, the patient searched for, or
 * the patient a reservation names), the patient's page (the front desk) or a consultation (both
 * with the patient known). A bed given to someone else meanwhile is said so, and the beds are read
 * again; a bed reserved for someone else asks why before it is given to this patient.
 */
export function AdmitDialog({
  onClose,
  patient: knownPatient,
  consultationId,
  bedId: chosenBed,
}: {
  onClose: () => void;
  patient?: PatientRef;
  /** Admitted from this consultation (the source is then the consultation). */
  consultationId?: string;
  bedId?: string;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<PatientSummary | null>(null);
  const patient = knownPatient ?? (picked && refOf(picked));
  const [bedId, setBedId] = useState<string | null>(chosenBed ?? null);
  const [source, setSource] = useState<'front_desk' | 'emergency'>('front_desk');
  const [reason, setReason] = useState('');
  // An emergency patient nobody can name yet: a temporary record, completed at the front desk later.
  const [unidentified, setUnidentified] = useState(false);
  const [callName, setCallName] = useState('');
  const [sex, setSex] = useState<(typeof SEXES)[number]>('unknown');
  const temporary = !knownPatient && !consultationId && source === 'emergency' && unidentified;
  const [errors, setErrors] = useState<Errors>({});
  const { busy, error, run } = useWardSubmit('admit');
  const override = useReservationOverride();
  const chooseBed = (id: string | null) => {
    setBedId(id);
    override.reset();
  };

  const admitUnidentified = async () => {
    const name = callName.trim();
    setErrors(
      name && bedId
        ? {}
        : {
            name: name ? undefined : t('wards.admit.nameRequired'),
            bed: bedId ? undefined : t('wards.admit.chooseBed'),
          },
    );
    const overriding = override.take();
    if (!name || !bedId || !overriding) return;
    const body = {
      bedId,
      reason: reason.trim(),
      patient: { name, ...(sex === 'unknown' ? {} : { sex }) },
      ...overriding,
    };
    const admitted = await run(
      async () => {
        const admission = await post<Admission>('/api/wards/admissions/emergency', body);
        notifySuccess(t('wards.admit.done', { name, bed: admission.bed?.bedLabel ?? '' }));
      },
      () => chooseBed(null),
      override.onFail,
    );
    if (admitted) onClose();
  };

  const submit = async () => {
    if (temporary) return admitUnidentified();
    const missing: Errors = {};
    if (!patient) missing.patient = t('wards.admit.choosePatient');
    if (!bedId) missing.bed = t('wards.admit.chooseBed');
    setErrors(missing);
    const overriding = override.take();
    if (!patient || !bedId || !overriding) return;
    const body = validateWith(
      AdmitPatient,
      consultationId
        ? {
            patientId: patient.id,
            bedId,
            source: 'consultation',
            consultationId,
            reason: reason.trim(),
            ...overriding,
          }
        : { patientId: patient.id, bedId, source, reason: reason.trim(), ...overriding },
      { setErrors: (e) => setErrors({ reason: e.reason }) },
    );
    if (!body) return;
    const admitted = await run(
      async () => {
        const admission = await post<Admission>('/api/wards/admissions', body);
        notifySuccess(t('wards.admit.done', { name: patient.name, bed: admission.bed?.bedLabel ?? '' }));
      },
      () => chooseBed(null),
      override.onFail,
    );
    if (admitted) onClose();
  };

  return (
    <WardDialog
      title={t('wards.admit.title')}
      size="lg"
      error={error}
      busy={busy}
      submitLabel={override.asked ? t('reservations.override.admit') : t('wards.admit.submit')}
      onClose={onClose}
      onSubmit={submit}
    >
      {knownPatient ? (
        <Paper withBorder p="sm" data-testid="admit-patient">
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {knownPatient.name}
          </Text>
          {knownPatient.mrn && (
            <Text size="xs" c="dimmed">
              {knownPatient.mrn}
            </Text>
          )}
        </Paper>
      ) : temporary ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('wards.admit.callName')}
            description={t('wards.admit.callNameHint')}
            value={callName}
            onChange={(e) => setCallName(e.currentTarget.value)}
            maxLength={100}
            required
            error={errors.name}
          />
          <NativeSelect
            label={t('wards.admit.sex')}
            value={sex}
            onChange={(e) => setSex(e.currentTarget.value as typeof sex)}
            data={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
          />
        </SimpleGrid>
      ) : (
        <PatientPicker
          label={t('wards.admit.patient')}
          value={picked}
          onChange={setPicked}
          required
          error={errors.patient}
        />
      )}
      <BedPicker label={t('wards.admit.bed')} value={bedId} onChange={chooseBed} error={errors.bed} />
      {override.field(bedId)}
      {consultationId ? (
        <Text size="sm" c="dimmed">
          {t('wards.admit.fromConsultation')}
        </Text>
      ) : (
        <Stack gap={4}>
          <Text size="sm" fw={500} id="admit-source">
            {t('wards.admit.source')}
          </Text>
          <SegmentedControl
            aria-labelledby="admit-source"
            value={source}
            onChange={(v) => setSource(v as typeof source)}
            data={[
              { value: 'front_desk', label: t('wards.sources.front_desk') },
              { value: 'emergency', label: t('wards.sources.emergency') },
            ]}
          />
          {!knownPatient && source === 'emergency' && (
            <Checkbox
              mt="xs"
              label={t('wards.admit.unidentified')}
              description={t('wards.admit.unidentifiedHint')}
              checked={unidentified}
              onChange={(e) => setUnidentified(e.currentTarget.checked)}
            />
          )}
        </Stack>
      )}
      <Textarea
        label={t('wards.admit.reason')}
        autosize
        minRows={2}
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
      />
    </WardDialog>
  );
}
