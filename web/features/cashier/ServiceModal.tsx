import { Alert, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateBillingService,
  UpdateBillingService,
  type BillingService,
} from '../../../contracts/price-list';
import { ApiError, patch, post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import {
  FORM_NAME_OF,
  serviceValues,
  toCreateService,
  toFormErrors,
  toUpdateService,
  type ServiceValues,
} from './price-list';
import { PriceTaxFields } from './PriceTaxFields';
import { FormActions } from '../../components/FormActions';

/** Adds a service to the price list, or changes one's name, price or tax (its code stays). */
export function ServiceModal({
  service,
  currency,
  onClose,
  onSaved,
}: {
  service: BillingService | null;
  currency: string;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ServiceValues>({ initialValues: serviceValues(service, currency) });
  const onForm = { setErrors: (e: Record<string, string>) => form.setErrors(toFormErrors(e)) };

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      let saved: BillingService;
      if (service) {
        const changes = toUpdateService(values, service, currency);
        if (Object.keys(changes).length === 0) return onClose();
        const body = validateWith(UpdateBillingService, changes, onForm);
        if (!body) return;
        saved = await patch<BillingService>(`/api/billing/services/${service.id}`, body);
      } else {
        const body = validateWith(CreateBillingService, toCreateService(values, currency), onForm);
        if (!body) return;
        saved = await post<BillingService>('/api/billing/services', body);
      }
      notifySuccess(t('priceList.saved', { name: saved.name }));
      onClose();
      await onSaved();
    } catch (err) {
      // A code taken already belongs next to the code, not in a "changed meanwhile" alert.
      if (err instanceof ApiError && err.problem?.constraint === 'billing_services_code_uq') {
        form.setFieldError('code', t('priceList.codeTaken'));
        return;
      }
      setError(applyServerErrors(form, err, FORM_NAME_OF));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={service ? t('priceList.editNamed', { name: service.name }) : t('priceList.add')}
      centered
    >
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('priceList.code')}
            description={service ? undefined : t('priceList.codeHint')}
            required={!service}
            disabled={!!service}
            maxLength={30}
            data-autofocus={service ? undefined : true}
            styles={{ input: { textTransform: 'uppercase' } }}
            {...form.getInputProps('code')}
          />
          <TextInput
            label={t('priceList.name')}
            required
            maxLength={200}
            data-autofocus={service ? true : undefined}
            {...form.getInputProps('name')}
          />
          <PriceTaxFields
            form={form}
            priceField="price"
            priceLabel={t('priceList.price', { currency })}
            currency={currency}
          />
          <FormActions
            onCancel={onClose}
            submitting={form.submitting}
            submitLabel={service ? t('actions.save') : t('priceList.addAction')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
