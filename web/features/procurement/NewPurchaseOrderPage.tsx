import { Alert, Anchor, Breadcrumbs, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CreatePurchaseOrder, type PurchaseOrder } from '../../../contracts/procurement';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { DraftFields } from './DraftFields';
import {
  newDraftLine,
  toCreateOrder,
  draftErrorSink,
  draftServerPaths,
  linesWithoutPrice,
  type DraftValues,
} from './draft-form';
import { DraftLinesEditor } from './DraftLinesEditor';
import {
  refreshOrders,
  useActiveSuppliers,
  useProcurementSettings,
  useReceivingStores,
  useSupplierItems,
} from './queries';

/** A new draft order to one supplier, for the main store or the pharmacy. */
export default function NewPurchaseOrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const suppliers = useActiveSuppliers();
  const stores = useReceivingStores();
  const settings = useProcurementSettings();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState(false);
  const form = useForm<DraftValues>({
    initialValues: {
      supplierId: params.get('supplierId') ?? '',
      storeId: '',
      expectedOn: null,
      notes: '',
      lines: [newDraftLine()],
    },
  });
  const supplierId = form.getValues().supplierId;
  const items = useSupplierItems(supplierId || null);

  // Goods usually arrive at the main store.
  useEffect(() => {
    if (stores.data && !form.getValues().storeId) {
      const main = stores.data.find((s) => s.kind === 'main') ?? stores.data[0];
      if (main) {
        form.setInitialValues({ ...form.getValues(), storeId: main.id });
        form.setFieldValue('storeId', main.id);
      }
    }
  }, [stores.data, form]);

  const currency = settings.data?.currency;
  const submit = form.onSubmit(async (values) => {
    if (!currency) return;
    setError(null);
    const body = validateWith(CreatePurchaseOrder, toCreateOrder(values, currency), draftErrorSink(form));
    if (!body) return;
    const unpriced = linesWithoutPrice(values, items.data ?? []);
    if (unpriced.length) {
      form.setErrors(Object.fromEntries(unpriced.map((path) => [path, t('poForm.needPrice')])));
      return;
    }
    try {
      const order = await post<PurchaseOrder>('/api/purchase-orders', body);
      setCreated(true);
      await refreshOrders(client);
      notifySuccess(t('poForm.created', { number: order.number }));
      void navigate(`/app/purchase-orders/${order.id}`);
    } catch (err) {
      setError(applyServerErrors(form, err, draftServerPaths(values)));
    }
  });

  const failed = [suppliers, stores, settings].find((q) => q.isError);
  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/purchase-orders" size="sm">
          {t('po.title')}
        </Anchor>
        <span>{t('poForm.title')}</span>
      </Breadcrumbs>
      <PageHeader title={t('poForm.title')} description={t('poForm.description')} />
      {failed ? (
        <LoadError error={failed.error} onRetry={() => void failed.refetch()} />
      ) : !suppliers.data || !stores.data || !currency ? (
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
              <Stack>
                <Select
                  label={t('poForm.supplier')}
                  placeholder={t('poForm.supplierPlaceholder')}
                  required
                  searchable
                  data={suppliers.data.map((s) => ({ value: s.id, label: s.name }))}
                  {...form.getInputProps('supplierId')}
                  value={supplierId || null}
                  onChange={(v) => form.setFieldValue('supplierId', v ?? '')}
                />
                <DraftFields form={form} stores={stores.data} />
              </Stack>
            </Card>
            <Card>
              <Title order={2} fz="h4" mb="sm">
                {t('poForm.lines')}
              </Title>
              {supplierId ? (
                <DraftLinesEditor form={form} items={items.data ?? []} currency={currency} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('poForm.chooseSupplierFirst')}
                </Text>
              )}
            </Card>
            <Group justify="flex-end">
              <Button type="submit" loading={form.submitting} disabled={!supplierId}>
                {t('poForm.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <UnsavedChangesGuard when={form.isDirty() && !form.submitting && !created} />
    </>
  );
}
