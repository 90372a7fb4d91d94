import { Alert, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateInvoice, type Invoice } from '../../../contracts/billing';
import { patch } from '../../lib/api';
import { applyServerErrors, validateWith } from '../../lib/forms';
import { BillDetailsFields, type BillDetails } from './BillDetailsFields';
import { invoiceKey, refreshBilling } from './queries';
import { FormActions } from '../../components/FormActions';

/** Changes a draft's department, doctor and notes (an empty one is cleared). */
export function EditDetailsModal({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<BillDetails>({
    initialValues: {
      departmentId: invoice.departmentId ?? '',
      doctorId: invoice.doctorId ?? '',
      notes: invoice.notes ?? '',
    },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(
      UpdateInvoice,
      {
        departmentId: values.departmentId || null,
        doctorId: values.doctorId || null,
        notes: values.notes.trim() || null,
      },
      form,
    );
    if (!body) return;
    try {
      const next = await patch<Invoice>(`/api/billing/invoices/${invoice.id}`, body);
      client.setQueryData(invoiceKey(invoice.id), next);
      await refreshBilling(client);
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('invoice.editDetailsTitle')} size="lg">
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <BillDetailsFields
            values={form.getValues()}
            fieldProps={(name) => form.getInputProps(name)}
            onChange={(name, v) => form.setFieldValue(name, v)}
          />
          <FormActions onCancel={onClose} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
