import { Button, Group } from '@mantine/core';
import {
  IconCheck,
  IconCopy,
  IconFileTypePdf,
  IconMailForward,
  IconPackageImport,
  IconPencil,
  IconSend,
  IconX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PurchaseOrder } from '../../../contracts/procurement';
import { ConfirmButton } from '../../components/ConfirmButton';
import { getFile, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { orderKey, refreshOrders } from './queries';

/** Opens the order's PDF in a new tab, fetched with the active hospital as the API wants. */
async function openPdf(orderId: string): Promise<void> {
  // Opened while the click still counts as the person's: a later tab would be a blocked pop-up.
  const tab = window.open('', '_blank');
  try {
    const url = URL.createObjectURL((await getFile(`/api/purchase-orders/${orderId}/pdf`)).blob);
    if (tab) tab.location.href = url;
    else window.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab?.close();
    throw err;
  }
}

/** What can be done with the order now, by its status and the person's permissions. */
export function PoActions({ order, onEdit }: { order: PurchaseOrder; onEdit: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const manage = can('purchase-orders:manage');
  const { status } = order;
  const nothingReceived = order.lines.every((l) => l.packsReceived + l.packsDamaged === 0);
  const vars = { number: order.number };

  const step = async (name: string, body?: unknown): Promise<PurchaseOrder> => {
    const next = await post<PurchaseOrder>(`/api/purchase-orders/${order.id}/${name}`, body);
    client.setQueryData(orderKey(next.id), next);
    await refreshOrders(client);
    return next;
  };
  const click = async (name: string, run: () => Promise<unknown>) => {
    setBusy(name);
    try {
      await run();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(null);
    }
  };
  const submit = () =>
    click('submit', async () => {
      const next = await step('submit');
      notifySuccess(
        t(next.status === 'approved' ? 'po.actions.submittedApproved' : 'po.actions.submitted', vars),
      );
    });
  const send = () =>
    click('send', async () => {
      const { sentTo } = await post<{ sentTo: string }>(`/api/purchase-orders/${order.id}/send`);
      await refreshOrders(client);
      notifySuccess(t('po.actions.sent', { to: sentTo }));
    });

  return (
    <Group gap="xs" wrap="wrap">
      {status === 'draft' && manage && (
        <>
          <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
            {t('po.actions.edit')}
          </Button>
          <Button
            leftSection={<IconSend size={16} aria-hidden />}
            loading={busy === 'submit'}
            onClick={() => void submit()}
          >
            {t('po.actions.submit')}
          </Button>
        </>
      )}
      {status === 'submitted' && can('purchase-orders:approve') && (
        <ConfirmButton
          leftSection={<IconCheck size={16} aria-hidden />}
          title={t('po.actions.approveTitle', vars)}
          message={t('po.actions.approveMessage', {
            total: f.money(order.totalMinor, order.currency),
            supplier: order.supplierName,
          })}
          confirmLabel={t('po.actions.approve')}
          onConfirm={async () => {
            await step('approve');
            notifySuccess(t('po.actions.approved', vars));
          }}
        >
          {t('po.actions.approve')}
        </ConfirmButton>
      )}
      {['approved', 'partly_received'].includes(status) && can('goods:receive') && (
        <Button
          component={Link}
          to={`/app/purchase-orders/${order.id}/receive`}
          leftSection={<IconPackageImport size={16} aria-hidden />}
        >
          {t('po.actions.receive')}
        </Button>
      )}
      {['approved', 'partly_received'].includes(status) && manage && (
        <Button
          variant="default"
          leftSection={<IconMailForward size={16} aria-hidden />}
          loading={busy === 'send'}
          onClick={() => void send()}
        >
          {t('po.actions.send')}
        </Button>
      )}
      <Button
        variant="default"
        leftSection={<IconFileTypePdf size={16} aria-hidden />}
        loading={busy === 'pdf'}
        onClick={() => void click('pdf', () => openPdf(order.id))}
      >
        {t('po.actions.pdf')}
      </Button>
      {status === 'approved' && manage && nothingReceived && !order.supersededById && (
        <ConfirmButton
          variant="default"
          leftSection={<IconCopy size={16} aria-hidden />}
          title={t('po.actions.amendTitle', vars)}
          message={t('po.actions.amendMessage')}
          confirmLabel={t('po.actions.amend')}
          onConfirm={async () => {
            const next = await step('amend');
            notifySuccess(t('po.actions.amended', { ...vars, revision: next.revision }));
            void navigate(`/app/purchase-orders/${next.id}`);
          }}
        >
          {t('po.actions.amend')}
        </ConfirmButton>
      )}
      {['draft', 'submitted', 'approved'].includes(status) &&
        nothingReceived &&
        (manage || can('purchase-orders:approve')) && (
          <ConfirmButton
            variant="subtle"
            color="red"
            leftSection={<IconX size={16} aria-hidden />}
            title={t('po.actions.cancelTitle', vars)}
            message={t('po.actions.cancelMessage')}
            reasonLabel={t('po.actions.reason')}
            confirmLabel={t('po.actions.cancel')}
            destructive
            onConfirm={async (reason) => {
              // The reason is one line: a line break typed in the box becomes a space.
              await step('cancel', { reason: reason.replace(/\s*\n\s*/g, ' ') });
              notifySuccess(t('po.actions.cancelled', vars));
            }}
          >
            {t('po.actions.cancel')}
          </ConfirmButton>
        )}
    </Group>
  );
}
