// The discharge dialog: the course in hospital, the condition on leaving, the diagnoses (left empty:
// the admitting consultation's), the procedures done, the medicines to take home (from the catalog,
// with how to take them) and the follow-up.
import { NativeSelect, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISCHARGE_CONDITIONS, DischargePatient, type DischargeCondition } from '../../../contracts/wards';
import { ApiError, post } from '../../lib/api';
import { DiagnosesCard, type DiagnosisDraft } from '../consultations/DiagnosesCard';
import { notifySuccess, validateWith } from '../../lib/forms';
import { DischargeMedicines, useTakeHomeName } from './DischargeMedicines';
import { DischargeProcedures } from './DischargeProcedures';
import {
  detailsBody,
  filledMedicines,
  filledProcedures,
  type MedicineRow,
  type ProcedureRow,
} from './DischargeRows';
import { admissionKey } from './queries';
import { WardDialog } from './WardDialog';
import { useWardSubmit } from './ward-submit';

const SHOWN = ['summary', 'condition', 'followUp'];
/** Fields shown here: those above, and each procedure's and medicine's row. */
const shown = (path: string) => SHOWN.includes(path) || /^(procedures|medicines)\.\d+/.test(path);

/** Discharges an admitted patient with a summary; their bed goes to cleaning. */
export function DischargeDialog({
  admissionId,
  patientName,
  onClose,
}: {
  admissionId: string;
  patientName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { busy, error, setError, run } = useWardSubmit('discharge');
  const client = useQueryClient();
  const [summary, setSummary] = useState('');
  const [condition, setCondition] = useState<DischargeCondition | null>(null);
  const [followUp, setFollowUp] = useState('');
  const [diagnoses, setDiagnoses] = useState<DiagnosisDraft[]>([]);
  const [procedures, setProcedures] = useState<ProcedureRow[]>([]);
  const [medicines, setMedicines] = useState<MedicineRow[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const nameOf = useTakeHomeName();

  const submit = async () => {
    // Said as "required" here: the contract's refinement for an empty text has no wording of its own.
    const missing: Record<string, string> = {};
    if (!summary.trim()) missing.summary = t('fieldErrors.required');
    if (!condition) missing.condition = t('fieldErrors.required');
    if (!followUp.trim()) missing.followUp = t('fieldErrors.required');
    // Rows left blank are dropped, so a problem at procedures.<i> or medicines.<i> is on row i.
    const procs = filledProcedures(procedures);
    const meds = filledMedicines(medicines);
    setProcedures(procs);
    setMedicines(meds);
    meds.forEach((m, i) => {
      if (!m.medicine) missing[`medicines.${i}.name`] = t('fieldErrors.required');
    });
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    const body = validateWith(
      DischargePatient,
      {
        summary: summary.trim(),
        condition: condition ?? undefined,
        followUp: followUp.trim(),
        diagnoses: diagnoses.length > 0 ? diagnoses : undefined,
        ...detailsBody(procs, meds, nameOf),
      },
      {
        setErrors: (found) => {
          setErrors(found);
          // A problem with a field this dialog does not show is still said.
          const other = Object.entries(found).find(([k]) => !shown(k));
          if (other) setError(other[1]);
        },
      },
    );
    if (!body) return;
    const done = await run(
      async () => {
        await post(`/api/wards/admissions/${admissionId}/discharge`, body);
        notifySuccess(t('wards.discharge.done', { name: patientName }));
      },
      undefined,
      // The stay's bill behind the dialog then names the lab orders still waiting for a sample.
      (err) => {
        if (err instanceof ApiError && err.code === 'LAB_SAMPLES_PENDING') {
          void client.invalidateQueries({ queryKey: admissionKey(admissionId) });
        }
      },
    );
    if (done) onClose();
  };

  return (
    <WardDialog
      title={t('wards.discharge.title', { name: patientName })}
      size="lg"
      error={error}
      busy={busy}
      submitLabel={t('wards.discharge.submit')}
      onClose={onClose}
      onSubmit={submit}
    >
      <Text size="sm">{t('wards.discharge.intro')}</Text>
      <Textarea
        label={t('wards.discharge.summary')}
        description={t('wards.discharge.summaryHint')}
        autosize
        minRows={4}
        maxLength={20_000}
        required
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
        error={errors.summary}
        data-autofocus
      />
      {/* A native list: on a phone the system's own picker, not a dropdown inside a scrolling dialog. */}
      <NativeSelect
        label={t('wards.discharge.condition')}
        data={[
          { value: '', label: t('wards.discharge.chooseCondition'), disabled: true },
          ...DISCHARGE_CONDITIONS.map((c) => ({ value: c, label: t(`wards.discharge.conditions.${c}`) })),
        ]}
        value={condition ?? ''}
        onChange={(e) => setCondition((e.currentTarget.value || null) as DischargeCondition | null)}
        required
        error={errors.condition}
      />
      <Text size="sm" c="dimmed">
        {t('wards.discharge.diagnosesHint')}
      </Text>
      <DiagnosesCard diagnoses={diagnoses} setDiagnoses={(change) => setDiagnoses((ds) => change(ds))} />
      <DischargeProcedures rows={procedures} setRows={setProcedures} errors={errors} />
      <DischargeMedicines rows={medicines} setRows={setMedicines} errors={errors} />
      <Textarea
        label={t('wards.discharge.followUp')}
        description={t('wards.discharge.followUpHint')}
        autosize
        minRows={2}
        maxLength={4000}
        required
        value={followUp}
        onChange={(e) => setFollowUp(e.currentTarget.value)}
        error={errors.followUp}
      />
    </WardDialog>
  );
}
