import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconFileTypePdf, IconStar, IconStarFilled, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  FREQUENCIES,
  ROUTES,
  type AdministrationRoute,
  type AllergyWarning,
  type CheckedPrescription,
  type Consultation,
  type Frequency,
  type PrescribingAid,
} from '../../../contracts/clinical';
import type { Medicine } from '../../../contracts/pharmacy';
import { withDoctorTitle } from '../../../contracts/names';
import { ApiError, get, patch, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { errorMessage, notifyError, notifySuccess } from '../../lib/forms';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { MedicineSearch } from '../dispensing/MedicineSearch';
import { medicineName } from '../dispensing/medicine';
import { Icd10Search } from './Icd10Search';
import {
  computed,
  initialLines,
  lineBody,
  num,
  useDraftSaving,
  type Line,
  type Num,
} from './prescription-draft';
import {
  ageOf,
  bmiOf,
  consultationKey,
  fieldProblems,
  openPrescriptionPdf,
  useConsultation,
} from './queries';

interface VitalsForm {
  systolic: Num;
  diastolic: Num;
  pulse: Num;
  temperatureC: Num;
  spo2: Num;
  weightKg: Num;
  heightCm: Num;
}
const VITAL_KEYS = [
  'systolic',
  'diastolic',
  'pulse',
  'temperatureC',
  'spo2',
  'weightKg',
  'heightCm',
] as const;

interface DiagnosisDraft {
  code: string | null;
  description: string;
  primary: boolean;
}

function AllergyAlert({ warnings }: { warnings: AllergyWarning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Alert color="red" variant="filled" icon={<IconAlertTriangle aria-hidden />} role="alert" p="xs">
      {warnings.map((w) => (
        <Text key={w.substance} size="sm" fw={600}>
          {t('consultation.allergyWarning', { substance: w.substance, severity: w.severity })}
        </Text>
      ))}
    </Alert>
  );
}

/** The consultation screen: vitals, notes, diagnoses and prescription; closed, the record and addenda. */
export default function ConsultationPage() {
  const { id = '' } = useParams();
  const consultation = useConsultation(id);

  if (consultation.isPending) return <DetailSkeleton />;
  if (consultation.isError) {
    if (consultation.error instanceof ApiError && [400, 404].includes(consultation.error.status))
      return <NotFound home="/app/consultations" />;
    return <LoadError error={consultation.error} onRetry={() => void consultation.refetch()} />;
  }
  const c = consultation.data;
  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to={`/app/patients/${c.patientId}`} size="sm">
          {c.patientName}
        </Anchor>
      </Breadcrumbs>
      <Header c={c} />
      <AllergiesCard c={c} />
      {c.canEdit ? <OpenConsultation key={c.id} c={c} /> : <ClosedConsultation c={c} />}
    </>
  );
}

