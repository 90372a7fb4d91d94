import { Button, Card, EmptyState, Stack, Text, Title } from '@mantine/core';
import { IconAdjustments, IconPackages } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Batch } from '../../../contracts/pharmacy';
import { DataTable, TableEmpty, type Column } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';
import { useFormat } from '../../lib/format';
import { AdjustModal } from './AdjustModal';
import { ExpiryBadge } from './ExpiryBadge';
import { useBatches } from './queries';

/** A medicine's batches in every store, soonest expiry first, each adjustable by stock managers. */
export function BatchesCard({
  medicineId,
  currency,
  canAdjust,
}: {
  medicineId: string;
  currency: string;
  canAdjust: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const batches = useBatches(medicineId);
  const [adjusting, setAdjusting] = useState<Batch | null>(null);

  const columns: Column<Batch>[] = [
    {
      key: 'batch',
      header: t('batches.batchNumber'),
      cell: (b) => (
        <Text size="sm" ff="monospace" fw={500}>
          {b.batchNumber}
        </Text>
      ),
    },
    { key: 'store', header: t('batches.store'), cell: (b) => <Text size="sm">{b.storeName}</Text> },
    {
      key: 'expiry',
      header: t('batches.expiry'),
      nowrap: true,
      cell: (b) => (
        <Stack gap={2} align="flex-start">
          <Text size="sm">{f.date(b.expiryDate)}</Text>
          <ExpiryBadge state={b.expiry} />
        </Stack>
      ),
    },
    {
      key: 'onHand',
      header: t('batches.onHand'),
      nowrap: true,
      cell: (b) => <Text size="sm">{f.number(b.onHand)}</Text>,
    },
    {
      key: 'reserved',
      header: t('batches.reserved'),
      nowrap: true,
      visibleFrom: 'md',
      cell: (b) => <Text size="sm">{f.number(b.reserved)}</Text>,
    },
    {
      key: 'cost',
      header: t('batches.unitCost'),
      nowrap: true,
      cell: (b) => <Text size="sm">{f.money(b.unitCostMinor, currency)}</Text>,
    },
    {
      key: 'received',
      header: t('batches.received'),
      nowrap: true,
      visibleFrom: 'lg',
      cell: (b) => <Text size="sm">{f.day(b.receivedAt)}</Text>,
    },
  ];
  if (canAdjust)
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      cell: (b) => (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconAdjustments size={14} aria-hidden />}
          onClick={() => setAdjusting(b)}
          aria-label={t('batches.adjustNamed', { batch: b.batchNumber })}
        >
          {t('batches.adjust')}
        </Button>
      ),
    });

  return (
    <Card>
      <Title order={2} fz="h4" mb="sm">
        {t('batches.title')}
      </Title>
      {batches.isPending && <TableSkeleton rows={3} />}
      {batches.isError && <LoadError error={batches.error} onRetry={() => void batches.refetch()} />}
      {batches.data && (
        <DataTable
          caption={t('batches.title')}
          columns={columns}
          rows={batches.data}
          rowKey={(b) => b.id}
          empty={
            <TableEmpty>
              <EmptyState
                icon={<IconPackages size={28} aria-hidden />}
                withIndicatorBackground
                title={t('batches.emptyTitle')}
                description={t('batches.emptyBody')}
              />
            </TableEmpty>
          }
        />
      )}
      <AdjustModal batch={adjusting} onClose={() => setAdjusting(null)} />
    </Card>
  );
}
