import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconClipboardList, IconPlayerPlay } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { StockTake } from '../../../contracts/stock-control';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { errorMessage } from '../../lib/forms';
import { useStores } from '../inventory/queries';
import { stockTakeKey, useStockTakes, type StockTakeSummary } from './queries';
import { StockTakeStatusBadge } from './StockTakeStatusBadge';
import { PagedList } from '../../components/PagedList';

const PAGE_SIZE = 20;

/** Starts a count of one store: every batch in it becomes a line to count. */
function StartCount() {
  const { t } = useTranslation();
  const stores = useStores();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [storeId, setStoreId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    if (!storeId) return setError(t('stockTake.chooseStore'));
    setBusy(true);
    setError(null);
    try {
      const take = await post<StockTake>('/api/stock-takes', { storeId });
      client.setQueryData(stockTakeKey(take.id, false), take);
      await client.invalidateQueries({ queryKey: ['stock-takes'] });
      await navigate(`/app/stock-takes/${take.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Title order={2} fz="h4" mb={4}>
        {t('stockTake.startTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('stockTake.startHint')}
      </Text>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('stockTake.store')}
          placeholder={t('stockTake.chooseStore')}
          data={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={storeId}
          onChange={setStoreId}
          w={{ base: '100%', xs: 260 }}
        />
        <Button
          onClick={() => void start()}
          loading={busy}
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
        >
          {t('stockTake.start')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" mt="sm" role="alert">
          {error}
        </Alert>
      )}
    </Card>
  );
}

/** Stock takes of the active hospital, newest first; a count in progress is opened to continue. */
export default function StockTakesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const takes = useStockTakes(page, PAGE_SIZE);

  const columns: Column<StockTakeSummary>[] = [
    {
      key: 'store',
      header: t('stockTake.store'),
      cell: (s) => (
        <Anchor component={Link} to={`/app/stock-takes/${s.id}`} fw={500} size="sm">
          {t('stockTake.nameOf', { store: s.storeName, date: f.day(s.startedAt) })}
        </Anchor>
      ),
    },
    {
      key: 'status',
      header: t('common.status'),
      nowrap: true,
      cell: (s) => <StockTakeStatusBadge status={s.status} />,
    },
    {
      key: 'progress',
      header: t('stockTake.progress'),
      nowrap: true,
      cell: (s) => (
        <Text size="sm">
          {t('stockTake.countedOf', { counted: f.number(s.counted), total: f.number(s.total) })}
        </Text>
      ),
    },
    {
      key: 'started',
      header: t('stockTake.started'),
      visibleFrom: 'sm',
      cell: (s) => (
        <Text size="sm">
          {f.dateTime(s.startedAt)}
          {s.startedByName ? ` · ${s.startedByName}` : ''}
        </Text>
      ),
    },
    {
      key: 'posted',
      header: t('stockTake.posted'),
      nowrap: true,
      visibleFrom: 'md',
      cell: (s) => <Text size="sm">{s.postedAt ? f.dateTime(s.postedAt) : '—'}</Text>,
    },
  ];

  return (
    <>
      <PageHeader title={t('stockTake.title')} description={t('stockTake.description')} />
      <Stack>
        <StartCount />
        <Card>
          <PagedList
            query={takes}
            columns={columns}
            caption={t('stockTake.title')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={setPage}
            empty={{
              icon: <IconClipboardList size={28} aria-hidden />,
              title: t('stockTake.emptyTitle'),
              description: t('stockTake.emptyBody'),
            }}
          />
        </Card>
      </Stack>
    </>
  );
}
