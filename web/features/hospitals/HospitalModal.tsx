import { Alert, Modal, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateHospital, UpdateHospital, type Hospital } from '../../../contracts/organisation';
import { patch, post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { FormActions } from '../../components/FormActions';

interface Values {
  code: string;
  name: string;
  address: string;
  city: string;
  country: string;
  phone: string;
  email: string;
  timeZone: string;
  currency: string;
  requireStaffTwoFactor: boolean;
  active: boolean;
}

/** Adds a hospital (platform admins) or edits one's settings; the code is fixed once given (it prefixes MRNs). */
export function HospitalModal({
  hospital,
  platform,
  onClose,
  onSaved,
}: {
  hospital: Hospital | null;
  platform: boolean;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const initial: Values = {
    code: hospital?.code ?? '',
    name: hospital?.name ?? '',
    address: hospital?.address ?? '',
    city: hospital?.city ?? '',
    country: hospital?.country ?? '',
    phone: hospital?.phone ?? '',
    email: hospital?.email ?? '',
    timeZone: hospital?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    currency: hospital?.currency ?? '',
    requireStaffTwoFactor: hospital?.requireStaffTwoFactor ?? false,
    active: hospital?.active ?? true,
  };
  const form = useForm<Values>({ initialValues: initial });

  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      if (hospital) {
        const changes: Record<string, unknown> = {};
        for (const k of Object.keys(v) as (keyof Values)[]) {
          if (k === 'code' || v[k] === initial[k]) continue;
          if (k === 'active' && !platform) continue;
          changes[k] = (k === 'phone' || k === 'email') && v[k] === '' ? null : v[k];
        }
        if (Object.keys(changes).length === 0) return onClose();
        const body = validateWith(UpdateHospital, changes, form);
        if (!body) return;
        await patch(`/api/hospitals/${hospital.id}`, body);
      } else {
        const { requireStaffTwoFactor: _r, active: _a, ...rest } = v;
        const body = validateWith(
          CreateHospital,
          { ...rest, phone: rest.phone || null, email: rest.email || null },
          form,
        );
        if (!body) return;
        await post('/api/hospitals', body);
      }
      form.resetDirty();
      notifySuccess(t('hospitals.saved', { name: v.name }));
      onClose();
      await onSaved();
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={hospital ? t('hospitals.editNamed', { name: hospital.name }) : t('hospitals.add')}
      size="lg"
      centered
    >
      <UnsavedChangesGuard when={form.isDirty()} />
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('hospitals.name')} required data-autofocus {...form.getInputProps('name')} />
            <TextInput
              label={t('hospitals.code')}
              description={t('hospitals.codeHint')}
              required
              disabled={!!hospital}
              {...form.getInputProps('code')}
            />
          </SimpleGrid>
          <Textarea label={t('hospitals.address')} autosize minRows={2} {...form.getInputProps('address')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('hospitals.cityOnly')} {...form.getInputProps('city')} />
            <TextInput label={t('hospitals.country')} {...form.getInputProps('country')} />
            <TextInput label={t('hospitals.phone')} type="tel" {...form.getInputProps('phone')} />
            <TextInput label={t('hospitals.email')} type="email" {...form.getInputProps('email')} />
            <Select
              label={t('hospitals.timeZone')}
              data={zones}
              searchable
              required
              allowDeselect={false}
              limit={50}
              {...form.getInputProps('timeZone')}
            />
            <TextInput
              label={t('hospitals.currency')}
              description={t('hospitals.currencyHint')}
              maxLength={3}
              required
              {...form.getInputProps('currency')}
            />
          </SimpleGrid>
          {hospital && (
            <Switch
              label={t('hospitals.requireTwoFactor')}
              {...form.getInputProps('requireStaffTwoFactor', { type: 'checkbox' })}
            />
          )}
          {hospital && platform && (
            <Switch
              label={t('hospitals.activeSwitch')}
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          )}
          <FormActions onCancel={onClose} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
