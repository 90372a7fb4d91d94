import { Anchor, Button, Card, Stack, Text } from '@mantine/core';
import { IconPlus, IconPrescription } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PrescriptionStatus, type Prescription } from '../../../contracts/dispensing';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PrescriptionStatusBadge } from './PrescriptionStatusBadge';
import { leftOf, usePrescriptions } from './queries';
import { StatusFilter } from './StatusFilter';
import { PagedList, useListParams } from '../../components/PagedList';

const PAGE_SIZE = 20;
const FILTERS = ['open', 'partly_dispensed', 'dispensed', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/** The pharmacy's prescription queue: new ones first in view, then partly dispensed, done, or all. */
export default function PrescriptionsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { params, page, set } = useListParams();
  const filter: Filter = (FILTERS as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as Filter)
    : 'open';
  const status = filter === 'all' ? null : PrescriptionStatus.parse(filter);
  const list = usePrescriptions(status, page, PAGE_SIZE);

  const columns: Column<Prescription>[] = [
    {
      key: 'patient',
      header: t('dispensing.patient'),
      cell: (p) => (
        <div>
          <Anchor component={Link} to={`/app/prescriptions/${p.id}`} fw={500} size="sm">
            {p.patientName}
          </Anchor>
          {p.mrn && (
            <Text size="xs" c="dimmed" ff="monospace">
              {p.mrn}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'items',
      header: t('dispensing.items'),
      cell: (p) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {p.lines.map((l) => l.medicineName).join(', ')}
        </Text>
      ),
    },
    {
      key: 'left',
      header: t('dispensing.linesLeft'),
      cell: (p) => (
        <Text size="sm">
          {t('dispensing.linesLeftValue', {
            left: p.lines.filter((l) => leftOf(l) > 0).length,
            total: p.lines.length,
          })}
        </Text>
      ),
      nowrap: true,
      visibleFrom: 'sm',
    },
    {
      key: 'prescriber',
      header: t('dispensing.prescriber'),
      cell: (p) => (
        <div>
          <Text size="sm">{p.prescriberName}</Text>
          <Text size="xs" c="dimmed">
            {t('dispensing.writtenOnShort', { date: f.date(p.writtenOn) })}
          </Text>
        </div>
      ),
      visibleFrom: 'md',
    },
    { key: 'received', header: t('dispensing.received'), cell: (p) => f.dateTime(p.createdAt), nowrap: true },
    {
      key: 'status',
      header: t('common.status'),
      cell: (p) => <PrescriptionStatusBadge status={p.status} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('dispensing.title')}
        description={t('dispensing.description')}
        actions={
          can('prescriptions:enter') && (
            <Button
              component={Link}
              to="/app/prescriptions/new"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('dispensing.enterPaper')}
            </Button>
          )
        }
      />
      <Card>
        <Stack>
          <StatusFilter
            label={t('dispensing.filter')}
            value={filter}
            onChange={(v) => set('status', v)}
            data={FILTERS.map((s) => ({ value: s, label: t(`dispensing.filters.${s}`) }))}
          />
          <PagedList
            query={list}
            columns={columns}
            caption={t('dispensing.title')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconPrescription size={28} aria-hidden />,
              title: t(`dispensing.empty.${filter}`),
              description: t('dispensing.emptyBody'),
            }}
          />
        </Stack>
      </Card>
    </>
  );
}
