import { Button, Card, Group, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckedPrescription, Consultation, PrescribingAid } from '../../../contracts/clinical';
import type { Medicine } from '../../../contracts/pharmacy';
import { ConfirmButton } from '../../components/ConfirmButton';
import { get, patch, post } from '../../lib/api';
import { errorMessage, notifyError, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { MedicineSearch } from '../dispensing/MedicineSearch';
import { medicineName } from '../dispensing/medicine';
import { DiagnosesCard, type DiagnosisDraft } from './DiagnosesCard';
import { LabOrdersCard } from './LabOrdersCard';
import { initialLines, lineBody, useDraftSaving, type Line } from './prescription-draft';
import { ProblemsAlert, type Problems } from './ProblemsAlert';
import { consultationKey, fieldProblems } from './queries';
import { RxLineCard } from './RxLineCard';
import { VITAL_KEYS, VitalsCard, vitalsBody, type VitalsForm } from './VitalsCard';

/**
 * An open consultation its doctor is writing: vitals, notes, diagnoses (saved with "Save"), the
 * prescription (kept as a draft on the server as it is written, checked against allergies and
 * stock), and "Close", which completes the appointment and sends the prescription to the pharmacy.
 */
export function OpenConsultation({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { can } = useSession();
  const [text, setText] = useState({
    chiefComplaint: c.chiefComplaint,
    notes: c.notes,
    followUp: c.followUp,
    labRequests: c.labRequests,
  });
  // The value is read in the handler: by the time React runs a state updater, the event's
  // currentTarget is null, and reading it there broke the page as the doctor typed.
  const setTextField = (k: keyof typeof text, value: string) => setText((s) => ({ ...s, [k]: value }));
  const [vitals, setVitals] = useState<VitalsForm>(() => {
    const v = c.vitals;
    return Object.fromEntries(VITAL_KEYS.map((k) => [k, v?.[k] ?? ''])) as VitalsForm;
  });
  const [diagnoses, setDiagnoses] = useState<DiagnosisDraft[]>(c.diagnoses);
  const [lines, setLines] = useState<Line[]>(() => initialLines(c.id, c.prescriptionDraft));
  const draft = useDraftSaving(c.id, lines, c.canEdit);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Problems | null>(null);
  const [checked, setChecked] = useState<CheckedPrescription | null>(null);
  const [rxError, setRxError] = useState<Problems | null>(null);
  // Lines restored from the saved draft get their allergy warnings and stock again.
  useEffect(() => {
    for (const l of lines) if (!l.aid) void loadAid(l.medicineId);
    // Once, for the lines the page opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const anyAllergy = useMemo(
    () => lines.some((l) => (l.aid?.allergyWarnings.length ?? 0) > 0) || !!checked?.hasAllergyWarnings,
    [lines, checked],
  );

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const next = await patch<Consultation>(`/api/consultations/${c.id}`, {
        ...text,
        vitals: vitalsBody(vitals),
        diagnoses: diagnoses.map((d) => ({
          ...(d.code ? { code: d.code } : {}),
          description: d.description,
          primary: d.primary,
        })),
      });
      client.setQueryData(consultationKey(c.id), next);
      notifySuccess(t('consultation.saved'));
    } catch (err) {
      setSaveError({ message: errorMessage(err), fields: fieldProblems(err) });
    } finally {
      setSaving(false);
    }
  };

  async function loadAid(medicineId: string) {
    try {
      const aid = await get<PrescribingAid>(`/api/consultations/${c.id}/prescribing-aid`, { medicineId });
      setLines((ls) => ls.map((l) => (l.medicineId === medicineId ? { ...l, aid } : l)));
    } catch (err) {
      notifyError(err);
    }
  }

  const addMedicine = async (m: Medicine) => {
    if (lines.some((l) => l.medicineId === m.id)) return;
    const line: Line = {
      medicineId: m.id,
      name: `${medicineName(m)} ${t(`medicineForms.${m.form}`)}`,
      form: m.form,
      unit: m.dispensingUnit,
      dose: 1,
      doseUnit: '',
      frequency: 'BD',
      durationDays: 5,
      route: 'oral',
      quantity: '',
      instructions: '',
      aid: null,
    };
    setLines((ls) => [...ls, line]);
    setChecked(null);
    await loadAid(m.id);
  };
  const setLine = (i: number, change: Partial<Line>) => {
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...change } : l)));
    setChecked(null);
  };

  const check = async () => {
    setRxError(null);
    try {
      const res = await post<CheckedPrescription>(`/api/consultations/${c.id}/prescription`, {
        lines: lines.map(lineBody),
      });
      setChecked(res);
      notifySuccess(t('consultation.checked', { count: res.lines.length }));
    } catch (err) {
      setChecked(null);
      setRxError({ message: errorMessage(err), fields: fieldProblems(err) });
    }
  };

  const close = async () => {
    // Closing writes the prescription itself; a draft save still waiting would only be refused.
    draft.stop();
    const next = await post<Consultation>(`/api/consultations/${c.id}/close`, {
      prescription: { lines: lines.map(lineBody) },
    });
    client.setQueryData(consultationKey(c.id), next);
    // Closing completes the appointment: the doctor's day, the front desk and the visit lists change.
    await Promise.all(
      [['visits'], ['queue'], ['appointments'], ['dashboard']].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );
    notifySuccess(t('consultation.closed'));
  };

  const area = (k: keyof typeof text, minRows: number, maxLength: number, description?: string) => (
    <Textarea
      label={t(`consultation.${k}`)}
      description={description}
      autosize
      minRows={minRows}
      maxLength={maxLength}
      value={text[k]}
      onChange={(e) => setTextField(k, e.currentTarget.value)}
    />
  );

  return (
    <Stack maw={1000}>
      <VitalsCard vitals={vitals} onChange={setVitals} />

      <Card>
        <Stack>
          <Title order={2} fz="h4">
            {t('consultation.notesTitle')}
          </Title>
          {area('chiefComplaint', 2, 1000)}
          {area('notes', 4, 10_000)}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {area('labRequests', 2, 2000, t('consultation.labRequestsHint'))}
            {area('followUp', 2, 2000)}
          </SimpleGrid>
        </Stack>
      </Card>

      <DiagnosesCard diagnoses={diagnoses} setDiagnoses={setDiagnoses} />

      <ProblemsAlert problems={saveError} />
      <Group justify="flex-end">
        <Button loading={saving} onClick={() => void save()}>
          {t('consultation.save')}
        </Button>
      </Group>

      <Card>
        <Stack>
          <div>
            <Title order={2} fz="h4">
              {t('consultation.prescription')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('consultation.prescriptionHint')}
            </Text>
          </div>
          <MedicineSearch label={t('consultation.addMedicine')} onPick={(m) => void addMedicine(m)} />
          {lines.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('consultation.noLines')}
            </Text>
          )}
          {lines.map((l, i) => (
            <RxLineCard
              key={l.medicineId}
              line={l}
              checkedLine={checked?.lines.find((x) => x.medicineId === l.medicineId)}
              onChange={(change) => setLine(i, change)}
              onRemove={() => {
                setLines((ls) => ls.filter((_, j) => j !== i));
                setChecked(null);
              }}
            />
          ))}
          <ProblemsAlert problems={rxError} />
          {lines.length > 0 && (
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {t(`consultation.draft.${draft.state}`)}
              </Text>
              <Button variant="default" onClick={() => void check()}>
                {t('consultation.check')}
              </Button>
            </Group>
          )}
        </Stack>
      </Card>

      {can('lab-orders:read') && <LabOrdersCard c={c} />}

      <Group justify="flex-end">
        <ConfirmButton
          color="teal"
          title={t('consultation.closeTitle')}
          message={
            <Stack gap="xs">
              {anyAllergy && (
                <Text c="red" fw={700}>
                  {t('consultation.closeMessageWarning')}
                </Text>
              )}
              <Text>{t('consultation.closeMessage', { count: lines.length })}</Text>
            </Stack>
          }
          confirmLabel={t('consultation.close')}
          onConfirm={close}
        >
          {t('consultation.close')}
        </ConfirmButton>
      </Group>
    </Stack>
  );
}
