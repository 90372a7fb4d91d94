import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdministrationOutcome } from '../../../../contracts/nursing';
import { LoadError } from '../../../components/LoadError';
import { useFormat } from '../../../lib/format';
import { GiveMedicineModal } from './GiveMedicineModal';
import { useMedicationRecord } from './queries';

const OUTCOME_COLOR: Record<AdministrationOutcome, string> = {
  given: 'teal',
  refused: 'orange',
  held: 'gray',
  unavailable: 'red',
};

/** The medication administration record: every dose given or not given, newest first. */
export function MedicationSection({ admissionId, canRecord }: { admissionId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const record = useMedicationRecord(admissionId);
  const [recording, setRecording] = useState(false);
  const items = [...(record.data?.items ?? [])].reverse();

  return (
    <Card component="section" aria-labelledby="mar-title" data-testid="medication-record">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="h4" id="mar-title">
          {t('nursing.mar.title')}
        </Title>
        {canRecord && (
          <Button size="xs" variant="light" onClick={() => setRecording(true)}>
            {t('nursing.mar.record')}
          </Button>
        )}
      </Group>
      {record.isError ? (
        <LoadError error={record.error} onRetry={() => void record.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {record.isPending ? t('common.loading') : t('nursing.mar.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped fz="sm" aria-label={t('nursing.mar.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('nursing.mar.when')}</Table.Th>
                <Table.Th>{t('nursing.mar.medicine')}</Table.Th>
                <Table.Th>{t('nursing.mar.dose')}</Table.Th>
                <Table.Th>{t('nursing.mar.outcome')}</Table.Th>
                <Table.Th>{t('nursing.mar.fromStock')}</Table.Th>
                <Table.Th>{t('nursing.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{f.dateTime(m.givenAt)}</Table.Td>
                  <Table.Td>{m.medicineName}</Table.Td>
                  <Table.Td>
                    {m.dose} · {t(`nursing.mar.routes.${m.route}`)}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={OUTCOME_COLOR[m.outcome]}>
                      {t(`nursing.mar.outcomes.${m.outcome}`)}
                    </Badge>
                    {m.reason && (
                      <Text size="xs" c="dimmed">
                        {m.reason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {m.quantity === null
                      ? '—'
                      : t('nursing.mar.taken', {
                          quantity: f.number(m.quantity),
                          unit: m.dispensingUnit,
                          batches: m.batches.map((b) => b.batchNumber).join(', '),
                        })}
                  </Table.Td>
                  <Table.Td>{m.recordedBy.name}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {recording && <GiveMedicineModal admissionId={admissionId} onClose={() => setRecording(false)} />}
    </Card>
  );
}
