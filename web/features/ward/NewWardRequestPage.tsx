import { Alert, Card, NumberInput, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CreateWardRequest, type WardRequest } from '../../../contracts/pharmacy-orders';
import { post } from '../../lib/api';
import { notifySuccess, optionalSelect, useFormSubmit, validateWith } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { MedicineLines, type PickedMedicine } from '../dispensing/MedicineLines';
import { useWardStores } from './queries';
import { FormActions } from '../../components/FormActions';

interface Values {
  storeId: string;
  note: string;
  lines: (PickedMedicine & { quantity: number | string })[];
}

/** A nurse asks the pharmacy for medicines for their ward's store. */
export default function NewWardRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { can } = useSession();
  const stores = useWardStores();
  const form = useForm<Values>({ initialValues: { storeId: '', note: '', lines: [] } });
  const values = form.getValues();
  const only = stores.data?.length === 1 ? stores.data[0]!.id : null;

  // Most wards have one store: choose it, without counting as a change the nurse made. Only once:
  // initialize() clears the form's errors each time it is called.
  useEffect(() => {
    if (only && !form.initialized && !form.isDirty()) form.initialize({ ...form.getValues(), storeId: only });
  }, [only, form]);

  const { submit, busy, error } = useFormSubmit(form, {
    body: (v) =>
      validateWith(
        CreateWardRequest,
        {
          storeId: v.storeId || undefined,
          ...(v.note.trim() ? { note: v.note } : {}),
          lines: v.lines.map((l) => ({
            medicineId: l.medicineId,
            quantity: l.quantity === '' ? undefined : Number(l.quantity),
          })),
        },
        form,
      ),
    send: (body) => post<WardRequest>('/api/ward-requests', body),
    done: async (r) => {
      await client.invalidateQueries({ queryKey: ['ward-requests'] });
      notifySuccess(t('ward.created', { number: r.number }));
      await navigate(`/app/ward-requests/${r.id}`, { replace: true });
    },
  });

  if (!can('ward-requests:create')) return <NotFound home="/app/ward-requests" />;

  return (
    <>
      <PageHeader title={t('ward.newTitle')} description={t('ward.newDescription')} />
      <UnsavedChangesGuard when={form.isDirty() && !busy} />
      {stores.isError && <LoadError error={stores.error} onRetry={() => void stores.refetch()} />}
      <form noValidate onSubmit={form.onSubmit(() => void submit())}>
        <Stack maw={800}>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Card>
            <Stack>
              <Select
                label={t('ward.store')}
                placeholder={t('ward.chooseStore')}
                data={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                nothingFoundMessage={t('ward.noStores')}
                required
                {...optionalSelect(form, 'storeId')}
              />
              <Textarea
                label={t('ward.note')}
                autosize
                minRows={2}
                maxLength={500}
                {...form.getInputProps('note')}
              />
            </Stack>
          </Card>
          <MedicineLines
            title={t('ward.items')}
            addLabel={t('ward.addMedicine')}
            emptyText={t('ward.noLines')}
            removeLabel={(name) => t('ward.removeLine', { name })}
            lines={values.lines}
            error={typeof form.errors.lines === 'string' ? form.errors.lines : null}
            onAdd={(picked) => {
              form.insertListItem('lines', { ...picked, quantity: '' });
              form.clearFieldError('lines');
            }}
            onRemove={(i) => form.removeListItem('lines', i)}
          >
            {(l, i) => (
              <NumberInput
                label={t('ward.quantityIn', { unit: l.unit })}
                required
                min={1}
                max={1_000_000}
                allowDecimal={false}
                allowNegative={false}
                w={{ base: '100%', xs: 220 }}
                {...form.getInputProps(`lines.${i}.quantity`)}
              />
            )}
          </MedicineLines>
          <FormActions
            onCancel={() => void navigate('/app/ward-requests')}
            submitting={busy}
            submitLabel={t('ward.send')}
          />
        </Stack>
      </form>
    </>
  );
}
