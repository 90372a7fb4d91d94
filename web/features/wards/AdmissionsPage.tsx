import { Anchor, Card, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconBed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Admission } from '../../../contracts/wards';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { PagedList, useListParams } from '../../components/PagedList';
import { AdmissionStatusBadge } from './AdmissionStatusBadge';
import { lastBed } from './board';
import { useAdmissions, type AdmissionStatus } from './queries';

const PAGE_SIZE = 20;
const STATUSES: AdmissionStatus[] = ['active', 'discharged', 'all'];

/** The hospital's admissions, newest first: those in a bed now, those discharged, or all. */
export default function AdmissionsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { params, page, set } = useListParams();
  const status = STATUSES.find((s) => s === params.get('status')) ?? 'active';
  const list = useAdmissions(status, page, PAGE_SIZE);

  const columns: Column<Admission>[] = [
    {
      key: 'patient',
      header: t('wards.admissions.patient'),
      cell: (a) => (
        <div>
          <Anchor
            component={Link}
            to={`/app/admissions/${a.id}`}
            size="sm"
            fw={500}
            style={{ overflowWrap: 'anywhere' }}
          >
            {a.patient.name}
          </Anchor>
          {a.patient.mrn && (
            <Text size="xs" c="dimmed">
              {a.patient.mrn}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'bed',
      header: t('wards.admissions.bed'),
      cell: (a) => {
        const bed = lastBed(a);
        return bed ? t('wards.admissions.wardBed', { ward: bed.wardName, bed: bed.bedLabel }) : '—';
      },
    },
    {
      key: 'admitted',
      header: t('wards.admissions.admittedAt'),
      cell: (a) => f.dateTime(a.admittedAt),
      nowrap: true,
    },
    {
      key: 'discharged',
      header: t('wards.admissions.dischargedAt'),
      cell: (a) => (a.dischargedAt ? f.dateTime(a.dischargedAt) : '—'),
      nowrap: true,
      visibleFrom: 'md',
    },
    {
      key: 'source',
      header: t('wards.admissions.source'),
      cell: (a) => t(`wards.sources.${a.source}`),
      visibleFrom: 'lg',
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (a) => <AdmissionStatusBadge status={a.status} />,
      nowrap: true,
    },
  ];

  return (
    <>
      <PageHeader title={t('wards.admissions.title')} description={t('wards.admissions.description')} />
      <Card>
        <Stack>
          <SegmentedControl
            aria-label={t('wards.admissions.show')}
            value={status}
            onChange={(v) => set('status', v === 'active' ? null : v)}
            data={STATUSES.map((s) => ({ value: s, label: t(`wards.admissions.filters.${s}`) }))}
            style={{ alignSelf: 'flex-start' }}
          />
          <PagedList
            query={list}
            columns={columns}
            caption={t('wards.admissions.title')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconBed size={28} aria-hidden />,
              title: t(`wards.admissions.empty.${status}`),
              description: t('wards.admissions.emptyBody'),
            }}
          />
        </Stack>
      </Card>
    </>
  );
}
