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
  TextInput,
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
export function EnterResultsButton({
  order,
  item,
  correct = false,
}: {
  order: LabOrder;
  item: LabOrderItem;
  /** A verified test's correction (ADR 35): every value again, with the reason. */
  correct?: boolean;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const phone = useMediaQuery('(max-width: 36em)');
  const again = correct ? !!item.pendingAmendment : item.status === 'resulted';
  const [label, labelOf] = correct
    ? again
      ? (['labCorrections.changeCorrection', 'labCorrections.correctOf'] as const)
      : (['labCorrections.correct', 'labCorrections.correctOf'] as const)
    : again
      ? (['labResults.change', 'labResults.changeOf'] as const)
      : (['labResults.enter', 'labResults.enterOf'] as const);
  return (
    <>
      <Button
        size="xs"
        variant={again || correct ? 'default' : 'filled'}
        leftSection={<IconPencil size={14} aria-hidden />}
        onClick={open}
        aria-label={t(labelOf, { name: item.name })}
      >
        {t(label)}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t(correct ? 'labCorrections.formTitle' : 'labResults.formTitle', {
          code: item.code,
          accession: item.accession,
        })}
        size="lg"
        fullScreen={phone}
        centered
      >
        {opened && <ResultsDialogBody order={order} item={item} correct={correct} onClose={close} />}
      </Modal>
    </>
  );
}

function ResultsDialogBody({
  order,
  item,
  correct,
  onClose,
}: {
  order: LabOrder;
  item: LabOrderItem;
  correct: boolean;
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
  return <ResultsForm order={order} item={item} test={test.data} correct={correct} onClose={onClose} />;
}

/** The server's answer to the form, worded; field problems put on their fields. */
function placeErrors(form: UseFormReturnType<ResultsFormValues>, err: unknown): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err);
  if (err.code === 'INVALID_TRANSITION') return i18n.t('labResults.errors.notNow');
  if (err.code !== 'VALIDATION_FAILED') return errorMessage(err);
  let unplaced = Object.keys(err.fields).length === 0;
  for (const [path, fe] of Object.entries(err.fields)) {
    if (/^values\.\d+\.(value|text)$/.test(path) || path === 'comment' || path === 'reason') {
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
  correct,
  onClose,
}: {
  order: LabOrder;
  item: LabOrderItem;
  test: LabTest;
  correct: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const pending = correct ? item.pendingAmendment : null;
  const form = useForm<ResultsFormValues>({
    initialValues: {
      ...initialResults(
        test.analytes,
        pending ? { results: pending.results, resultComment: pending.comment } : item,
      ),
      reason: pending?.reason ?? '',
    },
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sex = t(`sex.${order.patient.sex as 'female'}`, { defaultValue: order.patient.sex });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const { body, missing: unfilled } = toEnterResults(test.analytes, values);
    const missing = [...(unfilled ?? []), ...(correct && !values.reason?.trim() ? ['reason'] : [])];
    if (!body || missing.length > 0) {
      form.setErrors(Object.fromEntries(missing.map((p) => [p, t('fieldErrors.required')])));
      return;
    }
    setBusy(true);
    try {
      const base = `/api/lab/orders/${order.id}/items/${item.id}`;
      const next = correct
        ? await put<LabOrder>(`${base}/amendment`, { ...body, reason: values.reason!.trim() })
        : await put<LabOrder>(`${base}/results`, body);
      await refreshLabOrders(client, next);
      notifySuccess(t(correct ? 'labCorrections.saved' : 'labResults.saved', { code: item.code }));
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
        {correct && (
          <>
            <Text size="sm">{t('labCorrections.formHint')}</Text>
            {/* One line: the report prints it on one, and the server refuses line breaks. */}
            <TextInput
              label={t('labCorrections.reasonLabel')}
              description={t('labCorrections.reasonHint')}
              required
              maxLength={500}
              {...form.getInputProps('reason')}
            />
          </>
        )}
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
        <FormActions
          onCancel={onClose}
          submitting={busy}
          submitLabel={t(correct ? 'labCorrections.save' : 'labResults.save')}
        />
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
