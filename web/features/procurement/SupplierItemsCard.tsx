import { ActionIcon, Badge, Button, Card, Group, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconStar, IconStarFilled, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Supplier, SupplierItem } from '../../../contracts/procurement';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable, TableEmpty, type Column } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';
import { del, put } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/forms';
import { supplierItemsKey, useSupplierItems } from './queries';
import { SupplierItemModal } from './SupplierItemModal';

/** The medicines a supplier supplies, with the last price per pack and the preferred flag. */
export function SupplierItemsCard({
  supplier,
  currency,
  canManage,
}: {
  supplier: Supplier;
  currency: string;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const items = useSupplierItems(supplier.id);
  const [editing, setEditing] = useState<SupplierItem | 'new' | null>(null);

  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: supplierItemsKey(supplier.id) }),
      client.invalidateQueries({ queryKey: ['suppliers'] }),
    ]);
  const togglePreferred = async (i: SupplierItem) => {
    try {
      await put(`/api/suppliers/${supplier.id}/items/${i.medicineId}`, { preferred: !i.preferred });
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  };

  const columns: Column<SupplierItem>[] = [
    {
      key: 'medicine',
      header: t('supplierItems.medicine'),
      cell: (i) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={500}>
            {i.medicineName}
          </Text>
          {i.preferred && (
            <Badge size="sm" variant="light" color="yellow">
              {t('supplierItems.preferred')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'pack',
      header: t('supplierItems.packSize'),
      cell: (i) => t('supplierItems.packOf', { count: i.packSize }),
      nowrap: true,
    },
    {
      key: 'price',
      header: t('supplierItems.lastPrice'),
      cell: (i) =>
        i.lastPriceMinor === null ? (
          <Text size="sm" c="dimmed">
            {t('supplierItems.noPrice')}
          </Text>
        ) : (
          f.money(i.lastPriceMinor, currency)
        ),
      nowrap: true,
    },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      cell: (i) => (
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            color="yellow"
            onClick={() => void togglePreferred(i)}
            disabled={!supplier.active && !i.preferred}
            aria-label={
              i.preferred
                ? t('supplierItems.unprefer', { name: i.medicineName })
                : t('supplierItems.makePreferred', { name: i.medicineName })
            }
            aria-pressed={i.preferred}
          >
            {i.preferred ? <IconStarFilled size={16} aria-hidden /> : <IconStar size={16} aria-hidden />}
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            onClick={() => setEditing(i)}
            aria-label={t('supplierItems.editItem', { name: i.medicineName })}
          >
            <IconPencil size={16} aria-hidden />
          </ActionIcon>
          <ConfirmButton
            variant="subtle"
            color="red"
            size="compact-sm"
            aria-label={t('supplierItems.remove', { name: i.medicineName })}
            title={t('supplierItems.removeTitle', { name: i.medicineName })}
            message={t('supplierItems.removeMessage')}
            confirmLabel={t('supplierItems.removeAction')}
            destructive
            onConfirm={async () => {
              await del(`/api/suppliers/${supplier.id}/items/${i.medicineId}`);
              await refresh();
              notifySuccess(t('supplierItems.removed', { name: i.medicineName }));
            }}
          >
            <IconTrash size={16} aria-hidden />
          </ConfirmButton>
        </Group>
      ),
    });

  return (
    <Card>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="h4">
          {t('supplierItems.title', { name: supplier.name })}
        </Title>
        {canManage && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            {t('supplierItems.add')}
          </Button>
        )}
      </Group>
      {items.isPending && <TableSkeleton rows={3} />}
      {items.isError && <LoadError error={items.error} onRetry={() => void items.refetch()} />}
      {items.data && (
        <DataTable
          caption={t('supplierItems.caption')}
          columns={columns}
          rows={items.data}
          rowKey={(i) => i.medicineId}
          empty={
            <TableEmpty>
              <Text size="sm" c="dimmed">
                {t('supplierItems.empty')}
              </Text>
            </TableEmpty>
          }
        />
      )}
      {editing && (
        <SupplierItemModal
          supplierId={supplier.id}
          item={editing === 'new' ? null : editing}
          currency={currency}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
