import { Anchor, Group, Text } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InvoiceSummary } from '../../../contracts/billing';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';

/**
 * The final invoice the server made for a sale or a dispensing, with what is still to pay and the
 * way to the invoice, where the pharmacist takes the payment. Nothing while it loads.
 */
export function PharmacyBill({ sourceId }: { sourceId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const bill = useQuery({
    enabled: can('invoices:read') || can('pharmacy-invoices:read'),
    queryKey: ['invoices', 'by-source', sourceId],
    queryFn: ({ signal }) =>
      get<{ items: InvoiceSummary[] }>('/api/billing/invoices', { sourceId, limit: 1 }, signal),
  });
  const inv = bill.data?.items[0];
  if (!inv?.number) return null;
  const owed = inv.balanceMinor > 0;
  return (
    <Group gap="xs" wrap="wrap" data-testid="pharmacy-bill">
      <IconReceipt size={18} aria-hidden />
      <Text size="sm" fw={500}>
        {owed
          ? t('pharmacyBill.owed', { number: inv.number, amount: f.money(inv.balanceMinor, inv.currency) })
          : t('pharmacyBill.paid', { number: inv.number })}
      </Text>
      <Anchor component={Link} to={`/app/invoices/${inv.id}`} size="sm" fw={600}>
        {owed ? t('pharmacyBill.takePayment') : t('pharmacyBill.open')}
      </Anchor>
    </Group>
  );
}