function Header({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const age = ageOf(c.patientDateOfBirth);
  const [busy, setBusy] = useState(false);
  return (
    <PageHeader
      title={t('consultation.title', { name: c.patientName })}
      description={t('consultation.subtitle', {
        mrn: c.mrn ?? '',
        age: age === null ? t('consultation.ageUnknown') : t('consultation.ageYears', { count: age }),
        sex: t(`consultation.sex.${c.patientSex as 'male'}`, { defaultValue: c.patientSex }),
        opened: f.dateTime(c.openedAt),
        doctor: withDoctorTitle(c.doctorName),
      })}
      actions={
        <>
          <Badge size="lg" variant="light" color={c.status === 'open' ? 'blue' : 'gray'}>
            {c.status === 'open'
              ? t('consultation.statusOpen')
              : t('consultation.statusClosed', { when: f.dateTime(c.closedAt!) })}
          </Badge>
          {c.status === 'closed' && (
            <Button
              variant="light"
              leftSection={<IconFileTypePdf size={18} aria-hidden />}
              loading={busy}
              onClick={() => {
                setBusy(true);
                openPrescriptionPdf(c.id)
                  .catch(notifyError)
                  .finally(() => setBusy(false));
              }}
            >
              {t('consultation.printPrescription')}
            </Button>
          )}
        </>
      }
    />
  );
}

function AllergiesCard({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  return (
    <Card
      mb="md"
      withBorder
      bg={c.allergies.length > 0 ? 'var(--mantine-color-red-light)' : undefined}
      role={c.allergies.length > 0 ? 'note' : undefined}
    >
      <Group gap="xs" align="flex-start" wrap="nowrap">
        {c.allergies.length > 0 && <IconAlertTriangle color="var(--mantine-color-red-7)" aria-hidden />}
        <div>
          <Text fw={700}>{t('consultation.allergiesTitle')}</Text>
          {c.allergies.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('consultation.noAllergies')}
            </Text>
          ) : (
            <Text size="sm" fw={600}>
              {c.allergies
                .map((a) =>
                  t('consultation.allergy', {
                    substance: a.substance,
                    severity: a.severity,
                    reaction: a.reaction ? `: ${a.reaction}` : '',
                  }),
                )
                .join(' · ')}
            </Text>
          )}
        </div>
      </Group>
    </Card>
  );
}

