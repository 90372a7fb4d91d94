import { NumberInput, SimpleGrid } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VitalsReading } from '../../../../contracts/nursing';
import { post } from '../../../lib/api';
import { applyServerErrors, notifySuccess } from '../../../lib/forms';
import { num, type Num } from '../../consultations/prescription-draft';
import { WardDialog } from '../WardDialog';
import { useRefreshPart } from './queries';

/** The signs a nurse charts on the ward, with the ranges the API takes. */
export const WARD_SIGNS = [
  { key: 'systolic', min: 40, max: 300 },
  { key: 'diastolic', min: 20, max: 200 },
  { key: 'pulse', min: 20, max: 300 },
  { key: 'temperatureC', min: 25, max: 45, decimals: 1 },
  { key: 'spo2', min: 50, max: 100 },
  { key: 'respiratoryRate', min: 2, max: 80 },
  { key: 'painScore', min: 0, max: 10 },
  { key: 'bloodGlucoseMgDl', min: 10, max: 2000 },
] as const;
type SignKey = (typeof WARD_SIGNS)[number]['key'];

/** Records one set of vital signs, taken now; any sign may be left out, but not all of them. */
export function RecordVitalsModal({ admissionId, onClose }: { admissionId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshPart(admissionId, 'vitals');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Record<SignKey, Num>>({
    initialValues: Object.fromEntries(WARD_SIGNS.map((s) => [s.key, ''])) as Record<SignKey, Num>,
  });

  const submit = async () => {
    const body = Object.fromEntries(
      WARD_SIGNS.flatMap((s) => (num(form.values[s.key]) === null ? [] : [[s.key, num(form.values[s.key])]])),
    );
    if (Object.keys(body).length === 0) {
      setError(t('nursing.vitals.noneGiven'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await post<VitalsReading>(`/api/wards/admissions/${admissionId}/vitals`, body);
      await refresh();
      notifySuccess(t('nursing.vitals.recorded'));
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <WardDialog
      title={t('nursing.vitals.record')}
      size="lg"
      error={error}
      busy={busy}
      submitLabel={t('nursing.vitals.save')}
      onClose={onClose}
      onSubmit={submit}
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {WARD_SIGNS.map((s) => (
          <NumberInput
            key={s.key}
            label={t(`nursing.signs.${s.key}`)}
            min={s.min}
            max={s.max}
            decimalScale={'decimals' in s ? s.decimals : 0}
            allowDecimal={'decimals' in s}
            allowNegative={false}
            {...form.getInputProps(s.key)}
          />
        ))}
      </SimpleGrid>
    </WardDialog>
  );
}
