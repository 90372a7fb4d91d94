import {
  Alert,
  Box,
  Button,
  Group,
  Modal,
  NumberInput,
  Skeleton,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabAnalyte, LabTest } from '../../../contracts/lab';
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import { FormActions } from '../../components/FormActions';
import { LoadError } from '../../components/LoadError';
import { ApiError, put } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';
import { fieldErrorMessage } from '../../lib/messages';
import i18n from '../../i18n';
import { FlagBadge } from './LabOrderBadges';
import {
  fixed,
  initialResults,
  limitsFor,
  liveFlag,
  rangeText,
  toEnterResults,
  type ResultsFormValues,
} from './lab-results';
import { labOrderKey, refreshLabOrders, useLabTest } from './order-queries';

/**
 * "Enter results" for a test whose sample is in (or "Change results" until they are verified), and
 * its form: one field per analyte of the test, the flag shown as the value is typed. Full screen on
 * a phone.
 */
export function EnterResultsButton({ order, item }: { order: LabOrder; item: LabOrderItem }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const phone = useMediaQuery('(max-width: 36em)');
  const again = item.status === 'resulted';
  return (
    <>
      <Button
        size="xs"
        variant={again ? 'default' : 'filled'}
        leftSection={<IconPencil size={14} aria-hidden />}
        onClick={open}
        aria-label={t(again ? 'labResults.changeOf' : 'labResults.enterOf', { name: item.name })}
      >
        {t(again ? 'labResults.change' : 'labResults.enter')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('labResults.formTitle', { code: item.code, accession: item.accession })}
        size="lg"
        fullScreen={phone}
        centered
      >
        {opened && <ResultsDialogBody order={order} item={item} onClose={close} />}
      </Modal>
    </>
  );
}

function ResultsDialogBody({
  order,
  item,
  onClose,
}: {
  order: LabOrder;
  item: LabOrderItem;
  onClose: () => void;
}) {
  const test = useLabTest(item.testId);
  if (test.isPending)
    return (
      <Stack gap="sm" aria-busy>
        <Skeleton h={56} />
        <Skeleton h={56} />
        <Skeleton h={56} />
      </Stack>
    );
  if (test.isError) return <LoadError error={test.error} onRetry={() => void test.refetch()} />;
  return <ResultsForm order={order} item={item} test={test.data} onClose={onClose} />;
}

/** The server's answer to the form, worded; field problems put on their fields. */
function placeErrors(form: UseFormReturnType<ResultsFormValues>, err: unknown): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err);
  if (err.code === 'INVALID_TRANSITION') return i18n.t('labResults.errors.notNow');
  if (err.code !== 'VALIDATION_FAILED') return errorMessage(err);
  let unplaced = Object.keys(err.fields).length === 0;
  for (const [path, fe] of Object.entries(err.fields)) {
    if (/^values\.\d+\.(value|text)$/.test(path) || path === 'comment') {
      form.setFieldError(
        path,
        fe.message === 'Required' ? i18n.t('fieldErrors.required') : fieldErrorMessage(fe, err.code),
      );
    } else {
      unplaced = true;
    }
  }
  // A missing analyte, or one the test does not measure: its analytes changed meanwhile.
  return unplaced ? i18n.t('labResults.errors.analytesChanged') : null;
}

function ResultsForm({
  order,
  item,
  test,
  onClose,
}: {
  order: LabOrder;
  item: LabOrderItem;
  test: LabTest;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<ResultsFormValues>({ initialValues: initialResults(test.analytes, item) });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sex = t(`sex.${order.patient.sex as 'female'}`, { defaultValue: order.patient.sex });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const { body, missing } = toEnterResults(test.analytes, values);
    if (!body) {
      form.setErrors(Object.fromEntries(missing.map((p) => [p, t('fieldErrors.required')])));
      return;
    }
    setBusy(true);
    try {
      const next = await put<LabOrder>(`/api/lab/orders/${order.id}/items/${item.id}/results`, body);
      await refreshLabOrders(client, next);
      notifySuccess(t('labResults.saved', { code: item.code }));
      onClose();
    } catch (err) {
      setError(placeErrors(form, err));
      if (err instanceof ApiError && err.code === 'INVALID_TRANSITION')
        void client.invalidateQueries({ queryKey: labOrderKey(order.id) });
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED')
        void client.invalidateQueries({ queryKey: ['lab-tests', 'one', item.testId] });
    } finally {
      setBusy(false);
    }
  });

  return (
    <form noValidate onSubmit={submit} data-testid="results-form">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('labResults.formHint', { name: order.patient.name, sex: sex.toLowerCase() })}
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {test.analytes.map((a, i) => (
          <AnalyteField key={a.id} form={form} analyte={a} index={i} sex={order.patient.sex} />
        ))}
        <Textarea
          label={t('labResults.remarkLabel')}
          description={t('labResults.remarkHint')}
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('comment')}
        />
        <FormActions onCancel={onClose} submitting={busy} submitLabel={t('labResults.save')} />
      </Stack>
    </form>
  );
}

/** One analyte's field: a number (with its unit, range and live flag) or text. */
function AnalyteField({
  form,
  analyte: a,
  index,
  sex,
}: {
  form: UseFormReturnType<ResultsFormValues>;
  analyte: LabAnalyte;
  index: number;
  sex: string;
}) {
  const { t, i18n: lang } = useTranslation();
  const locale = lang.language;
  if (a.kind === 'text') {
    return (
      <Textarea
        label={a.name}
        required
        autosize
        minRows={1}
        maxLength={500}
        data-autofocus={index === 0 ? true : undefined}
        {...form.getInputProps(`values.${index}.text`)}
      />
    );
  }
  const limits = limitsFor(sex, a);
  const range = rangeText({ ...limits, decimals: a.decimals }, locale);
  const n = (v: number) => fixed(v, a.decimals, locale);
  const criticalText =
    a.criticalLow != null && a.criticalHigh != null
      ? t('labResults.criticalBoth', { low: n(a.criticalLow), high: n(a.criticalHigh) })
      : a.criticalLow != null
        ? t('labResults.criticalBelow', { low: n(a.criticalLow) })
        : a.criticalHigh != null
          ? t('labResults.criticalAbove', { high: n(a.criticalHigh) })
          : '';
  const description = [range && t('labResults.normalRange', { range }), criticalText]
    .filter(Boolean)
    .join(' · ');
  const value = form.getValues().values[index]?.value ?? '';
  const flag = liveFlag(value, limits);
  return (
    <NumberInput
      label={a.name}
      description={description || undefined}
      required
      hideControls
      inputMode="decimal"
      decimalScale={a.decimals}
      allowDecimal={a.decimals > 0}
      step={10 ** -a.decimals}
      data-autofocus={index === 0 ? true : undefined}
      inputContainer={(input) => (
        <Group gap="xs" wrap="nowrap" align="center">
          <Box style={{ flex: '0 1 10rem', minWidth: '5rem' }}>{input}</Box>
          {a.unit && (
            <Text size="sm" c="dimmed" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {a.unit}
            </Text>
          )}
          <Box aria-live="polite" data-testid={`live-flag-${index + 1}`}>
            <FlagBadge flag={flag} showNormal />
          </Box>
        </Group>
      )}
      {...form.getInputProps(`values.${index}.value`)}
    />
  );
}
