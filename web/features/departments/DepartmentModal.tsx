import { Alert, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateDepartment, UpdateDepartment, type Department } from '../../../contracts/organisation';
import { patch, post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { FormActions } from '../../components/FormActions';

/** Adds a department, or renames / describes one. */
export function DepartmentModal({
  department,
  onClose,
  onSaved,
}: {
  department: Department | null;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: department?.name ?? '', description: department?.description ?? '' },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      if (department) {
        const changes: Record<string, string> = {};
        if (values.name !== department.name) changes.name = values.name;
        if (values.description !== department.description) changes.description = values.description;
        if (Object.keys(changes).length === 0) return onClose();
        const body = validateWith(UpdateDepartment, changes, form);
        if (!body) return;
        await patch(`/api/departments/${department.id}`, body);
      } else {
        const body = validateWith(CreateDepartment, values, form);
        if (!body) return;
        await post('/api/departments', body);
      }
      notifySuccess(t('departments.saved', { name: values.name }));
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
      title={department ? t('departments.editNamed', { name: department.name }) : t('departments.add')}
      centered
    >
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <TextInput label={t('departments.name')} required data-autofocus {...form.getInputProps('name')} />
          <Textarea
            label={t('departments.descriptionField')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <FormActions onCancel={onClose} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
