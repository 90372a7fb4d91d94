import { Alert, Anchor, Card, DataList, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LabOrder } from '../../../contracts/lab-orders';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';

/** Who ordered what for whom, from where, with what to know, and the bill it is on. */
export function LabOrderFacts({ order }: { order: LabOrder }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const wrap = (text: string) => (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
  const rows: [string, ReactNode][] = [
    [
      t('labOrders.orderedBy'),
      t('labOrders.orderedByAt', { name: order.orderedBy.name, at: f.dateTime(order.orderedAt) }),
    ],
    [
      t('labOrders.source'),
      order.source === 'consultation' && order.consultationId && can('consultations:write') ? (
        <Anchor component={Link} to={`/app/consultations/${order.consultationId}`} size="sm">
          {t('labOrders.openConsultation')}
        </Anchor>
      ) : (
        t(`labOrders.sources.${order.source}`)
      ),
    ],
    [t('labOrders.clinicalNote'), order.clinicalNote ? wrap(order.clinicalNote) : t('labOrders.noNote')],
  ];
  // The bill is for those who read invoices (the front desk); the lab does not see it. An order
  // placed for a patient in a bed is charged on the stay's bill (ADR 30), shown to those who read
  // invoices or admissions, with the admission for those who may open it.
  if (order.admissionId && (can('invoices:read') || can('admissions:manage')))
    rows.push([
      t('labOrders.invoice'),
      <Text size="sm" data-testid="lab-stay-bill">
        {t('labOrders.onStayBill')}
        {can('admissions:manage') && (
          <>
            {' · '}
            <Anchor component={Link} to={`/app/admissions/${order.admissionId}`} size="sm">
              {t('labOrders.openAdmission')}
            </Anchor>
          </>
        )}
      </Text>,
    ]);
  else if (can('invoices:read'))
    rows.push([
      t('labOrders.invoice'),
      order.invoiceId ? (
        <Anchor component={Link} to={`/app/invoices/${order.invoiceId}`} size="sm" data-testid="lab-invoice">
          {t('labOrders.openInvoice')}
        </Anchor>
      ) : (
        t('labOrders.noInvoice')
      ),
    ]);

  return (
    <Card data-testid="lab-order-facts">
      <Title order={2} fz="h4" mb="sm">
        {t('labOrders.details')}
      </Title>
      {order.cancelled && (
        <Alert
          color="gray"
          mb="sm"
          title={t('labOrders.cancelledBecause', {
            name: order.cancelled.by.name,
            at: f.dateTime(order.cancelled.at),
          })}
          data-testid="cancelled"
        >
          {wrap(order.cancelled.reason)}
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
    </Card>
  );
}
