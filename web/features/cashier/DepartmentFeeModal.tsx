import { Alert, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SetDepartmentFee, type DepartmentFee } from '../../../contracts/price-list';
import { put } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { feeValues, FORM_NAME_OF, toFormErrors, toSetDepartmentFee, type FeeValues } from './price-list';
import { PriceTaxFields } from './PriceTaxFields';
import { DEPARTMENT_FEES_KEY, type DepartmentFees } from './queries';
import { FormActions } from '../../components/FormActions';

/** Sets the consultation fee of a department (and its tax): it replaces its doctors' own fees. */
export function DepartmentFeeModal({
  department,
  currency,
  onClose,
}: {
  department: DepartmentFee;
  currency: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<FeeValues>({ initialValues: feeValues(department, currency) });
  const name = department.departmentName;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(SetDepartmentFee, toSetDepartmentFee(values, currency), {
      setErrors: (e) => form.setErrors(toFormErrors(e)),
    });
    if (!body) return;
    try {
      const list = await put<DepartmentFees>(
        `/api/billing/consultation-fees/${department.departmentId}`,
        body,
      );
      client.setQueryData(DEPARTMENT_FEES_KEY, list);
      notifySuccess(t('fees.saved', { name }));
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, FORM_NAME_OF));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('fees.modalTitle', { name })} centered>
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <PriceTaxFields
            form={form}
            priceField="fee"
            priceLabel={t('fees.feeLabel', { currency })}
            priceHint={t('fees.feeHint')}
            currency={currency}
            autoFocus
          />
          <FormActions onCancel={onClose} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
