import '@mantine/dates/styles.layer.css';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ReceiveGoods, type GoodsReceipt, type PurchaseOrder } from '../../../contracts/procurement';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { ApiError, isMissing, post } from '../../lib/api';
import { TimeZoneContext } from '../../lib/format';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { outcomeUnknown, useIdempotencyKey } from '../../lib/idempotency';
import { refreshStockFigures } from '../dispensing/medicine';
import { todayIn } from '../stock/expiry';
import { refusedLine } from './line-errors';
import { orderKey, refreshOrders, usePurchaseOrder } from './queries';
import { ReceiveLineFields } from './ReceiveLineFields';
import {
  packsInto,
  receiveValuesOf,
  toReceiveFormPath,
  toReceiveGoods,
  type ReceiveValues,
} from './receipt-form';

const FIELDS = ['orderLineId', 'batchNumber', 'expiryDate', 'packsAccepted', 'packsDamaged'];

/** Goods arriving against an approved order: line by line, batch by batch, in part or in full. */
export default function ReceiveGoodsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = usePurchaseOrder(id);

  if (order.isPending) return <DetailSkeleton />;
  if (order.isError) {
    if (isMissing(order.error)) return <NotFound home="/app/purchase-orders" />;
    return <LoadError error={order.error} onRetry={() => void order.refetch()} />;
  }
  const o = order.data;
  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/purchase-orders" size="sm">
          {t('po.title')}
        </Anchor>
        <Anchor component={Link} to={`/app/purchase-orders/${o.id}`} size="sm">
          {o.number}
        </Anchor>
        <span>{t('goodsReceipt.title')}</span>
      </Breadcrumbs>
      <PageHeader
        title={t('goodsReceipt.titleFor', { number: o.number })}
        description={t('goodsReceipt.description', { supplier: o.supplierName, store: o.storeName })}
      />
      {['approved', 'partly_received'].includes(o.status) ? (
        <ReceiveForm order={o} />
      ) : (
        <Alert color="yellow">{t('goodsReceipt.notReceivable')}</Alert>
      )}
    </>
  );
}

function ReceiveForm({ order }: { order: PurchaseOrder }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const today = todayIn(useContext(TimeZoneContext));
  const [key, renewKey] = useIdempotencyKey();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm<ReceiveValues>({ initialValues: receiveValuesOf(order) });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const { body, paths } = toReceiveGoods(values, key);
    if (body.lines.length === 0) return setError(t('goodsReceipt.nothing'));
    const parsed = validateWith(ReceiveGoods, body, {
      setErrors: (e) =>
        form.setErrors(
          Object.fromEntries(Object.entries(e).map(([k, v]) => [toReceiveFormPath(k, paths), v])),
        ),
    });
    if (!parsed) return;
    try {
      const res = await post<{ receipt: GoodsReceipt; order: PurchaseOrder }>(
        `/api/purchase-orders/${order.id}/receipts`,
        parsed,
      );
      setDone(true);
      renewKey();
      client.setQueryData(orderKey(order.id), res.order);
      await Promise.all([refreshOrders(client), refreshStockFigures(client)]);
      notifySuccess(
        t('goodsReceipt.done', { number: order.number, packs: packsInto(parsed), store: order.storeName }),
      );
      void navigate(`/app/purchase-orders/${order.id}`);
    } catch (err) {
      if (!outcomeUnknown(err)) renewKey();
      const rename = Object.fromEntries(
        paths.flatMap((p, k) => FIELDS.map((field) => [`lines.${k}.${field}`, `${p}.${field}`])),
      );
      const message = applyServerErrors(form, err, rename);
      // An over-receipt names its medicine: the line the server refused, as sent.
      const k = err instanceof ApiError && err.code === 'OVER_RECEIPT' ? refusedLine(err) : null;
      const refused = k === null ? undefined : order.lines.find((l) => l.id === body.lines[k]?.orderLineId);
      setError(refused ? t('goodsReceipt.overReceipt', { medicine: refused.medicineName }) : message);
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        {error && (
          <Alert color="red" role="alert" data-testid="receive-error">
            {error}
          </Alert>
        )}
        <Card>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('goodsReceipt.deliveryNote')}
              maxLength={100}
              {...form.getInputProps('deliveryNote')}
            />
            <Textarea
              label={t('goodsReceipt.notes')}
              autosize
              minRows={1}
              maxLength={500}
              {...form.getInputProps('notes')}
            />
          </SimpleGrid>
        </Card>
        {order.lines.map((line, index) => (
          <ReceiveLineFields key={line.id} form={form} index={index} line={line} today={today} />
        ))}
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('goodsReceipt.submit')}
          </Button>
        </Group>
      </Stack>
      <UnsavedChangesGuard when={form.isDirty() && !form.submitting && !done} />
    </form>
  );
}
