import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InvoiceLineInput, type Invoice } from '../../../contracts/billing';
import { post } from '../../lib/api';
import { applyServerErrors, validateWith } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { BillLineFields } from './BillLineFields';
import { lineErrorSink, lineServerPaths, toLineInput, type BillValues } from './bill-form';
import { LinePicker } from './LinePicker';
import { invoiceKey, refreshBilling } from './queries';

const EMPTY: BillValues = { departmentId: '', doctorId: '', notes: '', lines: [] };

/** Adds one line to a draft: chosen from the price list or the catalog, or described here. */
export function AddLineModal({
  invoice,
  opened,
  onClose,
}: {
  invoice: Invoice;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { can } = useSession();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<BillValues>({ initialValues: EMPTY });
  const line = form.getValues().lines[0];

  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    const chosen = values.lines[0];
    if (!chosen) return;
    setError(null);
    const body = validateWith(
      InvoiceLineInput,
      toLineInput(chosen, invoice.currency),
      lineErrorSink(form, 'lines.0.'),
    );
    if (!body) return;
    try {
      const next = await post<Invoice>(`/api/billing/invoices/${invoice.id}/lines`, body);
      client.setQueryData(invoiceKey(invoice.id), next);
      await refreshBilling(client);
      close();
    } catch (err) {
      setError(applyServerErrors(form, err, lineServerPaths([{ from: '', to: 'lines.0.' }])));
    }
  });

  return (
    <Modal opened={opened} onClose={close} title={t('invoice.addLineTitle')} size="lg">
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {line ? (
            <BillLineFields
              line={line}
              fieldProps={(name) => form.getInputProps(`lines.0.${name}`)}
              currency={invoice.currency}
              canDiscount={can('discounts:apply')}
              onRemove={() => form.setFieldValue('lines', [])}
            />
          ) : (
            <LinePicker onAdd={(l) => form.setFieldValue('lines', [l])} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting} disabled={!line}>
              {t('invoice.addLineConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
