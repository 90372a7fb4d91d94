import { Alert, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CashClosing, CashDay } from '../../../contracts/billing-reports';
import { ConfirmButton } from '../../components/ConfirmButton';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { currencyDigits } from '../../lib/money';
import { cashDifference, toCloseCashDay, type CloseDayValues } from './cash-closing';
import { DifferenceBadge } from './DifferenceBadge';
import { refreshClosings } from './queries';

/**
 * The cash counted and a note, the difference against what is expected shown as it is typed, and
 * closing the day after a confirmation that repeats the figures.
 */
export function CloseDayForm({ day }: { day: CashDay }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const { currency, businessDate, expectedCashMinor } = day;
  const form = useForm<CloseDayValues>({ initialValues: { counted: '', notes: '' } });
  const values = form.getValues();
  const difference = cashDifference(values.counted, expectedCashMinor, currency);
  const date = f.date(businessDate);

  const close = async () => {
    // The button is enabled only once a count is typed, so the body is whole; the server checks it.
    await post<CashClosing>(
      '/api/billing/cash-closings',
      toCloseCashDay(form.getValues(), businessDate, currency),
    );
    await refreshClosings(client);
    notifySuccess(t('cashClosing.closedNotice', { date }));
  };

  return (
    <Stack>
      <NumberInput
        label={t('cashClosing.counted', { currency })}
        description={t('cashClosing.countedHint')}
        min={0}
        decimalScale={currencyDigits(currency)}
        allowNegative={false}
        thousandSeparator=","
        inputMode="decimal"
        data-testid="cash-counted"
        {...form.getInputProps('counted')}
      />
      <Group gap="xs" aria-live="polite" mih={28}>
        <Text size="sm" fw={500}>
          {t('cashClosing.difference')}
        </Text>
        {difference ? (
          <DifferenceBadge differenceMinor={difference.minor} currency={currency} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('cashClosing.typeToSee')}
          </Text>
        )}
      </Group>
      <Textarea
        label={t('cashClosing.notes')}
        placeholder={t('cashClosing.notesPlaceholder')}
        autosize
        minRows={2}
        maxLength={1000}
        {...form.getInputProps('notes')}
      />
      {difference && difference.state !== 'even' && !values.notes.trim() && (
        <Alert color="orange" variant="light" p="xs">
          <Text size="sm">{t('cashClosing.explainDifference')}</Text>
        </Alert>
      )}
      <Group justify="flex-end">
        <ConfirmButton
          disabled={!difference}
          leftSection={<IconLock size={16} aria-hidden />}
          title={t('cashClosing.confirmTitle', { date })}
          message={
            difference &&
            t('cashClosing.confirmMessage', {
              counted: f.money(expectedCashMinor + difference.minor, currency),
              expected: f.money(expectedCashMinor, currency),
              difference: t(`cashClosing.state.${difference.state}`, {
                amount: f.money(Math.abs(difference.minor), currency),
              }),
            })
          }
          confirmLabel={t('cashClosing.close')}
          onConfirm={close}
          data-testid="close-day"
        >
          {t('cashClosing.close')}
        </ConfirmButton>
      </Group>
    </Stack>
  );
}
