import { Button, Card, EmptyState, Modal, Stack, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sale } from '../../../contracts/dispensing';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { DataTable, TableEmpty, TablePager, type Column } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { DetailSkeleton, TableSkeleton } from '../../components/Skeletons';
import { SaleReceipt } from './SaleReceipt';

const PAGE = 10;
type SaleRow = Omit<Sale, 'lines'> & { items: number };

/** The counter's latest sales, newest first; each opens with its lines and batches. */
export function RecentSales() {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const sales = useQuery({
    queryKey: ['sales', page],
    queryFn: ({ signal }) =>
      get<{ items: SaleRow[]; total: number }>(
        '/api/pharmacy/sales',
        { limit: PAGE, offset: (page - 1) * PAGE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const sale = useQuery({
    queryKey: ['sale', open],
    queryFn: ({ signal }) => get<Sale>(`/api/pharmacy/sales/${open}`, undefined, signal),
    enabled: !!open,
  });

  const columns: Column<SaleRow>[] = [
    { key: 'at', header: t('counterSale.soldAt'), cell: (s) => f.dateTime(s.soldAt), nowrap: true },
    { key: 'items', header: t('counterSale.items'), cell: (s) => f.number(s.items) },
    { key: 'by', header: t('counterSale.soldBy'), cell: (s) => s.soldByName ?? '—', visibleFrom: 'sm' },
    {
      key: 'total',
      header: t('totals.total'),
      cell: (s) => f.money(s.totals.totalMinor, s.totals.currency),
      nowrap: true,
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (s) => (
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => setOpen(s.id)}
          aria-label={t('counterSale.openSale', { time: f.dateTime(s.soldAt) })}
        >
          {t('counterSale.open')}
        </Button>
      ),
    },
  ];

  return (
    <Card mt="md">
      <Title order={2} fz="h4" mb="sm">
        {t('counterSale.recent')}
      </Title>
      {sales.isPending && <TableSkeleton rows={3} />}
      {sales.isError && <LoadError error={sales.error} onRetry={() => void sales.refetch()} />}
      {sales.data && (
        <>
          <DataTable
            caption={t('counterSale.recent')}
            columns={columns}
            rows={sales.data.items}
            rowKey={(s) => s.id}
            empty={
              <TableEmpty>
                <EmptyState
                  icon={<IconReceipt size={28} aria-hidden />}
                  withIndicatorBackground
                  title={t('counterSale.noSales')}
                  description={t('counterSale.noSalesBody')}
                />
              </TableEmpty>
            }
          />
          <TablePager page={page} pageSize={PAGE} total={sales.data.total} onChange={setPage} />
        </>
      )}
      <Modal opened={!!open} onClose={() => setOpen(null)} title={t('counterSale.saleTitle')} size="lg">
        <Stack>
          {sale.isPending && <DetailSkeleton />}
          {sale.isError && <LoadError error={sale.error} onRetry={() => void sale.refetch()} />}
          {sale.data && <SaleReceipt sale={sale.data} />}
        </Stack>
      </Modal>
    </Card>
  );
}
