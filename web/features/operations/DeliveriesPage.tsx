import { Badge, Card, Code, Select, SimpleGrid, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  DELIVERY_STATUSES,
  type Channel,
  type Delivery,
  type DeliveryPage,
  type DeliveryStatus,
} from '../../../contracts/notifications';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PagedList } from '../../components/PagedList';

const PAGE = 25;
const STATUS_COLOR: Record<DeliveryStatus, string> = {
  queued: 'gray',
  retrying: 'orange',
  sent: 'teal',
  failed: 'red',
  skipped: 'gray',
};

/** The delivery log: one row per message and channel (hospital admins: their hospital's). */
export default function DeliveriesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [channel, setChannel] = useState<Channel | null>(null);
  const [page, setPage] = useState(1);
  const deliveries = useQuery({
    queryKey: ['deliveries', status, channel, page],
    queryFn: ({ signal }) =>
      get<DeliveryPage>(
        '/api/notifications/deliveries',
        { status, channel, limit: PAGE, offset: (page - 1) * PAGE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const columns: Column<Delivery>[] = [
    {
      key: 'template',
      header: t('deliveries.template'),
      cell: (d) => (
        <div>
          <Code fz="xs">{d.template}</Code>
          {d.mandatory && (
            <Text size="xs" c="dimmed">
              {t('deliveries.mandatory')}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'recipient',
      header: t('deliveries.recipient'),
      cell: (d) => (
        <div>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {d.recipient}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`deliveries.channels.${d.channel}`)}
          </Text>
        </div>
      ),
    },
    {
      key: 'status',
      header: t('deliveries.status'),
      cell: (d) => (
        <Badge variant="light" color={STATUS_COLOR[d.status]}>
          {t(`deliveries.statuses.${d.status}`)}
        </Badge>
      ),
    },
    {
      key: 'attempts',
      header: t('deliveries.attempts'),
      cell: (d) => <Text size="sm">{d.attempts}</Text>,
      visibleFrom: 'md',
    },
    {
      key: 'updated',
      header: t('deliveries.updated'),
      cell: (d) => <Text size="sm">{f.dateTime(d.sentAt ?? d.updatedAt)}</Text>,
    },
    {
      key: 'lastError',
      header: t('deliveries.lastError'),
      cell: (d) => (
        <Text size="sm" c={d.lastError ? 'red' : 'dimmed'} style={{ overflowWrap: 'anywhere' }} lineClamp={3}>
          {d.lastError ?? '—'}
        </Text>
      ),
      visibleFrom: 'sm',
    },
  ];

  return (
    <>
      <PageHeader title={t('deliveries.title')} description={t('deliveries.description')} />
      <Card mb="md">
        <SimpleGrid cols={{ base: 1, xs: 2 }} maw={560} role="search">
          <Select
            label={t('deliveries.status')}
            placeholder={t('deliveries.anyStatus')}
            data={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`deliveries.statuses.${s}`) }))}
            value={status}
            onChange={(v) => {
              setStatus(v as DeliveryStatus | null);
              setPage(1);
            }}
            clearable
          />
          <Select
            label={t('deliveries.channel')}
            placeholder={t('deliveries.anyChannel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`deliveries.channels.${c}`) }))}
            value={channel}
            onChange={(v) => {
              setChannel(v as Channel | null);
              setPage(1);
            }}
            clearable
          />
        </SimpleGrid>
      </Card>
      <Card>
        <PagedList
          query={deliveries}
          columns={columns}
          caption={t('deliveries.title')}
          page={page}
          pageSize={PAGE}
          onPage={setPage}
          empty={{
            icon: <IconSend size={28} aria-hidden />,
            title: t('deliveries.emptyTitle'),
            description: t('deliveries.emptyBody'),
          }}
        />
      </Card>
    </>
  );
}
