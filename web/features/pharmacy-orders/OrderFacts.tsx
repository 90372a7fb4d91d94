import { Alert, Card, DataList, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { useFormat } from '../../lib/format';
import { PrescriptionViewer } from './PrescriptionViewer';

/** Who, where and how: the order's facts, for the patient or the pharmacist. */
export function OrderFacts({ order, as }: { order: PharmacyOrder; as: 'patient' | 'pharmacy' }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows: [string, ReactNode][] = [
    as === 'pharmacy' ? [t('orders.patient'), order.patientName] : [t('orders.hospital'), order.hospitalName],
    [t('orders.placedAt'), f.dateTime(order.placedAt)],
    [
      t('orders.fulfilment'),
      order.fulfilment === 'delivery'
        ? t('orders.delivery')
        : t('orders.pickupAt', { hospital: order.hospitalName }),
    ],
  ];
  if (order.deliveryAddress)
    rows.push([
      t('orders.address'),
      <Text key="a" size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {order.deliveryAddress}
      </Text>,
    ]);
  if (order.reservedUntil) rows.push([t('orders.reservedUntil'), f.dateTime(order.reservedUntil)]);

  return (
    <Card data-testid="order-facts">
      <Title order={2} fz="h4" mb="sm">
        {t('orders.details')}
      </Title>
      {order.rejectionReason && (
        <Alert color="red" mb="sm" title={t('orders.rejectedBecause')} data-testid="rejection">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {order.rejectionReason}
          </Text>
        </Alert>
      )}
      <DataList orientation="horizontal">
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      {(order.needsPrescription || order.prescriptionDocumentId) && (
        <>
          <Title order={3} fz="h5" mt="md" mb="xs">
            {t('orders.prescription')}
          </Title>
          {order.prescriptionDocumentId ? (
            <PrescriptionViewer documentId={order.prescriptionDocumentId} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('orders.noPrescription')}
            </Text>
          )}
        </>
      )}
    </Card>
  );
}
