import { Alert, Anchor, Button, Group, List, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CreatePatient, type DuplicateCandidate, type Patient } from '../../../contracts/patients';
import { ApiError, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { applyServerErrors, notifySuccess, validateWith, withoutBlanks } from '../../lib/forms';
import { PageHeader } from '../../components/PageHeader';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { EMPTY_DEMOGRAPHICS, PatientFields, type DemographicValues } from './PatientFields';
import { RepeatedFields } from './RepeatedFields';

interface Values extends DemographicValues {
  allergies: { substance: string; reaction: string; severity: string }[];
  conditions: { name: string; icd10Code: string; onsetDate: string }[];
}

/** The request body from the form: blanks left out, so optional fields stay unset. */
function toBody(v: Values, confirmNotDuplicate: boolean) {
  const { allergies, conditions, ...demographics } = v;
  return {
    ...withoutBlanks(demographics),
    ...(allergies.length ? { allergies: allergies.map((a) => withoutBlanks(a)) } : {}),
    ...(conditions.length ? { conditions: conditions.map((c) => withoutBlanks(c)) } : {}),
    ...(confirmNotDuplicate ? { confirmNotDuplicate: true } : {}),
  };
}

/** Front-desk registration of a new patient at the active hospital, with a duplicate check. */
export default function RegisterPatientPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({ initialValues: { ...EMPTY_DEMOGRAPHICS, allergies: [], conditions: [] } });

  const register = async (confirmNotDuplicate: boolean) => {
    setError(null);
    const body = validateWith(CreatePatient, toBody(form.getValues(), confirmNotDuplicate), form);
    if (!body) return;
    setBusy(true);
    try {
      const patient = await post<Patient>('/api/patients', body);
      form.resetDirty();
      await client.invalidateQueries({ queryKey: ['patients'] });
      await client.invalidateQueries({ queryKey: ['dashboard'] });
      notifySuccess(t('registerPatient.done', { mrn: patient.mrn ?? '' }));
      await navigate(`/app/patients/${patient.id}`, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'POSSIBLE_DUPLICATE') {
        setDuplicates((err.problem?.candidates as DuplicateCandidate[] | undefined) ?? []);
      } else {
        setError(applyServerErrors(form, err));
      }
    } finally {
      setBusy(false);
    }
  };

  const values = form.getValues();
  return (
    <>
      <PageHeader title={t('registerPatient.title')} description={t('registerPatient.description')} />
      <UnsavedChangesGuard when={form.isDirty() && !busy} />
      <form
        noValidate
        onSubmit={form.onSubmit(() => {
          setDuplicates(null);
          void register(false);
        })}
      >
        <Stack maw={900}>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Stack>
            <PatientFields form={form} />
            <RepeatedFields
              legend={t('patient.allergies')}
              emptyText={t('registerPatient.noAllergies')}
              count={values.allergies.length}
              fields={(i) => (
                <>
                  <TextInput
                    label={t('allergy.substance')}
                    required
                    {...form.getInputProps(`allergies.${i}.substance`)}
                  />
                  <TextInput
                    label={t('allergy.reaction')}
                    {...form.getInputProps(`allergies.${i}.reaction`)}
                  />
                  <Select
                    label={t('allergy.severity')}
                    data={(['mild', 'moderate', 'severe', 'unknown'] as const).map((s) => ({
                      value: s,
                      label: t(`allergy.severities.${s}`),
                    }))}
                    {...form.getInputProps(`allergies.${i}.severity`)}
                  />
                </>
              )}
              removeLabel={(i) => t('registerPatient.removeAllergy', { number: i + 1 })}
              onRemove={(i) => form.removeListItem('allergies', i)}
              addLabel={t('registerPatient.addAllergy')}
              onAdd={() =>
                form.insertListItem('allergies', { substance: '', reaction: '', severity: 'unknown' })
              }
            />
            <RepeatedFields
              legend={t('patient.conditions')}
              emptyText={t('registerPatient.noConditions')}
              count={values.conditions.length}
              fields={(i) => (
                <>
                  <TextInput
                    label={t('condition.name')}
                    required
                    {...form.getInputProps(`conditions.${i}.name`)}
                  />
                  <TextInput
                    label={t('condition.icd10')}
                    placeholder="E11.9"
                    {...form.getInputProps(`conditions.${i}.icd10Code`)}
                  />
                  <TextInput
                    type="date"
                    label={t('condition.onset')}
                    {...form.getInputProps(`conditions.${i}.onsetDate`)}
                  />
                </>
              )}
              removeLabel={(i) => t('registerPatient.removeCondition', { number: i + 1 })}
              onRemove={(i) => form.removeListItem('conditions', i)}
              addLabel={t('registerPatient.addCondition')}
              onAdd={() => form.insertListItem('conditions', { name: '', icd10Code: '', onsetDate: '' })}
            />
          </Stack>

          {duplicates && (
            <Alert
              color="orange"
              title={t('registerPatient.duplicateTitle')}
              role="alert"
              data-testid="duplicate-warning"
            >
              <Text size="sm" mb="xs">
                {t('registerPatient.duplicateBody')}
              </Text>
              <List size="sm" spacing={4} mb="md">
                {duplicates.map((d) => (
                  <List.Item key={d.id}>
                    <Anchor component={Link} to={`/app/patients/${d.id}`}>
                      {d.name}
                    </Anchor>{' '}
                    · {t('patient.mrnShort')} {d.mrn}
                    {d.dateOfBirth ? ` · ${f.date(d.dateOfBirth)}` : ''}
                    {d.phone ? ` · ${d.phone}` : ''}
                  </List.Item>
                ))}
              </List>
              <Button color="orange" variant="light" loading={busy} onClick={() => void register(true)}>
                {t('registerPatient.registerAnyway')}
              </Button>
            </Alert>
          )}

          <Group justify="flex-end">
            <Button component={Link} to="/app/patients" variant="default">
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={busy && !duplicates}>
              {t('registerPatient.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
