import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExpiringBatch } from '../../../contracts/stock-control';
import { DataTable, type Column } from '../../components/DataTable';
import { useFormat } from '../../lib/format';

/** Batches that expire soon (or have expired), with what they hold and are worth at cost. */
export function ExpiryTable({
  rows,
  currency,
  caption,
  showStore = true,
  empty,
}: {
  rows: ExpiringBatch[];
  currency: string;
  caption: string;
  showStore?: boolean;
  empty: React.ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const columns: Column<ExpiringBatch>[] = [
    {
      key: 'medicine',
      header: t('stockAlerts.medicine'),
      cell: (b) => (
        <Anchor component={Link} to={`/app/inventory/${b.medicineId}`} size="sm" fw={500}>
          {b.medicineName}
        </Anchor>
      ),
    },
    {
      key: 'batch',
      header: t('batches.batchNumber'),
      cell: (b) => (
        <Text size="sm" ff="monospace">
          {b.batchNumber}
        </Text>
      ),
    },
    ...(showStore
      ? [
          {
            key: 'store',
            header: t('batches.store'),
            cell: (b: ExpiringBatch) => <Text size="sm">{b.storeName}</Text>,
          },
        ]
      : []),
    {
      key: 'expiry',
      header: t('batches.expiry'),
      nowrap: true,
      cell: (b) => (
        <Text size="sm">
          {f.date(b.expiryDate)}{' '}
          <Text span size="xs" c="dimmed">
            {b.daysLeft < 0
              ? t('stockAlerts.daysAgo', { count: -b.daysLeft })
              : t('stockAlerts.daysLeft', { count: b.daysLeft })}
          </Text>
        </Text>
      ),
    },
    {
      key: 'onHand',
      header: t('batches.onHand'),
      nowrap: true,
      cell: (b) => <Text size="sm">{f.number(b.onHand)}</Text>,
    },
    {
      key: 'value',
      header: t('stockAlerts.value'),
      nowrap: true,
      cell: (b) => <Text size="sm">{f.money(b.valueMinor, currency)}</Text>,
    },
  ];
  return (
    <DataTable caption={caption} columns={columns} rows={rows} rowKey={(b) => b.batchId} empty={empty} />
  );
}
