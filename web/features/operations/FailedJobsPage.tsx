import { Card, Code, Text } from '@mantine/core';
import { IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FailedJob, FailedJobPage } from '../../../contracts/jobs';
import { get, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { ConfirmButton } from '../../components/ConfirmButton';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PagedList } from '../../components/PagedList';

const PAGE = 25;

/** Background jobs that failed after their last retry, and their retry (platform admins). */
export default function FailedJobsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const jobs = useQuery({
    queryKey: ['jobs', 'failed', page],
    queryFn: ({ signal }) =>
      get<FailedJobPage>('/api/jobs/failed', { limit: PAGE, offset: (page - 1) * PAGE }, signal),
    placeholderData: keepPreviousData,
  });

  const retry = async (job: FailedJob) => {
    await post(`/api/jobs/${job.id}/retry`);
    notifySuccess(t('jobs.retried'));
    await client.invalidateQueries({ queryKey: ['jobs'] });
  };

  const columns: Column<FailedJob>[] = [
    {
      key: 'summary',
      header: t('jobs.summary'),
      cell: (j) => (
        <div>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {j.summary}
          </Text>
          <Code fz="xs">{j.queue}</Code>
        </div>
      ),
    },
    {
      key: 'error',
      header: t('jobs.error'),
      cell: (j) => (
        <Text size="sm" c={j.error ? 'red' : 'dimmed'} style={{ overflowWrap: 'anywhere' }} lineClamp={4}>
          {j.error ?? t('jobs.noError')}
        </Text>
      ),
    },
    {
      key: 'attempts',
      header: t('jobs.attempts'),
      cell: (j) => (
        <Text size="sm">{t('jobs.attemptsOf', { attempts: j.attempts, total: j.retryLimit + 1 })}</Text>
      ),
    },
    {
      key: 'failedAt',
      header: t('jobs.failedAt'),
      cell: (j) => <Text size="sm">{f.dateTime(j.failedAt ?? j.createdAt)}</Text>,
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (j) => (
        <ConfirmButton
          size="compact-sm"
          variant="light"
          leftSection={<IconRefresh size={14} aria-hidden />}
          aria-label={t('jobs.retryLabel', { summary: j.summary })}
          title={t('jobs.retryTitle')}
          message={t('jobs.retryMessage', { summary: j.summary })}
          confirmLabel={t('jobs.retry')}
          onConfirm={() => retry(j)}
        >
          {t('jobs.retry')}
        </ConfirmButton>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('jobs.title')} description={t('jobs.description')} />
      <Card>
        <PagedList
          query={jobs}
          columns={columns}
          caption={t('jobs.title')}
          page={page}
          pageSize={PAGE}
          onPage={setPage}
          empty={{
            icon: <IconCircleCheck size={28} aria-hidden />,
            title: t('jobs.emptyTitle'),
            description: t('jobs.emptyBody'),
          }}
        />
      </Card>
    </>
  );
}
