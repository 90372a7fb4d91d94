import { Alert, Button, Card, Group, NumberInput, SimpleGrid, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateProcurementSettings, type ProcurementSettings } from '../../../contracts/procurement';
import { put } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { currencyDigits, toMajor, toMinor } from '../../lib/money';
import { useProcurementSettings } from './queries';
import { typedNumber } from './number-input';

interface Values {
  approvalThreshold: number | string;
  overDeliveryPercent: number | string;
  safetyStockDays: number | string;
}

const num = typedNumber;

/** The hospital admin's rules: the approval threshold, the allowed over-delivery, the safety stock. */
export function ProcurementSettingsCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useProcurementSettings();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { approvalThreshold: '', overDeliveryPercent: '', safetyStockDays: '' },
  });
  const s = settings.data;

  useEffect(() => {
    if (!s) return;
    const values = {
      approvalThreshold: toMajor(s.approvalThresholdMinor, s.currency),
      overDeliveryPercent: s.overDeliveryPercent,
      safetyStockDays: s.safetyStockDays,
    };
    form.setInitialValues(values);
    form.setValues(values);
    // Only when the saved settings change: the form is not a dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s]);

  if (!s) return null;
  const submit = form.onSubmit(async (v) => {
    setError(null);
    const threshold = num(v.approvalThreshold);
    const body = validateWith(
      UpdateProcurementSettings,
      {
        approvalThresholdMinor: threshold === undefined ? undefined : toMinor(threshold, s.currency),
        overDeliveryPercent: num(v.overDeliveryPercent),
        safetyStockDays: num(v.safetyStockDays),
      },
      {
        setErrors: (e) =>
          form.setErrors(
            Object.fromEntries(
              Object.entries(e).map(([k, m]) => [
                k === 'approvalThresholdMinor' ? 'approvalThreshold' : k,
                m,
              ]),
            ),
          ),
      },
    );
    if (!body) return;
    try {
      const next = await put<ProcurementSettings>('/api/procurement/settings', body);
      client.setQueryData(['procurement', 'settings'], next);
      await client.invalidateQueries({ queryKey: ['purchase-order'] });
      notifySuccess(t('procurementSettings.saved'));
    } catch (err) {
      setError(applyServerErrors(form, err, { approvalThresholdMinor: 'approvalThreshold' }));
    }
  });

  return (
    <Card>
      <form noValidate onSubmit={submit}>
        <Stack>
          <Title order={2} fz="h4">
            {t('procurementSettings.title')}
          </Title>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t('procurementSettings.threshold', { currency: s.currency })}
              description={t('procurementSettings.thresholdHint')}
              min={0}
              decimalScale={currencyDigits(s.currency)}
              allowNegative={false}
              thousandSeparator=","
              {...form.getInputProps('approvalThreshold')}
            />
            <NumberInput
              label={t('procurementSettings.overDelivery')}
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('overDeliveryPercent')}
            />
            <NumberInput
              label={t('procurementSettings.safetyStock')}
              min={0}
              max={365}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('safetyStockDays')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
