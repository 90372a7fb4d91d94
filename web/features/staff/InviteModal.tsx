import { Alert, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateInvitation } from '../../../contracts/organisation';
import { HOSPITAL_ROLES } from '../../../contracts/roles';
import { post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { FormActions } from '../../components/FormActions';

/** Invites someone by email to a role at the active hospital; they get a link valid for 7 days. */
export function InviteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '', role: 'receptionist' } });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(CreateInvitation, values, form);
    if (!body) return;
    try {
      await post('/api/staff/invitations', body);
      notifySuccess(t('staff.invited', { email: body.email }));
      form.reset();
      onClose();
      await client.invalidateQueries({ queryKey: ['invitations'] });
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('staff.invite')} centered>
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <TextInput
            label={t('auth.email')}
            type="email"
            required
            data-autofocus
            {...form.getInputProps('email')}
          />
          <Select
            label={t('staff.role')}
            data={HOSPITAL_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          <FormActions
            onCancel={onClose}
            submitting={form.submitting}
            submitLabel={t('staff.sendInvitation')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
