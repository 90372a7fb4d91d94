import { Badge, Button, Card, Group, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WardCharge, WardChargeList } from '../../../contracts/ward-charges';
import { DataTable, type Column } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { ChargeServiceDialog, VoidChargeDialog } from './ChargeServiceDialog';
import { wardChargesKey } from './queries';

/**
 * Ward charges: services from the price list given on the stay (a dressing, nebulisation, a bedside
 * ECG), each at the price it had when given, newest first; voided ones stay listed with the reason.
 * While the patient is in, whoever admits or nurses charges a service or voids one made in error;
 * they are billed with the stay at discharge.
 */
export function WardChargesCard({ admissionId, open }: { admissionId: string; open: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const charges = useQuery({
    queryKey: wardChargesKey(admissionId),
    queryFn: ({ signal }) =>
      get<WardChargeList>(`/api/wards/admissions/${admissionId}/service-charges`, undefined, signal),
  });
  const [charging, setCharging] = useState(false);
  const [voiding, setVoiding] = useState<WardCharge | null>(null);
  const items = [...(charges.data?.items ?? [])].reverse();
  const money = (v: number) => f.money(v, charges.data?.currency ?? '');
  // On a phone each charge is a card (DataTable), the service its title.
  const columns: Column<WardCharge>[] = [
    {
      key: 'service',
      header: t('wardCharges.service'),
      cell: (c) => (
        <div>
          <Text size="sm" td={c.voided ? 'line-through' : undefined}>
            {c.name}
          </Text>
          <Text size="xs" c="dimmed">
            {c.code}
            {c.note ? ` · ${c.note}` : ''}
          </Text>
          {c.voided && (
            <Text size="xs" c="red">
              <Badge size="xs" color="red" variant="light" mr={4}>
                {t('wardCharges.voided')}
              </Badge>
              {t('wardCharges.voidedBy', { by: c.voided.by.name, reason: c.voided.reason })}
            </Text>
          )}
        </div>
      ),
    },
    { key: 'given', header: t('wardCharges.when'), cell: (c) => f.dateTime(c.givenAt) },
    { key: 'quantity', header: t('wardCharges.quantity'), cell: (c) => f.number(c.quantity) },
    {
      key: 'amount',
      header: t('wardCharges.amount'),
      cell: (c) =>
        c.voided ? (
          '—'
        ) : (
          <div>
            {money(c.totalMinor)}
            <Text size="xs" c="dimmed">
              {t('wardCharges.each', { price: money(c.unitPriceMinor) })}
            </Text>
          </div>
        ),
    },
    { key: 'by', header: t('nursing.by'), cell: (c) => c.chargedBy.name },
    ...(open
      ? [
          {
            key: 'actions',
            header: t('wardCharges.actions'),
            cell: (c: WardCharge) =>
              !c.voided && (
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => setVoiding(c)}>
                  {t('wardCharges.void')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card component="section" aria-labelledby="ward-charges-title" data-testid="ward-charges">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="h4" id="ward-charges-title">
          {t('wardCharges.title')}
        </Title>
        {open && (
          <Button size="xs" variant="light" onClick={() => setCharging(true)}>
            {t('wardCharges.charge')}
          </Button>
        )}
      </Group>
      {charges.isError ? (
        <LoadError error={charges.error} onRetry={() => void charges.refetch()} />
      ) : charges.isPending ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : (
        <DataTable
          caption={t('wardCharges.title')}
          columns={columns}
          rows={items}
          rowKey={(c) => c.id}
          empty={
            <Text size="sm" c="dimmed">
              {t('wardCharges.none')}
            </Text>
          }
        />
      )}
      {charging && <ChargeServiceDialog admissionId={admissionId} onClose={() => setCharging(false)} />}
      {voiding && (
        <VoidChargeDialog admissionId={admissionId} charge={voiding} onClose={() => setVoiding(null)} />
      )}
    </Card>
  );
}