function OpenConsultation({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const client = useQueryClient();
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
    return Object.fromEntries(VITAL_KEYS.map((k) => [k, v?.[k] ?? ''])) as unknown as VitalsForm;
  });
  const [diagnoses, setDiagnoses] = useState<DiagnosisDraft[]>(c.diagnoses);
  const [freeText, setFreeText] = useState('');
  const [lines, setLines] = useState<Line[]>(() => initialLines(c.id, c.prescriptionDraft));
  const draft = useDraftSaving(c.id, lines, c.canEdit);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<{ message: string; fields: string[] } | null>(null);
  const [checked, setChecked] = useState<CheckedPrescription | null>(null);
  const [rxError, setRxError] = useState<{ message: string; fields: string[] } | null>(null);
  // Lines restored from the saved draft get their allergy warnings and stock again.
  useEffect(() => {
    for (const l of lines) if (!l.aid) void loadAid(l.medicineId);
    // Once, for the lines the page opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const bmi = bmiOf(num(vitals.weightKg), num(vitals.heightCm));
  const anyAllergy = useMemo(
    () => lines.some((l) => (l.aid?.allergyWarnings.length ?? 0) > 0) || !!checked?.hasAllergyWarnings,
    [lines, checked],
  );

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    const v = Object.fromEntries(VITAL_KEYS.map((k) => [k, num(vitals[k])]));
    const anyVital = Object.values(v).some((x) => x !== null);
    try {
      const next = await patch<Consultation>(`/api/consultations/${c.id}`, {
        ...text,
        vitals: anyVital ? v : null,
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

  const vitalInput = (
    k: (typeof VITAL_KEYS)[number],
    label: string,
    o: { decimals?: number; min: number; max: number },
  ) => (
    <NumberInput
      label={label}
      value={vitals[k]}
      min={o.min}
      max={o.max}
      decimalScale={o.decimals ?? 0}
      allowDecimal={!!o.decimals}
      allowNegative={false}
      onChange={(v) => setVitals((s) => ({ ...s, [k]: v }))}
    />
  );

  return (
    <Stack maw={1000}>
      <Card>
        <Stack>
          <Title order={2} fz="h4">
            {t('consultation.vitals')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {vitalInput('systolic', t('consultation.systolic'), { min: 40, max: 300 })}
            {vitalInput('diastolic', t('consultation.diastolic'), { min: 20, max: 200 })}
            {vitalInput('pulse', t('consultation.pulse'), { min: 20, max: 300 })}
            {vitalInput('temperatureC', t('consultation.temperature'), { decimals: 1, min: 25, max: 45 })}
            {vitalInput('spo2', t('consultation.spo2'), { min: 50, max: 100 })}
            {vitalInput('weightKg', t('consultation.weight'), { decimals: 2, min: 0.3, max: 500 })}
            {vitalInput('heightCm', t('consultation.height'), { decimals: 1, min: 20, max: 260 })}
            <Stack gap={2} justify="flex-end">
              <Text size="sm" fw={500}>
                {t('consultation.bmi')}
              </Text>
              <Text size="lg" fw={700} data-testid="bmi">
                {bmi === null ? '–' : bmi}
              </Text>
            </Stack>
          </SimpleGrid>
        </Stack>
      </Card>

      <Card>
        <Stack>
          <Title order={2} fz="h4">
            {t('consultation.notesTitle')}
          </Title>
          <Textarea
            label={t('consultation.chiefComplaint')}
            autosize
            minRows={2}
            maxLength={1000}
            value={text.chiefComplaint}
            onChange={(e) => setTextField('chiefComplaint', e.currentTarget.value)}
          />
          <Textarea
            label={t('consultation.notes')}
            autosize
            minRows={4}
            maxLength={10_000}
            value={text.notes}
            onChange={(e) => setTextField('notes', e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea
              label={t('consultation.labRequests')}
              description={t('consultation.labRequestsHint')}
              autosize
              minRows={2}
              maxLength={2000}
              value={text.labRequests}
              onChange={(e) => setTextField('labRequests', e.currentTarget.value)}
            />
            <Textarea
              label={t('consultation.followUp')}
              autosize
              minRows={2}
              maxLength={2000}
              value={text.followUp}
              onChange={(e) => setTextField('followUp', e.currentTarget.value)}
            />
          </SimpleGrid>
        </Stack>
      </Card>

      <Card>
        <Stack>
          <Title order={2} fz="h4">
            {t('consultation.diagnoses')}
          </Title>
          <Icd10Search
            onPick={(code) =>
              setDiagnoses((ds) =>
                ds.some((d) => d.code === code.code)
                  ? ds
                  : [...ds, { code: code.code, description: code.title, primary: ds.length === 0 }],
              )
            }
          />
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t('consultation.diagnosisFreeLabel')}
              value={freeText}
              maxLength={300}
              style={{ flex: 1, minWidth: 180 }}
              onChange={(e) => setFreeText(e.currentTarget.value)}
            />
            <Button
              variant="default"
              disabled={!freeText.trim()}
              onClick={() => {
                setDiagnoses((ds) => [
                  ...ds,
                  { code: null, description: freeText.trim(), primary: ds.length === 0 },
                ]);
                setFreeText('');
              }}
            >
              {t('consultation.diagnosisFree')}
            </Button>
          </Group>
          {diagnoses.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('consultation.noDiagnoses')}
            </Text>
          ) : (
            <Stack gap="xs">
              {diagnoses.map((d, i) => (
                <Paper key={`${d.code ?? ''}-${i}`} withBorder p="xs">
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {d.code && (
                        <Text span ff="monospace" fw={600}>
                          {d.code}{' '}
                        </Text>
                      )}
                      {d.description}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      {d.primary ? (
                        <Badge leftSection={<IconStarFilled size={12} aria-hidden />}>
                          {t('consultation.primary')}
                        </Badge>
                      ) : (
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('consultation.makePrimary')}
                          title={t('consultation.makePrimary')}
                          onClick={() => setDiagnoses((ds) => ds.map((x, j) => ({ ...x, primary: j === i })))}
                        >
                          <IconStar size={18} aria-hidden />
                        </ActionIcon>
                      )}
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('consultation.removeDiagnosis', { name: d.code ?? d.description })}
                        onClick={() =>
                          setDiagnoses((ds) => {
                            const rest = ds.filter((_, j) => j !== i);
                            return d.primary && rest.length > 0
                              ? rest.map((x, j) => ({ ...x, primary: j === 0 }))
                              : rest;
                          })
                        }
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Group>
                </Paper>
              ))}
            </Stack>
          )}
        </Stack>
      </Card>

      {saveError && (
        <Alert color="red" role="alert" title={saveError.message}>
          {saveError.fields.length > 0 && (
            <List size="sm">
              {saveError.fields.map((m, i) => (
                <List.Item key={i}>{m}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
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
          {lines.map((l, i) => {
            const q = computed(l);
            const checkedLine = checked?.lines.find((x) => x.medicineId === l.medicineId);
            const warnings = checkedLine?.allergyWarnings ?? l.aid?.allergyWarnings ?? [];
            const stock = checkedLine?.stock ?? l.aid?.stock;
            return (
              <Paper key={l.medicineId} withBorder p="sm" data-testid="rx-line">
                <Stack gap="xs">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {l.name}
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('consultation.removeLine', { name: l.name })}
                      onClick={() => {
                        setLines((ls) => ls.filter((_, j) => j !== i));
                        setChecked(null);
                      }}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Group>
                  <AllergyAlert warnings={warnings} />
                  {stock && (
                    <Text
                      size="xs"
                      c={stock.availableInPharmacy > 0 ? 'dimmed' : 'red'}
                      fw={stock.availableInPharmacy > 0 ? undefined : 600}
                    >
                      {stock.availableInPharmacy > 0
                        ? t('consultation.stock', {
                            onHand: stock.onHand,
                            available: stock.availableInPharmacy,
                          })
                        : t('consultation.outOfStock')}
                    </Text>
                  )}
                  <Grid>
                    <Grid.Col span={{ base: 6, sm: 2 }}>
                      <NumberInput
                        label={t('consultation.dose')}
                        min={0.25}
                        max={1000}
                        step={0.5}
                        decimalScale={2}
                        value={l.dose}
                        onChange={(v) => setLine(i, { dose: v })}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 6, sm: 2 }}>
                      <TextInput
                        label={t('consultation.doseUnit')}
                        placeholder={l.unit}
                        maxLength={30}
                        value={l.doseUnit}
                        onChange={(e) => setLine(i, { doseUnit: e.currentTarget.value })}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 4 }}>
                      <Select
                        label={t('consultation.frequency')}
                        data={FREQUENCIES.map((f) => ({ value: f, label: t(`frequencies.${f}`) }))}
                        value={l.frequency}
                        allowDeselect={false}
                        onChange={(v) => v && setLine(i, { frequency: v as Frequency })}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 6, sm: 2 }}>
                      <NumberInput
                        label={t('consultation.duration')}
                        min={1}
                        max={365}
                        allowDecimal={false}
                        value={l.durationDays}
                        onChange={(v) => setLine(i, { durationDays: v })}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 6, sm: 2 }}>
                      <Select
                        label={t('consultation.route')}
                        data={ROUTES.map((r) => ({ value: r, label: t(`routes.${r}`) }))}
                        value={l.route}
                        allowDeselect={false}
                        onChange={(v) => v && setLine(i, { route: v as AdministrationRoute })}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 4 }}>
                      {q === null ? (
                        <NumberInput
                          label={t('consultation.quantity', { unit: l.unit })}
                          required
                          min={1}
                          max={1_000_000}
                          allowDecimal={false}
                          value={l.quantity}
                          onChange={(v) => setLine(i, { quantity: v })}
                        />
                      ) : (
                        <Text size="sm" mt="lg" data-testid="computed-quantity">
                          {t('consultation.quantityComputed', { count: q, unit: l.unit })}
                        </Text>
                      )}
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 8 }}>
                      <TextInput
                        label={t('consultation.instructions')}
                        placeholder={t('consultation.instructionsPlaceholder')}
                        maxLength={300}
                        value={l.instructions}
                        onChange={(e) => setLine(i, { instructions: e.currentTarget.value })}
                      />
                    </Grid.Col>
                  </Grid>
                  {checkedLine && (
                    <Text size="sm" fs="italic">
                      {checkedLine.directions}
                    </Text>
                  )}
                </Stack>
              </Paper>
            );
          })}
          {rxError && (
            <Alert color="red" role="alert" title={rxError.message}>
              {rxError.fields.length > 0 && (
                <List size="sm">
                  {rxError.fields.map((m, i) => (
                    <List.Item key={i}>{m}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
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

function ClosedConsultation({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [addendum, setAddendum] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { can } = useSession();
  const canAdd = c.status === 'closed' && can('consultations:write');
  const v = c.vitals;

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await post<Consultation>(`/api/consultations/${c.id}/addenda`, { text: addendum });
      client.setQueryData(consultationKey(c.id), next);
      setAddendum('');
      notifySuccess(t('consultation.addendumAdded'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const rows: [string, string | number | null][] = v
    ? [
        [t('consultation.systolic'), v.systolic !== null ? `${v.systolic}/${v.diastolic}` : null],
        [t('consultation.pulse'), v.pulse],
        [t('consultation.temperature'), v.temperatureC],
        [t('consultation.spo2'), v.spo2],
        [t('consultation.weight'), v.weightKg],
        [t('consultation.height'), v.heightCm],
        [t('consultation.bmi'), v.bmi],
      ]
    : [];

  return (
    <Stack maw={1000}>
      {c.status === 'open' && (
        <Alert color="blue" variant="light">
          {t('consultation.readOnly')}
        </Alert>
      )}
      {v && (
        <Card>
          <Title order={2} fz="h4" mb="xs">
            {t('consultation.vitals')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {rows
              .filter(([, value]) => value !== null)
              .map(([label, value]) => (
                <div key={label}>
                  <Text size="xs" c="dimmed">
                    {label}
                  </Text>
                  <Text fw={600}>{value}</Text>
                </div>
              ))}
          </SimpleGrid>
        </Card>
      )}
      <Card>
        <Stack gap="xs">
          {(
            [
              ['chiefComplaint', c.chiefComplaint],
              ['notes', c.notes],
              ['labRequests', c.labRequests],
              ['followUp', c.followUp],
            ] as const
          )
            .filter(([, value]) => value)
            .map(([key, value]) => (
              <div key={key}>
                <Text size="sm" fw={600}>
                  {t(`consultation.${key}`)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {value}
                </Text>
              </div>
            ))}
          <Text size="sm" fw={600}>
            {t('consultation.diagnoses')}
          </Text>
          {c.diagnoses.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('consultation.noDiagnoses')}
            </Text>
          ) : (
            <List size="sm">
              {c.diagnoses.map((d, i) => (
                <List.Item key={i}>
                  {d.code ? `${d.code} · ` : ''}
                  {d.description}
                  {d.primary ? ` (${t('consultation.primary')})` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Card>
      <Card>
        <Title order={2} fz="h4" mb="xs">
          {t('consultation.written')}
        </Title>
        {c.prescription.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('consultation.noPrescription')}
          </Text>
        ) : (
          <List size="sm">
            {c.prescription.map((l, i) => (
              <List.Item key={i}>
                <Text span fw={600} size="sm">
                  {l.medicineName}
                </Text>{' '}
                × {l.quantity} {l.dispensingUnit}
                {l.directions ? ` · ${l.directions}` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <Card>
        <Stack>
          <Title order={2} fz="h4">
            {t('consultation.addenda')}
          </Title>
          {c.addenda.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('consultation.noAddenda')}
            </Text>
          )}
          {c.addenda.map((a) => (
            <Paper key={a.id} withBorder p="xs">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {a.text}
              </Text>
              <Text size="xs" c="dimmed">
                {t('consultation.addendumBy', { name: a.authorName, when: f.dateTime(a.createdAt) })}
              </Text>
            </Paper>
          ))}
          {canAdd && (
            <>
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Textarea
                label={t('consultation.addendum')}
                autosize
                minRows={2}
                maxLength={5000}
                value={addendum}
                onChange={(e) => setAddendum(e.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button loading={busy} disabled={!addendum.trim()} onClick={() => void add()}>
                  {t('consultation.addAddendum')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
