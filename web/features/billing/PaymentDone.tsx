import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../contracts/billing';
import { useFormat } from '../../lib/format';
import { ReceiptButton } from './PaymentsCard';

/** A payment just recorded: its number, the change to hand back, and its receipt. */
export function PaymentDone({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (minor: number) => f.money(minor, payment.currency);
  return (
    <Stack data-testid="payment-done">
      <Alert
        color="teal"
        icon={<IconCheck aria-hidden />}
        title={t('payment.doneTitle', { number: payment.number })}
      >
        {t('payment.doneBody', {
          amount: money(payment.amountMinor),
          method: t(`payment.methods.${payment.method}`),
        })}
        {payment.advanceMinor > 0 && ` ${t('payment.doneAdvance', { amount: money(payment.advanceMinor) })}`}
      </Alert>
      {payment.changeMinor !== null && (
        <Text size="xl" fw={700} data-testid="payment-change">
          {t('payment.changeToGive', { amount: money(payment.changeMinor) })}
        </Text>
      )}
      <Group justify="flex-end">
        <ReceiptButton paymentId={payment.id} label={t('payment.printReceipt')} />
        <Button onClick={onClose} autoFocus>
          {t('payment.done')}
        </Button>
      </Group>
    </Stack>
  );
}
