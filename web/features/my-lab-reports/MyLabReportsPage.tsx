import { Anchor, Card, Text } from '@mantine/core';
import { IconReportMedical } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LabOrder } from '../../../contracts/lab-orders';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PagedList, useListParams } from '../../components/PagedList';
import { useFormat } from '../../lib/format';
import { reportState } from '../lab/lab-results';
import { useMyLabOrders } from './queries';
import { ReportStateBadge } from './ReportStateBadge';

const PAGE_SIZE = 20;

/** The patient's lab tests at every hospital, newest first, and whether each report is ready. */
export default function MyLabReportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { page, set } = useListParams();
  const list = useMyLabOrders(page, PAGE_SIZE);

  const columns: Column<LabOrder>[] = [
    {
      key: 'number',
      header: t('myLabReports.number'),
      cell: (o) => (
        <Anchor component={Link} to={`/app/my-lab-reports/${o.id}`} fw={500} size="sm" ff="monospace">
          {o.number}
        </Anchor>
      ),
      nowrap: true,
    },
    { key: 'date', header: t('myLabReports.date'), cell: (o) => f.dateTime(o.orderedAt), nowrap: true },
    {
      key: 'tests',
      header: t('myLabReports.tests'),
      cell: (o) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {o.items.map((i) => i.name).join(', ')}
        </Text>
      ),
    },
    {
      key: 'status',
      header: t('myLabReports.status'),
      cell: (o) => <ReportStateBadge state={reportState(o)} testId="report-state" />,
      nowrap: true,
    },
  ];

  return (
    <>
      <PageHeader title={t('myLabReports.title')} description={t('myLabReports.description')} />
      <Card>
        <PagedList
          query={list}
          columns={columns}
          caption={t('myLabReports.caption')}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(p) => set('page', String(p))}
          empty={{
            icon: <IconReportMedical size={28} aria-hidden />,
            title: t('myLabReports.emptyTitle'),
            description: t('myLabReports.emptyBody'),
          }}
        />
      </Card>
    </>
  );
}
