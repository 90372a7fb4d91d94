import { Alert, Badge, Button, Card, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconMailbox } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItem, OutboxPage as OutboxPageDto } from '../../../contracts/notifications';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PagedList } from '../../components/PagedList';
import { OutboxMessageModal } from './OutboxMessageModal';

const PAGE = 25;

/** Mail and SMS the installation wrote to its outbox folder instead of sending (platform admins). */
export default function OutboxPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const outbox = useQuery({
    queryKey: ['outbox', page],
    queryFn: ({ signal }) =>
      get<OutboxPageDto>('/api/outbox', { limit: PAGE, offset: (page - 1) * PAGE }, signal),
    placeholderData: keepPreviousData,
  });

  const columns: Column<OutboxItem>[] = [
    {
      key: 'subject',
      header: t('outbox.subject'),
      cell: (m) => (
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {m.subject || t('outbox.noSubject')}
        </Text>
      ),
    },
    {
      key: 'to',
      header: t('outbox.to'),
      cell: (m) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {m.to}
        </Text>
      ),
    },
    {
      key: 'channel',
      header: t('outbox.channel'),
      cell: (m) => (
        <Badge variant="light" color={m.channel === 'email' ? 'blue' : 'grape'}>
          {t(`outbox.channels.${m.channel}`)}
        </Badge>
      ),
    },
    {
      key: 'time',
      header: t('outbox.time'),
      cell: (m) => <Text size="sm">{f.dateTime(m.createdAt)}</Text>,
      visibleFrom: 'sm',
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (m) => (
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => setOpen(m.id)}
          aria-label={t('outbox.openMessage', { subject: m.subject || t('outbox.noSubject') })}
        >
          {t('outbox.open')}
        </Button>
      ),
    },
  ];

  const data = outbox.data;
  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      {data && (
        <Alert
          variant="light"
          color="blue"
          icon={<IconInfoCircle size={18} aria-hidden />}
          mb="md"
          role="note"
        >
          <Stack gap={2}>
            <Text size="sm">
              {data.mailMode === 'outbox' ? t('outbox.modeOutbox') : t('outbox.modeSmtp')}
            </Text>
            <Text size="sm">
              {data.smsMode === 'outbox' ? t('outbox.smsOutbox') : t('outbox.smsProvider')}
            </Text>
          </Stack>
        </Alert>
      )}
      <Card>
        <PagedList
          query={outbox}
          columns={columns}
          caption={t('outbox.title')}
          page={page}
          pageSize={PAGE}
          onPage={setPage}
          empty={{
            icon: <IconMailbox size={28} aria-hidden />,
            title: t('outbox.emptyTitle'),
            description: t('outbox.emptyBody'),
          }}
        />
      </Card>
      <OutboxMessageModal id={open} onClose={() => setOpen(null)} />
    </>
  );
}
