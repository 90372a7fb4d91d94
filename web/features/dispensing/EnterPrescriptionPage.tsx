import { Alert, Card, Grid, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EnterPrescription, type Prescription } from '../../../contracts/dispensing';
import type { PatientSummary } from '../../../contracts/patients';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { notifySuccess, useFormSubmit, validateWith } from '../../lib/forms';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { todayIn } from './dates';
import { MedicineLines, type PickedMedicine } from './MedicineLines';
import { PatientPicker } from './PatientPicker';
import { FormActions } from '../../components/FormActions';

interface Line extends PickedMedicine {
  quantity: number | string;
  directions: string;
}

interface Values {
  patientId: string;
  prescriberName: string;
  writtenOn: string;
  notes: string;
  lines: Line[];
}

/** The request body: blanks left out, quantities as numbers (a blank one fails as "required"). */
function toBody(v: Values) {
  return {
    patientId: v.patientId,
    prescriberName: v.prescriberName,
    writtenOn: v.writtenOn,
    ...(v.notes.trim() ? { notes: v.notes } : {}),
    lines: v.lines.map((l) => ({
      medicineId: l.medicineId,
      quantity: l.quantity === '' ? undefined : Number(l.quantity),
      ...(l.directions.trim() ? { directions: l.directions } : {}),
    })),
  };
}

/** A paper prescription typed in by the pharmacy: patient, prescriber, date and the medicines. */
export default function EnterPrescriptionPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const form = useForm<Values>({
    initialValues: {
      patientId: '',
      prescriberName: '',
      writtenOn: todayIn(f.timeZone),
      notes: '',
      lines: [],
    },
  });
  const values = form.getValues();
  const { can } = useSession();
  const { submit, busy, error } = useFormSubmit(form, {
    body: (v) => validateWith(EnterPrescription, toBody(v), form),
    send: (body) => post<Prescription>('/api/prescriptions', body),
    done: async (p) => {
      await client.invalidateQueries({ queryKey: ['prescriptions'] });
      notifySuccess(t('dispensing.entered', { name: p.patientName }));
      await navigate(`/app/prescriptions/${p.id}`, { replace: true });
    },
  });

  if (!can('prescriptions:enter')) return <NotFound home="/app/prescriptions" />;
  return (
    <>
      <PageHeader title={t('dispensing.enterTitle')} description={t('dispensing.enterDescription')} />
      <UnsavedChangesGuard when={form.isDirty() && !busy} />
      <form noValidate onSubmit={form.onSubmit(() => void submit())}>
        <Stack maw={900}>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Card>
            <Stack>
              <PatientPicker
                label={t('dispensing.patient')}
                description={t('dispensing.patientHint')}
                value={patient}
                required
                error={form.errors.patientId as string | undefined}
                onChange={(p) => {
                  setPatient(p);
                  form.setFieldValue('patientId', p?.id ?? '');
                }}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('dispensing.prescriber')}
                  required
                  maxLength={200}
                  {...form.getInputProps('prescriberName')}
                />
                <TextInput
                  type="date"
                  label={t('dispensing.writtenOn')}
                  required
                  max={todayIn(f.timeZone)}
                  {...form.getInputProps('writtenOn')}
                />
              </SimpleGrid>
              <Textarea
                label={t('dispensing.notes')}
                autosize
                minRows={2}
                maxLength={1000}
                {...form.getInputProps('notes')}
              />
            </Stack>
          </Card>
          <MedicineLines
            title={t('dispensing.medicines')}
            addLabel={t('dispensing.addMedicine')}
            emptyText={t('dispensing.noLines')}
            removeLabel={(name) => t('dispensing.removeLine', { name })}
            lines={values.lines}
            error={typeof form.errors.lines === 'string' ? form.errors.lines : null}
            onAdd={(picked) => {
              form.insertListItem('lines', { ...picked, quantity: '', directions: '' });
              form.clearFieldError('lines');
            }}
            onRemove={(i) => form.removeListItem('lines', i)}
          >
            {(l, i) => (
              <Grid>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <NumberInput
                    label={t('dispensing.quantityIn', { unit: l.unit })}
                    required
                    min={1}
                    max={1_000_000}
                    allowDecimal={false}
                    allowNegative={false}
                    {...form.getInputProps(`lines.${i}.quantity`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 8 }}>
                  <TextInput
                    label={t('dispensing.directions')}
                    placeholder={t('dispensing.directionsPlaceholder')}
                    maxLength={300}
                    {...form.getInputProps(`lines.${i}.directions`)}
                  />
                </Grid.Col>
              </Grid>
            )}
          </MedicineLines>
          <FormActions
            onCancel={() => void navigate('/app/prescriptions')}
            submitting={busy}
            submitLabel={t('dispensing.save')}
          />
        </Stack>
      </form>
    </>
  );
}
