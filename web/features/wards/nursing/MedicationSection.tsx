import { Badge, Button, Card, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdministrationOutcome, MedicationAdministration } from '../../../../contracts/nursing';
import { DataTable, type Column } from '../../../components/DataTable';
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
  // On a phone each dose is a card (DataTable), the medicine its title.
  const columns: Column<MedicationAdministration>[] = [
    { key: 'medicine', header: t('nursing.mar.medicine'), cell: (m) => m.medicineName },
    { key: 'when', header: t('nursing.mar.when'), cell: (m) => f.dateTime(m.givenAt) },
    {
      key: 'dose',
      header: t('nursing.mar.dose'),
      cell: (m) => `${m.dose} · ${t(`nursing.mar.routes.${m.route}`)}`,
    },
    {
      key: 'outcome',
      header: t('nursing.mar.outcome'),
      cell: (m) => (
        <div>
          <Badge variant="light" color={OUTCOME_COLOR[m.outcome]}>
            {t(`nursing.mar.outcomes.${m.outcome}`)}
          </Badge>
          {m.reason && (
            <Text size="xs" c="dimmed">
              {m.reason}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'stock',
      header: t('nursing.mar.fromStock'),
      cell: (m) =>
        m.quantity === null
          ? '—'
          : t('nursing.mar.taken', {
              amount: f.amount(m.quantity, m.dispensingUnit),
              batches: m.batches.map((b) => b.batchNumber).join(', '),
            }),
    },
    { key: 'by', header: t('nursing.by'), cell: (m) => m.recordedBy.name },
  ];

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
      ) : record.isPending ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : (
        <DataTable
          caption={t('nursing.mar.title')}
          columns={columns}
          rows={items}
          rowKey={(m) => m.id}
          empty={
            <Text size="sm" c="dimmed">
              {t('nursing.mar.none')}
            </Text>
          }
        />
      )}
      {recording && <GiveMedicineModal admissionId={admissionId} onClose={() => setRecording(false)} />}
    </Card>
  );
}
