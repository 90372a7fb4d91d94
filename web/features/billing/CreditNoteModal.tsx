import { Alert, Button, Group, Modal, NumberInput, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IssueCreditNote, type CreditNote, type Invoice } from '../../../contracts/billing';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { newIdempotencyKey, outcomeUnknown } from '../../lib/idempotency';
import { currencyDigits, toMajor } from '../../lib/money';
import {
  PAYMENT_METHODS,
  creditAmount,
  leftToCredit,
  refundFor,
  toIssueCreditNote,
  type CreditValues,
} from './payment-form';
import { refreshBilling } from './queries';

const SERVER_PATHS = { amountMinor: 'amount' };

/**
 * Credits part or all of a final invoice, paying back what the patient paid beyond its new total.
 * Mounted once per opening: its own idempotency key, kept for a retry after a lost answer.
 */
export function CreditNoteModal({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<string | null>(null);
  const cur = invoice.currency;
  const money = (minor: number) => f.money(minor, cur);
  const left = leftToCredit(invoice);
  const form = useForm<CreditValues>({
    initialValues: { amount: toMajor(left, cur), reason: '', refundMethod: '' },
  });
  const values = form.getValues();
  const amount = creditAmount(values, left, cur);
  const refund = Number.isNaN(amount) || amount > left ? 0 : refundFor(invoice, amount);
  // A walk-in customer has no account to hold an advance.
  const methods = PAYMENT_METHODS.filter((m) => m !== 'advance' || invoice.patient);

  const submit = form.onSubmit(async (v) => {
    setError(null);
    const errors: Record<string, string> = {};
    if (!v.reason.trim()) errors.reason = t('fieldErrors.required');
    if (amount > left) errors.amount = t('apiErrors.OVER_CREDIT');
    if (refund > 0 && !v.refundMethod) errors.refundMethod = t('creditNote.chooseRefundMethod');
    if (Object.keys(errors).length) return form.setErrors(errors);
    const body = validateWith(IssueCreditNote, toIssueCreditNote(v, invoice, cur, key), {
      setErrors: (e) =>
        form.setErrors(
          Object.fromEntries(Object.entries(e).map(([k, m]) => [k === 'amountMinor' ? 'amount' : k, m])),
        ),
    });
    if (!body) return;
    try {
      const note = await post<CreditNote>(`/api/billing/invoices/${invoice.id}/credit-notes`, body);
      await refreshBilling(client);
      notifySuccess(t('creditNote.done', { number: note.number }));
      onClose();
    } catch (err) {
      if (!outcomeUnknown(err)) setKey(newIdempotencyKey());
      setError(applyServerErrors(form, err, SERVER_PATHS));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('creditNote.title', { number: invoice.number })} size="lg">
      <form noValidate onSubmit={submit}>
        <Stack>
          <Text size="sm">
            {t('creditNote.intro', { left: money(left), paid: money(invoice.paidMinor) })}
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <NumberInput
            label={t('creditNote.amount')}
            description={t('creditNote.amountHint')}
            min={0}
            max={toMajor(left, cur)}
            decimalScale={currencyDigits(cur)}
            hideControls
            {...form.getInputProps('amount')}
          />
          <Textarea
            label={t('creditNote.reason')}
            autosize
            minRows={2}
            maxLength={500}
            required
            data-autofocus
            {...form.getInputProps('reason')}
          />
          {refund > 0 && (
            <Radio.Group
              label={t('creditNote.refundMethod')}
              description={t('creditNote.refundDue', { amount: money(refund) })}
              required
              {...form.getInputProps('refundMethod')}
            >
              <Group gap="md" mt={6}>
                {methods.map((m) => (
                  <Radio key={m} value={m} label={t(`creditNote.refundMethods.${m}`)} />
                ))}
              </Group>
            </Radio.Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={form.submitting}>
              {t('creditNote.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
