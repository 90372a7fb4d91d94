import { Button, Group } from '@mantine/core';
import {
  IconCash,
  IconCheck,
  IconFileTypePdf,
  IconPencil,
  IconReceiptRefund,
  IconX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../contracts/billing';
import { ConfirmButton } from '../../components/ConfirmButton';
import { post } from '../../lib/api';
import { openFile } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { CreditNoteModal } from './CreditNoteModal';
import { EditDetailsModal } from './EditDetailsModal';
import { PaymentModal } from './PaymentModal';
import { invoiceKey, refreshBilling } from './queries';

type Dialog = 'details' | 'payment' | 'credit' | null;

/** What can be done with the invoice now, by its status and the person's permissions. */
export function InvoiceActions({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pdfBusy, setPdfBusy] = useState(false);
  const { status } = invoice;
  const draft = status === 'draft';
  const final = status === 'final';

  const step = async (name: 'finalise' | 'discard', body?: unknown) => {
    const next = await post<Invoice>(`/api/billing/invoices/${invoice.id}/${name}`, body);
    client.setQueryData(invoiceKey(next.id), next);
    await refreshBilling(client);
    return next;
  };

  return (
    <Group gap="xs" wrap="wrap">
      {draft && can('invoices:manage') && (
        <Button
          variant="default"
          leftSection={<IconPencil size={16} aria-hidden />}
          onClick={() => setDialog('details')}
        >
          {t('invoice.editDetails')}
        </Button>
      )}
      {draft && can('invoices:finalise') && (
        <ConfirmButton
          leftSection={<IconCheck size={16} aria-hidden />}
          disabled={invoice.lines.length === 0}
          title={t('invoice.finaliseTitle')}
          message={t('invoice.finaliseMessage', { total: f.money(invoice.totalMinor, invoice.currency) })}
          confirmLabel={t('invoice.finaliseConfirm')}
          onConfirm={async () => {
            const next = await step('finalise');
            notifySuccess(t('invoice.finalised', { number: next.number }));
          }}
        >
          {t('invoice.finalise')}
        </ConfirmButton>
      )}
      {final && invoice.balanceMinor > 0 && can('payments:record') && (
        <Button leftSection={<IconCash size={16} aria-hidden />} onClick={() => setDialog('payment')}>
          {t('payment.record')}
        </Button>
      )}
      {(final || status === 'cancelled') && (
        <Button
          variant="default"
          leftSection={<IconFileTypePdf size={16} aria-hidden />}
          loading={pdfBusy}
          onClick={() => {
            setPdfBusy(true);
            openFile(`/api/billing/invoices/${invoice.id}/pdf`)
              .catch(notifyError)
              .finally(() => setPdfBusy(false));
          }}
        >
          {t('invoice.downloadPdf')}
        </Button>
      )}
      {final && can('payments:refund') && (
        <Button
          variant="default"
          color="red"
          leftSection={<IconReceiptRefund size={16} aria-hidden />}
          onClick={() => setDialog('credit')}
        >
          {t('creditNote.issue')}
        </Button>
      )}
      {draft && can('invoices:manage') && (
        <ConfirmButton
          variant="subtle"
          color="red"
          leftSection={<IconX size={16} aria-hidden />}
          title={t('invoice.discardTitle')}
          message={t('invoice.discardMessage')}
          reasonLabel={t('invoice.discardReason')}
          confirmLabel={t('invoice.discard')}
          destructive
          onConfirm={async (reason) => {
            // The reason is one line: a line break typed in the box becomes a space.
            await step('discard', { reason: reason.replace(/\s*\n\s*/g, ' ') });
            notifySuccess(t('invoice.discarded'));
          }}
        >
          {t('invoice.discard')}
        </ConfirmButton>
      )}
      {dialog === 'details' && <EditDetailsModal invoice={invoice} onClose={() => setDialog(null)} />}
      {dialog === 'payment' && <PaymentModal invoice={invoice} onClose={() => setDialog(null)} />}
      {dialog === 'credit' && <CreditNoteModal invoice={invoice} onClose={() => setDialog(null)} />}
    </Group>
  );
}
