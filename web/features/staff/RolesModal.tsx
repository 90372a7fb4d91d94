import { Alert, Checkbox, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SetStaffRoles, type StaffMember } from '../../../contracts/organisation';
import { HOSPITAL_ROLES } from '../../../contracts/roles';
import { ApiError, put } from '../../lib/api';
import { applyServerErrors, errorMessage, notifySuccess, validateWith, withoutBlanks } from '../../lib/forms';
import { FormActions } from '../../components/FormActions';

/** Sets someone's roles here; granting "doctor" to someone with no approved profile asks for one. */
export function RolesModal({
  member,
  onClose,
  onSaved,
}: {
  member: StaffMember;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [needsProfile, setNeedsProfile] = useState(false);
  const form = useForm({
    initialValues: {
      roles: member.roles as string[],
      doctorProfile: { specialty: '', registrationNumber: '' },
    },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const payload = {
      roles: values.roles,
      ...(needsProfile && values.roles.includes('doctor')
        ? { doctorProfile: withoutBlanks(values.doctorProfile) }
        : {}),
    };
    const body = validateWith(SetStaffRoles, payload, form);
    if (!body) return;
    try {
      await put(`/api/staff/${member.userId}/roles`, body);
      notifySuccess(t('staff.rolesSaved', { name: member.fullName }));
      onClose();
      await onSaved();
    } catch (err) {
      // Granting "doctor" needs a profile: ask for one here (it also approves a pending application).
      if (err instanceof ApiError && err.code === 'DOCTOR_PROFILE_REQUIRED' && !needsProfile) {
        setNeedsProfile(true);
        setError(errorMessage(err));
        return;
      }
      setError(applyServerErrors(form, err));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('staff.changeRolesOf', { name: member.fullName })} centered>
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && <Alert color="orange">{error}</Alert>}
          <Checkbox.Group label={t('staff.roles')} {...form.getInputProps('roles')}>
            <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs">
              {HOSPITAL_ROLES.map((r) => (
                <Checkbox key={r} value={r} label={t(`roles.${r}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {needsProfile && form.getValues().roles.includes('doctor') && (
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('staff.doctorProfile')}
              </Text>
              <TextInput
                label={t('doctor.specialty')}
                required
                {...form.getInputProps('doctorProfile.specialty')}
              />
              <TextInput
                label={t('doctor.registrationNumber')}
                required
                {...form.getInputProps('doctorProfile.registrationNumber')}
              />
            </Stack>
          )}
          <FormActions onCancel={onClose} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
