import { Anchor, Button, Card, EmptyState, Group, Text, Title } from '@mantine/core';
import { IconMoodCheck, IconPackageImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StockAlerts } from '../../../contracts/stock-control';
import { DataTable, TableEmpty, type Column } from '../../components/DataTable';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';

type LowStockItem = StockAlerts['lowStock'][number];

/** Medicines at or under their reorder level, with how far under. */
export function LowStockCard({ items }: { items: LowStockItem[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const columns: Column<LowStockItem>[] = [
    {
      key: 'medicine',
      header: t('stockAlerts.medicine'),
      cell: (m) => (
        <Anchor component={Link} to={`/app/inventory/${m.medicineId}`} size="sm" fw={500}>
          {m.medicineName}
        </Anchor>
      ),
    },
    {
      key: 'onHand',
      header: t('batches.onHand'),
      nowrap: true,
      cell: (m) => (
        <Text size="sm" c={m.onHand === 0 ? 'red' : undefined} fw={m.onHand === 0 ? 600 : undefined}>
          {f.number(m.onHand)}
        </Text>
      ),
    },
    {
      key: 'reorder',
      header: t('medicineDetail.reorderLevel'),
      nowrap: true,
      cell: (m) => <Text size="sm">{f.number(m.reorderLevel)}</Text>,
    },
  ];
  if (can('stock:manage'))
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      cell: (m) => (
        <Button
          component={Link}
          to={`/app/inventory/receive?medicineId=${m.medicineId}`}
          size="xs"
          variant="light"
          leftSection={<IconPackageImport size={14} aria-hidden />}
          aria-label={t('stockAlerts.receiveNamed', { name: m.medicineName })}
        >
          {t('inventory.receive')}
        </Button>
      ),
    });
  return (
    <Card id="low-stock">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          {t('stockAlerts.lowTitle', { count: items.length })}
        </Title>
        <Anchor component={Link} to="/app/inventory?low=true" size="sm">
          {t('stockAlerts.lowInCatalog')}
        </Anchor>
      </Group>
      <DataTable
        caption={t('stockAlerts.lowTitle', { count: items.length })}
        columns={columns}
        rows={items}
        rowKey={(m) => m.medicineId}
        empty={
          <TableEmpty>
            <EmptyState
              icon={<IconMoodCheck size={28} aria-hidden />}
              withIndicatorBackground
              title={t('stockAlerts.noLow')}
            />
          </TableEmpty>
        }
      />
    </Card>
  );
}
