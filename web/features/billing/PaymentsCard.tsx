import { Button, Card, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreditNote, Invoice, Payment } from '../../../contracts/billing';
import { DataTable, type Column } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { openFile } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../lib/forms';

/** When something was done and by whom, on two lines (the time may wrap below the date). */
function Taken({ at, by }: { at: ReactNode; by: string | null }) {
  return (
    <div>
      <Text size="sm">{at}</Text>
      {by && (
        <Text size="xs" c="dimmed">
          {by}
        </Text>
      )}
    </div>
  );
}

/** Opens a PDF the API makes (a receipt, a credit note) in a new tab. */
export function PdfButton({ path, label }: { path: string; label: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="compact-sm"
      variant="subtle"
      leftSection={<IconReceipt size={14} aria-hidden />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        openFile(path)
          .catch(notifyError)
          .finally(() => setBusy(false));
      }}
    >
      {label}
    </Button>
  );
}

/** Opens a payment's receipt in a new tab. */
export const ReceiptButton = ({ paymentId, label }: { paymentId: string; label: string }) => (
  <PdfButton path={`/api/billing/payments/${paymentId}/receipt`} label={label} />
);

/** The payments taken against the invoice, each with its receipt. */
export function PaymentsCard({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (minor: number | null) => (minor === null ? '—' : f.money(minor, invoice.currency));
  const columns: Column<Payment>[] = [
    {
      key: 'number',
      header: t('payment.number'),
      cell: (p) => (
        <Text size="sm" ff="monospace" fw={500}>
          {p.number}
        </Text>
      ),
      nowrap: true,
    },
    {
      key: 'method',
      header: t('payment.method'),
      cell: (p) => t(`payment.methods.${p.method}`),
      nowrap: true,
    },
    {
      key: 'amount',
      header: t('payment.amount'),
      cell: (p) => (
        <div>
          <Text size="sm">{money(p.amountMinor)}</Text>
          {p.advanceMinor > 0 && (
            <Text size="xs" c="dimmed">
              {t('payment.toAdvance', { amount: money(p.advanceMinor) })}
            </Text>
          )}
          {(p.changeMinor ?? 0) > 0 && (
            <Text size="xs" c="dimmed">
              {t('payment.changeGiven', { amount: money(p.changeMinor) })}
            </Text>
          )}
        </div>
      ),
      nowrap: true,
    },
    {
      key: 'reference',
      header: t('payment.reference'),
      cell: (p) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {p.reference ?? '—'}
        </Text>
      ),
      visibleFrom: 'md',
    },
    {
      key: 'when',
      header: t('payment.when'),
      cell: (p) => <Taken at={<DateTime iso={p.receivedAt} />} by={p.receivedByName} />,
      visibleFrom: 'sm',
    },
    {
      key: 'actions',
      header: t('payment.receipt'),
      cell: (p) => <ReceiptButton paymentId={p.id} label={t('payment.receipt')} />,
      nowrap: true,
    },
  ];
  return (
    <Card>
      <Title order={2} fz="h4" mb="sm">
        {t('payment.listTitle')}
      </Title>
      <DataTable
        caption={t('payment.listTitle')}
        columns={columns}
        rows={invoice.payments}
        rowKey={(p) => p.id}
        empty={
          <Text size="sm" c="dimmed">
            {t('payment.none')}
          </Text>
        }
      />
    </Card>
  );
}

/** The credit notes issued against the invoice, and what each paid back. */
export function CreditNotesCard({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (minor: number) => f.money(minor, invoice.currency);
  const columns: Column<CreditNote>[] = [
    {
      key: 'number',
      header: t('creditNote.number'),
      cell: (c) => (
        <Text size="sm" ff="monospace" fw={500}>
          {c.number}
        </Text>
      ),
      nowrap: true,
    },
    { key: 'amount', header: t('creditNote.amountColumn'), cell: (c) => money(c.amountMinor), nowrap: true },
    {
      key: 'refund',
      header: t('creditNote.refund'),
      cell: (c) =>
        c.refundMinor > 0 && c.refundMethod
          ? t('creditNote.refundBy', {
              amount: money(c.refundMinor),
              method: t(`payment.methods.${c.refundMethod}`),
            })
          : '—',
    },
    {
      key: 'reason',
      header: t('creditNote.reason'),
      cell: (c) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {c.reason}
        </Text>
      ),
    },
    {
      key: 'when',
      header: t('creditNote.issuedOn'),
      cell: (c) => <Taken at={f.date(c.issuedOn)} by={c.createdByName} />,
      visibleFrom: 'sm',
    },
    {
      key: 'pdf',
      header: t('creditNote.document'),
      cell: (c) => (
        <PdfButton
          path={`/api/billing/credit-notes/${c.id}/pdf`}
          label={t('creditNote.pdf', { number: c.number })}
        />
      ),
      nowrap: true,
    },
  ];
  return (
    <Card>
      <Title order={2} fz="h4" mb="sm">
        {t('creditNote.listTitle')}
      </Title>
      <DataTable
        caption={t('creditNote.listTitle')}
        columns={columns}
        rows={invoice.creditNotes}
        rowKey={(c) => c.id}
        empty={null}
      />
    </Card>
  );
}
