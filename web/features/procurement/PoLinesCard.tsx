import { Card, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrder, PurchaseOrderLine } from '../../../contracts/procurement';
import { DataTable, type Column } from '../../components/DataTable';
import { useFormat } from '../../lib/format';

/** Packs still to come on a line: ordered, less what went into stock. */
export const remainingPacks = (l: PurchaseOrderLine) => Math.max(0, l.packsOrdered - l.packsReceived);

/** The order's lines with prices and totals and, once goods arrive, what came and what is to come. */
export function PoLinesCard({ order }: { order: PurchaseOrder }) {
  const { t } = useTranslation();
  const f = useFormat();
  const receiving = ['approved', 'partly_received', 'received'].includes(order.status);
  const money = (minor: number) => f.money(minor, order.currency);
  const columns: Column<PurchaseOrderLine>[] = [
    {
      key: 'medicine',
      header: t('po.medicine'),
      cell: (l) => (
        <Text size="sm" fw={500}>
          {l.medicineName}
        </Text>
      ),
    },
    {
      key: 'packs',
      header: t('po.packs'),
      cell: (l) => t('po.packsOf', { packs: f.number(l.packsOrdered), size: f.number(l.packSize) }),
      nowrap: true,
    },
    {
      key: 'price',
      header: t('po.unitPrice'),
      cell: (l) => money(l.unitPriceMinor),
      nowrap: true,
      visibleFrom: 'sm',
    },
    { key: 'total', header: t('po.lineTotal'), cell: (l) => money(l.lineTotalMinor), nowrap: true },
  ];
  if (receiving)
    columns.push(
      { key: 'received', header: t('po.received'), cell: (l) => f.number(l.packsReceived), nowrap: true },
      { key: 'damaged', header: t('po.damaged'), cell: (l) => f.number(l.packsDamaged), nowrap: true },
      {
        key: 'remaining',
        header: t('po.remaining'),
        cell: (l) => (
          <Text size="sm" fw={remainingPacks(l) ? 600 : undefined} data-testid="remaining">
            {f.number(remainingPacks(l))}
          </Text>
        ),
        nowrap: true,
      },
    );
  return (
    <Card>
      <Title order={2} fz="h4" mb="sm">
        {t('po.linesTitle')}
      </Title>
      <DataTable
        caption={t('po.linesCaption')}
        columns={columns}
        rows={order.lines}
        rowKey={(l) => l.id}
        empty={null}
      />
      <Group justify="flex-end" mt="sm">
        <Text fw={700} data-testid="po-total">
          {t('po.total')}: {money(order.totalMinor)}
        </Text>
      </Group>
    </Card>
  );
}
