import { Alert, Group, Modal, NumberInput, Radio, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordPayment, type Invoice, type Payment } from '../../../contracts/billing';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { applyServerErrors, validateWith } from '../../lib/forms';
import { newIdempotencyKey, outcomeUnknown } from '../../lib/idempotency';
import { currencyDigits, toMajor } from '../../lib/money';
import { useSession } from '../../lib/session';
import {
  PAYMENT_METHODS,
  PAYMENT_SERVER_PATHS,
  paymentFigures,
  toRecordPayment,
  type PaymentValues,
} from './payment-form';
import { PaymentDone } from './PaymentDone';
import { refreshBilling, usePatientAccount } from './queries';
import { FormActions } from '../../components/FormActions';

/**
 * Takes a payment against a final invoice. Mounted once per opening, so each opening has its own
 * idempotency key: a retry after a lost answer sends the same key and records the payment once.
 */
export function PaymentModal({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const { can } = useSession();
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Payment | null>(null);
  const account = usePatientAccount(invoice.patient?.id ?? null, can('invoices:read'));
  const advanceMinor = account.data?.advanceMinor ?? 0;
  const methods = PAYMENT_METHODS.filter((m) => m !== 'advance' || advanceMinor > 0);
  const cur = invoice.currency;
  const money = (minor: number) => f.money(minor, cur);
  const form = useForm<PaymentValues>({
    initialValues: {
      method: 'cash',
      amount: toMajor(invoice.balanceMinor, cur),
      tendered: '',
      reference: '',
      note: '',
      advance: false,
    },
  });
  const values = form.getValues();
  const figures = paymentFigures(values, invoice.balanceMinor, cur);
  const overpaying = figures.overBalance && values.method !== 'advance';

  const submit = form.onSubmit(async (v) => {
    setError(null);
    if (figures.overBalance && (v.method === 'advance' || !v.advance)) {
      form.setFieldError('amount', t('apiErrors.OVERPAYMENT'));
      return;
    }
    if (figures.tenderedMinor !== undefined && figures.change === null) {
      form.setFieldError('tendered', t('payment.tenderedTooLittle'));
      return;
    }
    const body = validateWith(RecordPayment, toRecordPayment(v, invoice.balanceMinor, cur, key), {
      setErrors: (e) =>
        form.setErrors(
          Object.fromEntries(Object.entries(e).map(([k, m]) => [PAYMENT_SERVER_PATHS[k as never] ?? k, m])),
        ),
    });
    if (!body) return;
    try {
      const payment = await post<Payment>(`/api/billing/invoices/${invoice.id}/payments`, body);
      setDone(payment);
      await refreshBilling(client);
    } catch (err) {
      // Refused: nothing was recorded, so the next attempt is a new one. Unknown: retry the same.
      if (!outcomeUnknown(err)) setKey(newIdempotencyKey());
      setError(applyServerErrors(form, err, PAYMENT_SERVER_PATHS));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('payment.title', { number: invoice.number })} size="lg">
      {done ? (
        <PaymentDone payment={done} onClose={onClose} />
      ) : (
        <form noValidate onSubmit={submit}>
          <Stack>
            <Text size="sm">
              {t('payment.owed')} <strong data-testid="payment-owed">{money(invoice.balanceMinor)}</strong>
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Radio.Group label={t('payment.method')} required {...form.getInputProps('method')}>
              <Group gap="md" mt={6}>
                {methods.map((m) => (
                  <Radio key={m} value={m} label={t(`payment.methods.${m}`)} />
                ))}
              </Group>
            </Radio.Group>
            {values.method === 'advance' && (
              <Text size="sm" c="dimmed">
                {t('payment.advanceAvailable', { amount: money(advanceMinor) })}
              </Text>
            )}
            <NumberInput
              label={t('payment.amount')}
              min={0}
              decimalScale={currencyDigits(cur)}
              hideControls
              required
              data-autofocus
              {...form.getInputProps('amount')}
            />
            {values.method === 'cash' && (
              <Group align="flex-end" gap="md" wrap="wrap">
                <NumberInput
                  label={t('payment.tendered')}
                  description={t('payment.tenderedHint')}
                  min={0}
                  decimalScale={currencyDigits(cur)}
                  hideControls
                  style={{ flex: '1 1 12rem' }}
                  {...form.getInputProps('tendered')}
                />
                {figures.change !== null && (
                  <Text size="lg" fw={700} data-testid="change-to-give" mb={6}>
                    {t('payment.changeToGive', { amount: money(figures.change) })}
                  </Text>
                )}
              </Group>
            )}
            {values.method !== 'cash' && values.method !== 'advance' && (
              <TextInput
                label={t('payment.reference')}
                description={t(`payment.referenceHints.${values.method}`)}
                maxLength={100}
                {...form.getInputProps('reference')}
              />
            )}
            {overpaying && (
              <Switch
                label={t('payment.restAsAdvance', { amount: money(figures.excessMinor) })}
                {...form.getInputProps('advance', { type: 'checkbox' })}
              />
            )}
            <TextInput label={t('payment.note')} maxLength={500} {...form.getInputProps('note')} />
            <FormActions onCancel={onClose} submitting={form.submitting} submitLabel={t('payment.confirm')} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
