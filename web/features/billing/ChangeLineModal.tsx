import { Alert, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateInvoiceLine, type Invoice, type InvoiceLine } from '../../../contracts/billing';
import { patch } from '../../lib/api';
import { applyServerErrors, validateWith } from '../../lib/forms';
import { useSession } from '../../lib/session';
import {
  discountValuesOf,
  lineErrorSink,
  lineServerPaths,
  toUpdateLine,
  type DiscountValues,
} from './bill-form';
import { DiscountFields } from './DiscountFields';
import { invoiceKey, refreshBilling } from './queries';
import { FormActions } from '../../components/FormActions';

type Values = DiscountValues & { quantity: number | string };

/** Changes a draft line's quantity and, for those who may give one, its discount. */
export function ChangeLineModal({
  invoice,
  line,
  onClose,
}: {
  invoice: Invoice;
  line: InvoiceLine;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { can } = useSession();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { quantity: line.quantity, ...discountValuesOf(line, invoice.currency) },
  });
  const canDiscount = can('discounts:apply');

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const full = toUpdateLine(values, invoice.currency);
    // Without the permission the discount is not this person's to send: only the quantity changes.
    const body = validateWith(
      UpdateInvoiceLine,
      canDiscount ? full : { quantity: full.quantity },
      lineErrorSink(form),
    );
    if (!body) return;
    try {
      const next = await patch<Invoice>(`/api/billing/invoices/${invoice.id}/lines/${line.id}`, body);
      client.setQueryData(invoiceKey(invoice.id), next);
      await refreshBilling(client);
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, lineServerPaths([{ from: '', to: '' }])));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('invoice.changeLineTitle')} size="lg">
      <form noValidate onSubmit={submit}>
        <Stack>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {line.description}
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <NumberInput
            label={t('invoice.quantity')}
            min={1}
            max={10_000}
            allowDecimal={false}
            required
            data-autofocus
            {...form.getInputProps('quantity')}
          />
          {canDiscount && (
            <DiscountFields
              values={form.getValues()}
              fieldProps={(name) => form.getInputProps(name)}
              currency={invoice.currency}
            />
          )}
          <FormActions onCancel={onClose} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
