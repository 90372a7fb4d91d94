import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WardCharge, WardChargeList } from '../../../contracts/ward-charges';
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
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {charges.isPending ? t('common.loading') : t('wardCharges.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped fz="sm" aria-label={t('wardCharges.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('wardCharges.when')}</Table.Th>
                <Table.Th>{t('wardCharges.service')}</Table.Th>
                <Table.Th ta="right">{t('wardCharges.quantity')}</Table.Th>
                <Table.Th ta="right">{t('wardCharges.amount')}</Table.Th>
                <Table.Th>{t('nursing.by')}</Table.Th>
                {open && <Table.Th aria-label={t('wardCharges.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="ward-charge">
                  <Table.Td>{f.dateTime(c.givenAt)}</Table.Td>
                  <Table.Td>
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
                  </Table.Td>
                  <Table.Td ta="right">{f.number(c.quantity)}</Table.Td>
                  <Table.Td ta="right">
                    {c.voided ? '—' : money(c.totalMinor)}
                    {!c.voided && (
                      <Text size="xs" c="dimmed">
                        {t('wardCharges.each', { price: money(c.unitPriceMinor) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{c.chargedBy.name}</Table.Td>
                  {open && (
                    <Table.Td>
                      {!c.voided && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setVoiding(c)}>
                          {t('wardCharges.void')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {charging && <ChargeServiceDialog admissionId={admissionId} onClose={() => setCharging(false)} />}
      {voiding && (
        <VoidChargeDialog admissionId={admissionId} charge={voiding} onClose={() => setVoiding(null)} />
      )}
    </Card>
  );
}
