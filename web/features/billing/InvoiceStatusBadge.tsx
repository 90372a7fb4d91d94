import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InvoiceStatus } from '../../../contracts/billing';
import { StatusBadge } from '../../components/StatusBadge';

const COLOR: Record<InvoiceStatus, string> = {
  draft: 'gray',
  final: 'blue',
  cancelled: 'red',
  discarded: 'dark',
};

/** An invoice's status in words (a final invoice that owes nothing more also shows "Paid" beside it). */
export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const { t } = useTranslation();
  return <StatusBadge color={COLOR[status]} label={t(`invoiceStatus.${status}`)} testId="invoice-status" />;
}

/** "Paid" beside the status of a final invoice that owes nothing more. */
export function PaidMarker({ invoice }: { invoice: { status: InvoiceStatus; balanceMinor: number } }) {
  const { t } = useTranslation();
  if (invoice.status !== 'final' || invoice.balanceMinor !== 0) return null;
  return (
    <Badge color="teal" variant="filled" tt="none" data-testid="invoice-paid">
      {t('invoices.paid')}
    </Badge>
  );
}
