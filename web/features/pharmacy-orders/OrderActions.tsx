import { Button, Group } from '@mantine/core';
import { IconCheck, IconPackageExport, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { post } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifications } from '@mantine/notifications';
import i18n from '../../i18n';
import { refreshStockFigures } from '../dispensing/medicine';
import { stockErrorMessage } from '../dispensing/stock-errors';
import { allows, completionOf } from './order-steps';
import { orderKey } from './queries';

function notifyStepError(order: PharmacyOrder, err: unknown) {
  notifications.show({
    color: 'red',
    title: i18n.t('errors.title'),
    message: stockErrorMessage(err, (id) => order.lines.find((l) => l.medicineId === id)?.medicineName),
    withBorder: true,
  });
}

/** The pharmacist's next steps on an order; each is offered only when the status allows it. */
export function OrderActions({ order }: { order: PharmacyOrder }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (step: string, body: unknown, done: string) => {
    const next = await post<PharmacyOrder>(`/api/pharmacy/orders/${order.id}/${step}`, body);
    client.setQueryData(orderKey('pharmacy', order.id), next);
    await client.invalidateQueries({ queryKey: ['orders'] });
    // Each step sets stock aside, gives it out or puts it back.
    await refreshStockFigures(client);
    notifySuccess(done);
  };
  /** A one-click step: errors shown as a notice (the confirm dialogs show their own). */
  const click = async (step: string, done: string) => {
    setBusy(step);
    try {
      await run(step, {}, done);
    } catch (err) {
      notifyStepError(order, err);
    } finally {
      setBusy(null);
    }
  };
  const how = completionOf(order);

  return (
    <Group gap="xs" wrap="wrap">
      {allows(order, 'approve') && (
        <Button
          leftSection={<IconCheck size={16} aria-hidden />}
          loading={busy === 'approve'}
          onClick={() => void click('approve', t('orderQueue.approved', { number: order.number }))}
        >
          {t('orderQueue.approve')}
        </Button>
      )}
      {allows(order, 'dispense') && (
        <Button
          leftSection={<IconPackageExport size={16} aria-hidden />}
          loading={busy === 'dispense'}
          onClick={() => void click('dispense', t('orderQueue.dispensed', { number: order.number }))}
        >
          {t('orderQueue.dispense')}
        </Button>
      )}
      {allows(order, 'complete') && (
        <ConfirmButton
          leftSection={<IconCheck size={16} aria-hidden />}
          title={t(`orderQueue.complete.${how}.title`, { number: order.number })}
          message={t(`orderQueue.complete.${how}.message`)}
          confirmLabel={t(`orderQueue.complete.${how}.action`)}
          onConfirm={() =>
            run('complete', { how }, t(`orderQueue.complete.${how}.done`, { number: order.number }))
          }
        >
          {t(`orderQueue.complete.${how}.action`)}
        </ConfirmButton>
      )}
      {allows(order, 'reject') && (
        <ConfirmButton
          variant="light"
          color="red"
          leftSection={<IconX size={16} aria-hidden />}
          title={t('orderQueue.rejectTitle', { number: order.number })}
          message={t('orderQueue.rejectMessage')}
          reasonLabel={t('orderQueue.reason')}
          confirmLabel={t('orderQueue.reject')}
          destructive
          onConfirm={(reason) =>
            run('reject', { reason }, t('orderQueue.rejected', { number: order.number }))
          }
        >
          {t('orderQueue.reject')}
        </ConfirmButton>
      )}
      {allows(order, 'cancel') && (
        <ConfirmButton
          variant="subtle"
          color="red"
          title={t('orderQueue.cancelTitle', { number: order.number })}
          message={
            order.status === 'ready' ? t('orderQueue.cancelReadyMessage') : t('orderQueue.cancelMessage')
          }
          reasonLabel={t('orderQueue.reason')}
          confirmLabel={t('orderQueue.cancel')}
          destructive
          onConfirm={(reason) =>
            run('cancel', { reason }, t('orderQueue.cancelled', { number: order.number }))
          }
        >
          {t('orderQueue.cancel')}
        </ConfirmButton>
      )}
    </Group>
  );
}
