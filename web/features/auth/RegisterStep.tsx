import {
  Alert,
  Button,
  Input,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN, SignUpComplete } from '../../../contracts/identity';
import type { PublicHospital } from '../../../contracts/organisation';
import { ApiError, get, post } from '../../lib/api';
import {
  applyServerErrors,
  errorMessage,
  optionalSelect,
  validateWith,
  withoutBlanks,
} from '../../lib/forms';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';

interface Values {
  fullName: string;
  password: string;
  role: 'patient' | 'doctor';
  patient: { dateOfBirth: string; sex: string; phone: string };
  doctor: {
    hospitalId: string;
    departmentId: string;
    specialty: string;
    registrationNumber: string;
    qualifications: string;
    languages: string[];
  };
}

/** Step four of sign-up: who the person is; doctors also say where they practise (an admin approves them). */
export function RegisterStep({
  email,
  code,
  onRegistered,
  onBadCode,
}: {
  email: string;
  code: string;
  onRegistered: () => Promise<void>;
  onBadCode: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      fullName: '',
      password: '',
      role: 'patient',
      patient: { dateOfBirth: '', sex: '', phone: '' },
      doctor: {
        hospitalId: '',
        departmentId: '',
        specialty: '',
        registrationNumber: '',
        qualifications: '',
        languages: [],
      },
    },
  });
  const role = form.getValues().role;
  const hospitals = useQuery({
    queryKey: ['public', 'hospitals'],
    queryFn: ({ signal }) => get<{ items: PublicHospital[] }>('/api/public/hospitals', undefined, signal),
    enabled: role === 'doctor',
    staleTime: 5 * 60_000,
  });
  const chosen = hospitals.data?.items.find((h) => h.id === form.getValues().doctor.hospitalId);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const payload = {
      email,
      code,
      fullName: values.fullName,
      password: values.password,
      role: values.role,
      ...(values.role === 'patient'
        ? { patient: withoutBlanks(values.patient) }
        : {
            doctor: {
              ...withoutBlanks({ ...values.doctor, languages: undefined }),
              languages: values.doctor.languages,
            },
          }),
    };
    const parsed = validateWith(SignUpComplete, payload, form);
    if (!parsed) return;
    setBusy(true);
    try {
      await post('/api/auth/sign-up/complete', payload);
      form.resetDirty();
      await onRegistered();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CODE_INVALID') onBadCode(errorMessage(err));
      else setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <UnsavedChangesGuard when={form.isDirty() && !busy} />
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('auth.register.fullName')}
          autoComplete="name"
          required
          autoFocus
          {...form.getInputProps('fullName')}
        />
        <PasswordInput
          label={t('auth.register.password')}
          description={t('auth.register.passwordHint', { min: PASSWORD_MIN })}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <Stack gap={6}>
          <Input.Label id="role-label">{t('auth.register.roleQuestion')}</Input.Label>
          <SegmentedControl
            aria-labelledby="role-label"
            fullWidth
            data={[
              { value: 'patient', label: t('auth.register.asPatient') },
              { value: 'doctor', label: t('auth.register.asDoctor') },
            ]}
            {...form.getInputProps('role')}
          />
        </Stack>

        {role === 'patient' ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              type="date"
              label={t('patient.dateOfBirth')}
              {...form.getInputProps('patient.dateOfBirth')}
            />
            <Select
              label={t('patient.sex')}
              data={(['female', 'male', 'other', 'unknown'] as const).map((s) => ({
                value: s,
                label: t(`sex.${s}`),
              }))}
              clearable
              {...optionalSelect(form, 'patient.sex')}
            />
            <TextInput
              label={t('patient.phone')}
              description={t('patient.phoneHint')}
              type="tel"
              autoComplete="tel"
              {...form.getInputProps('patient.phone')}
            />
          </SimpleGrid>
        ) : (
          <Stack>
            <Alert color="blue" variant="light" role="note">
              {t('auth.register.doctorNote')}
            </Alert>
            <Select
              label={t('auth.register.hospital')}
              placeholder={hospitals.isPending ? t('common.loading') : undefined}
              data={(hospitals.data?.items ?? []).map((h) => ({
                value: h.id,
                label: [h.name, h.city].filter(Boolean).join(', '),
              }))}
              searchable
              required
              nothingFoundMessage={t('common.nothingFound')}
              {...optionalSelect(form, 'doctor.hospitalId')}
              onChange={(v) => {
                form.setFieldValue('doctor.hospitalId', v ?? '');
                form.setFieldValue('doctor.departmentId', '');
              }}
            />
            <Select
              label={t('auth.register.department')}
              data={(chosen?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
              disabled={!chosen}
              clearable
              {...optionalSelect(form, 'doctor.departmentId')}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput label={t('doctor.specialty')} required {...form.getInputProps('doctor.specialty')} />
              <TextInput
                label={t('doctor.registrationNumber')}
                required
                {...form.getInputProps('doctor.registrationNumber')}
              />
            </SimpleGrid>
            <Textarea
              label={t('doctor.qualifications')}
              autosize
              minRows={2}
              {...form.getInputProps('doctor.qualifications')}
            />
            <TagsInput
              label={t('doctor.languages')}
              description={t('doctor.languagesHint')}
              maxTags={20}
              {...form.getInputProps('doctor.languages')}
            />
          </Stack>
        )}
        <Button type="submit" fullWidth loading={busy}>
          {t('auth.register.submit')}
        </Button>
      </Stack>
    </form>
  );
}
