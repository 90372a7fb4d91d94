import { Alert, Button, Card, Group, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdatePurchaseOrder, type PurchaseOrder } from '../../../contracts/procurement';
import { LoadError } from '../../components/LoadError';
import { DetailSkeleton } from '../../components/Skeletons';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { patch } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { DraftFields } from './DraftFields';
import {
  draftValuesOf,
  draftErrorSink,
  draftServerPaths,
  linesWithoutPrice,
  toUpdateOrder,
  type DraftValues,
} from './draft-form';
import { DraftLinesEditor } from './DraftLinesEditor';
import { orderKey, refreshOrders, useReceivingStores, useSupplierItems } from './queries';

/** Changes a draft in place: its store, date, notes and lines (the lines given replace the old). */
export function DraftEditor({ order, onDone }: { order: PurchaseOrder; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const stores = useReceivingStores();
  const items = useSupplierItems(order.supplierId);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<DraftValues>({ initialValues: draftValuesOf(order) });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(
      UpdatePurchaseOrder,
      toUpdateOrder(values, order.currency),
      draftErrorSink(form),
    );
    if (!body) return;
    const unpriced = linesWithoutPrice(values, items.data ?? []);
    if (unpriced.length) {
      form.setErrors(Object.fromEntries(unpriced.map((path) => [path, t('poForm.needPrice')])));
      return;
    }
    try {
      const next = await patch<PurchaseOrder>(`/api/purchase-orders/${order.id}`, body);
      client.setQueryData(orderKey(order.id), next);
      form.resetDirty();
      await refreshOrders(client);
      notifySuccess(t('po.saved'));
      onDone();
    } catch (err) {
      setError(applyServerErrors(form, err, draftServerPaths(values)));
    }
  });

  if (stores.isError) return <LoadError error={stores.error} onRetry={() => void stores.refetch()} />;
  if (!stores.data) return <DetailSkeleton />;
  return (
    <form noValidate onSubmit={submit}>
      <Card>
        <Stack>
          <Title order={2} fz="h4">
            {t('po.editTitle')}
          </Title>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <DraftFields form={form} stores={stores.data} />
          <DraftLinesEditor form={form} items={items.data ?? []} currency={order.currency} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('po.discard')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('po.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <UnsavedChangesGuard when={form.isDirty() && !form.submitting} />
    </form>
  );
}
