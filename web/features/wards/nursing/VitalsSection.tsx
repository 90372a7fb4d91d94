import '@mantine/charts/styles.layer.css';
import { LineChart } from '@mantine/charts';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VitalsReading } from '../../../../contracts/nursing';
import { DataTable, type Column } from '../../../components/DataTable';
import { DateTime } from '../../../components/DateTime';
import { LoadError } from '../../../components/LoadError';
import { useFormat } from '../../../lib/format';
import { useVitals } from './queries';
import { RecordVitalsModal, WARD_SIGNS } from './RecordVitalsModal';

const dash = (v: number | null) => (v === null ? '—' : String(v));

/** Vital signs over the stay: blood pressure, pulse and SpO2 on a chart, every reading in a table. */
export function VitalsSection({ admissionId, canRecord }: { admissionId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const vitals = useVitals(admissionId);
  const [recording, setRecording] = useState(false);
  const items = useMemo(() => vitals.data?.items ?? [], [vitals.data]);
  const points = useMemo(
    () =>
      items.map((v) => ({
        at: f.dateTime(v.takenAt),
        systolic: v.systolic,
        diastolic: v.diastolic,
        pulse: v.pulse,
        spo2: v.spo2,
      })),
    [items, f],
  );

  return (
    <Card component="section" aria-labelledby="vitals-title" data-testid="ward-vitals">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="h4" id="vitals-title">
          {t('nursing.vitals.title')}
        </Title>
        {canRecord && (
          <Button size="xs" variant="light" onClick={() => setRecording(true)}>
            {t('nursing.vitals.record')}
          </Button>
        )}
      </Group>
      {vitals.isError ? (
        <LoadError error={vitals.error} onRetry={() => void vitals.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {vitals.isPending ? t('common.loading') : t('nursing.vitals.none')}
        </Text>
      ) : (
        <Stack>
          {items.length > 1 && (
            <LineChart
              h={220}
              data={points}
              dataKey="at"
              connectNulls
              withLegend
              series={[
                { name: 'systolic', label: t('nursing.signs.systolic'), color: 'red.6' },
                { name: 'diastolic', label: t('nursing.signs.diastolic'), color: 'orange.5' },
                { name: 'pulse', label: t('nursing.signs.pulse'), color: 'indigo.6' },
                { name: 'spo2', label: t('nursing.signs.spo2'), color: 'teal.6' },
              ]}
              yAxisProps={{ width: 36 }}
              xAxisProps={{ minTickGap: 40 }}
            />
          )}
          <ReadingsTable items={items} />
        </Stack>
      )}
      {recording && <RecordVitalsModal admissionId={admissionId} onClose={() => setRecording(false)} />}
    </Card>
  );
}

/** Every reading, newest first: a table on wider screens, one card per reading on a phone. */
function ReadingsTable({ items }: { items: VitalsReading[] }) {
  const { t } = useTranslation();
  const rows = useMemo(() => [...items].reverse(), [items]);
  const columns: Column<VitalsReading>[] = [
    // The time may wrap below its date, so all eight signs fit beside it on a tablet.
    { key: 'takenAt', header: t('nursing.vitals.takenAt'), cell: (v) => <DateTime iso={v.takenAt} /> },
    ...WARD_SIGNS.map((s) => ({
      key: s.key,
      header: t(`nursing.signsShort.${s.key}`),
      cell: (v: VitalsReading) => dash(v[s.key]),
      numeric: true,
    })),
    { key: 'by', header: t('nursing.by'), cell: (v) => v.recordedBy.name },
  ];
  return (
    <DataTable
      caption={t('nursing.vitals.table')}
      columns={columns}
      rows={rows}
      rowKey={(v) => v.id}
      empty={null}
    />
  );
}
