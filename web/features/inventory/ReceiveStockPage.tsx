import '@mantine/dates/styles.layer.css';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ReceiveStock, type LedgerEntry, type Medicine } from '../../../contracts/pharmacy';
import type { z } from 'zod';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { get, post } from '../../lib/api';
import { TimeZoneContext } from '../../lib/format';
import { applyServerErrors, validateWith } from '../../lib/forms';
import { todayIn } from '../stock/expiry';
import { refreshStock, useHospitalCurrency, useStores } from './queries';
import { ReceiptLineFields } from './ReceiptLineFields';
import { ReceiptResult } from './ReceiptResult';
import { newLine, toReceipt, toReceiptFormPath, type ReceiptValues } from './receipt-form';

/** Stock received by hand into a store: one line per batch, counted in units or in packs. */
export default function ReceiveStockPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const preset = params.get('medicineId');
  const today = todayIn(useContext(TimeZoneContext));
  const stores = useStores();
  const hospitalCurrency = useHospitalCurrency();
  const [picked, setPicked] = useState<Record<string, Medicine>>({});
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<LedgerEntry[] | null>(null);
  const form = useForm<ReceiptValues>({
    initialValues: { storeId: '', note: '', lines: [newLine(preset ?? '')] },
  });

  // A medicine page's "Receive stock" opens with that medicine on the first line.
  const presetMedicine = useQuery({
    queryKey: ['medicine', preset],
    queryFn: ({ signal }) => get<Medicine>(`/api/medicines/${preset}`, undefined, signal),
    enabled: !!preset,
  });
  const medicineOf = (key: string, id: string): Medicine | undefined =>
    picked[key] ?? (id && id === presetMedicine.data?.id ? presetMedicine.data : undefined);

  // Goods usually arrive at the main store; the pharmacy when there is no main store.
  useEffect(() => {
    if (stores.data && !form.getValues().storeId) {
      const main =
        stores.data.find((s) => s.kind === 'main') ?? stores.data.find((s) => s.kind === 'pharmacy');
      if (main) {
        // The default is not a change the person made: it does not count as unsaved.
        form.setInitialValues({ ...form.getValues(), storeId: main.id });
        form.setFieldValue('storeId', main.id);
      }
    }
  }, [stores.data, form]);

  const currency = Object.values(picked)[0]?.currency ?? presetMedicine.data?.currency ?? hospitalCurrency;

  const submit = form.onSubmit(async (values) => {
    if (!currency) return;
    setError(null);
    const missing: Record<string, string> = {};
    values.lines.forEach((l, i) => {
      if (typeof l.quantity !== 'number') missing[`lines.${i}.quantity`] = t('fieldErrors.required');
    });
    const body = validateWith<z.infer<typeof ReceiveStock>>(ReceiveStock, toReceipt(values, currency), {
      setErrors: (e) =>
        form.setErrors({
          ...Object.fromEntries(Object.entries(e).map(([k, v]) => [toReceiptFormPath(k), v])),
          ...missing,
        }),
    });
    if (!body || Object.keys(missing).length) {
      if (body) form.setErrors(missing);
      return;
    }
    try {
      const res = await post<{ entries: LedgerEntry[] }>('/api/stock/receipts', body);
      await refreshStock(client);
      form.resetDirty();
      setResult(res.entries);
      window.scrollTo({ top: 0 });
    } catch (err) {
      const renamed = Object.fromEntries(
        values.lines.flatMap((_, i) => [
          [`lines.${i}.packs`, `lines.${i}.quantity`],
          [`lines.${i}.unitCostMinor`, `lines.${i}.unitCost`],
        ]),
      );
      setError(applyServerErrors(form, err, renamed));
    }
  });

  const again = () => {
    const line = newLine();
    form.setValues({ storeId: form.getValues().storeId, note: '', lines: [line] });
    form.resetDirty();
    setPicked({});
    setResult(null);
  };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/inventory" size="sm">
          {t('inventory.title')}
        </Anchor>
        <span>{t('receive.title')}</span>
      </Breadcrumbs>
      <PageHeader title={t('receive.title')} description={t('receive.description')} />
      {result ? (
        <ReceiptResult entries={result} onAgain={again} />
      ) : stores.isError ? (
        <LoadError error={stores.error} onRetry={() => void stores.refetch()} />
      ) : !stores.data || !currency ? (
        <DetailSkeleton />
      ) : (
        <form noValidate onSubmit={submit}>
          <Stack>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Card>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('receive.store')}
                  required
                  allowDeselect={false}
                  data={stores.data.map((s) => ({ value: s.id, label: s.name }))}
                  {...form.getInputProps('storeId')}
                />
                <Textarea
                  label={t('receive.note')}
                  description={t('receive.noteHint')}
                  autosize
                  minRows={1}
                  maxLength={500}
                  {...form.getInputProps('note')}
                />
              </SimpleGrid>
            </Card>
            {form.getValues().lines.map((line, index) => (
              <ReceiptLineFields
                key={line.key}
                form={form}
                index={index}
                medicine={medicineOf(line.key, line.medicineId)}
                onMedicine={(m) => {
                  setPicked((p) => {
                    const next = { ...p };
                    if (m) next[line.key] = m;
                    else delete next[line.key];
                    return next;
                  });
                  form.setFieldValue(`lines.${index}.medicineId`, m?.id ?? '');
                }}
                currency={currency}
                today={today}
                removable={form.getValues().lines.length > 1}
              />
            ))}
            <Group justify="space-between">
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => form.insertListItem('lines', newLine())}
                disabled={form.getValues().lines.length >= 200}
              >
                {t('receive.addLine')}
              </Button>
              <Button type="submit" loading={form.submitting}>
                {t('receive.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <UnsavedChangesGuard when={form.isDirty() && !form.submitting && !result} />
    </>
  );
}
