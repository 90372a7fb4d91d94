import { Anchor, Badge, EmptyState, Group, Text } from '@mantine/core';
import { IconShoppingBag } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { useFormat } from '../../lib/format';
import { DataTable, TableEmpty, type Column } from '../../components/DataTable';
import { OrderStatusBadge } from './OrderStatusBadge';
import { OnClockOf } from '../../components/DateTime';

/** Orders as a list, for the patient (with the hospital) or the pharmacist (with the patient). */
export function OrdersTable({
  orders,
  as,
  link,
  empty,
}: {
  orders: PharmacyOrder[];
  as: 'patient' | 'pharmacy';
  link: (o: PharmacyOrder) => string;
  empty: { title: string; description: string };
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const columns: Column<PharmacyOrder>[] = [
    {
      key: 'number',
      header: t('orders.number'),
      cell: (o) => (
        <Group gap="xs" wrap="nowrap">
          <Anchor component={Link} to={link(o)} fw={500} size="sm" ff="monospace">
            {o.number}
          </Anchor>
          {o.needsPrescription && (
            <Badge size="xs" variant="outline" color="grape">
              {t('medicine.rxShort')}
            </Badge>
          )}
        </Group>
      ),
      nowrap: true,
    },
    as === 'pharmacy'
      ? { key: 'who', header: t('orders.patient'), cell: (o) => <Text size="sm">{o.patientName}</Text> }
      : { key: 'who', header: t('orders.hospital'), cell: (o) => <Text size="sm">{o.hospitalName}</Text> },
    { key: 'placed', header: t('orders.placedAt'), cell: (o) => <PlacedAt order={o} />, nowrap: true },
    {
      key: 'items',
      header: t('orders.itemsCount'),
      cell: (o) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {o.lines.map((l) => l.medicineName).join(', ')}
        </Text>
      ),
      visibleFrom: 'md',
    },
    {
      key: 'fulfilment',
      header: t('orders.fulfilment'),
      cell: (o) => t(o.fulfilment === 'delivery' ? 'orders.delivery' : 'orders.pickup'),
      visibleFrom: 'sm',
    },
    {
      key: 'total',
      header: t('totals.total'),
      cell: (o) => f.money(o.totals.totalMinor, o.totals.currency),
      nowrap: true,
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (o) => <OrderStatusBadge status={o.status} />,
      nowrap: true,
    },
  ];
  return (
    <DataTable
      caption={t('orders.caption')}
      columns={columns}
      rows={orders}
      rowKey={(o) => o.id}
      empty={
        <TableEmpty>
          <EmptyState
            icon={<IconShoppingBag size={28} aria-hidden />}
            withIndicatorBackground
            title={empty.title}
            description={empty.description}
          />
        </TableEmpty>
      }
    />
  );
}

/** When the order was placed, on its pharmacy's clock (a patient's orders may be at several hospitals). */
function PlacedAt({ order }: { order: PharmacyOrder }) {
  return (
    <OnClockOf zone={order.timeZone}>
      <DateTime iso={order.placedAt} />
    </OnClockOf>
  );
}

function DateTime({ iso }: { iso: string }) {
  return useFormat().dateTime(iso);
}
