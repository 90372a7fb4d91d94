import { Alert, Modal, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateSupplier,
  MAX_LEAD_TIME_DAYS,
  UpdateSupplier,
  type Supplier,
} from '../../../contracts/procurement';
import { patch, post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { supplierValues, toCreateSupplier, toUpdateSupplier, type SupplierValues } from './supplier-form';
import { FormActions } from '../../components/FormActions';

/** Adds a supplier, or changes one's name, contacts, tax id, payment terms and lead time. */
export function SupplierModal({
  supplier,
  onClose,
  onSaved,
}: {
  supplier: Supplier | null;
  onClose: () => void;
  onSaved: (s: Supplier) => Promise<unknown> | void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SupplierValues>({ initialValues: supplierValues(supplier) });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      let saved: Supplier;
      if (supplier) {
        const changes = toUpdateSupplier(values, supplier);
        if (Object.keys(changes).length === 0) return onClose();
        const body = validateWith(UpdateSupplier, changes, form);
        if (!body) return;
        saved = await patch<Supplier>(`/api/suppliers/${supplier.id}`, body);
      } else {
        const body = validateWith(CreateSupplier, toCreateSupplier(values), form);
        if (!body) return;
        saved = await post<Supplier>('/api/suppliers', body);
      }
      notifySuccess(t('suppliers.saved', { name: saved.name }));
      onClose();
      await onSaved(saved);
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={supplier ? t('suppliers.editNamed', { name: supplier.name }) : t('suppliers.add')}
      centered
      size="lg"
    >
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('suppliers.name')}
            required
            maxLength={200}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('suppliers.contactName')}
              maxLength={200}
              {...form.getInputProps('contactName')}
            />
            <TextInput
              label={t('suppliers.email')}
              description={t('suppliers.emailHint')}
              type="email"
              {...form.getInputProps('email')}
            />
            <TextInput
              label={t('suppliers.phone')}
              placeholder="+919812345678"
              type="tel"
              {...form.getInputProps('phone')}
            />
            <TextInput label={t('suppliers.taxId')} maxLength={50} {...form.getInputProps('taxId')} />
          </SimpleGrid>
          <TextInput label={t('suppliers.address')} maxLength={300} {...form.getInputProps('addressLine')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('suppliers.paymentTerms')}
              placeholder={t('suppliers.paymentTermsPlaceholder')}
              maxLength={200}
              {...form.getInputProps('paymentTerms')}
            />
            <NumberInput
              label={t('suppliers.leadTimeDays')}
              description={t('suppliers.leadTimeHint')}
              min={0}
              max={MAX_LEAD_TIME_DAYS}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('leadTimeDays')}
            />
          </SimpleGrid>
          <FormActions
            onCancel={onClose}
            submitting={form.submitting}
            submitLabel={supplier ? t('actions.save') : t('suppliers.addAction')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
