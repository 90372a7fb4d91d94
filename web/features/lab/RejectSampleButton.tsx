import { IconDropletOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import { ConfirmButton } from '../../components/ConfirmButton';
import { post } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { oneLine } from './lab-orders';
import { refreshLabOrders } from './order-queries';

/** A sample the lab cannot use (haemolysed, clotted, too little): the test waits for a new one. */
export function RejectSampleButton({ order, item }: { order: LabOrder; item: LabOrderItem }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const vars = { test: item.name, accession: item.accession };
  return (
    <ConfirmButton
      size="xs"
      variant="subtle"
      color="red"
      leftSection={<IconDropletOff size={14} aria-hidden />}
      title={t('labOrders.rejectTitle', vars)}
      message={t('labOrders.rejectMessage')}
      reasonLabel={t('labOrders.rejectReason')}
      confirmLabel={t('labOrders.reject')}
      destructive
      onConfirm={async (reason) => {
        const next = await post<LabOrder>(`/api/lab/orders/${order.id}/items/${item.id}/reject`, {
          reason: oneLine(reason),
        });
        await refreshLabOrders(client, next);
        notifySuccess(t('labOrders.rejectedDone', vars));
      }}
    >
      {t('labOrders.reject')}
    </ConfirmButton>
  );
}
