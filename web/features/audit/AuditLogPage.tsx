import {
  Badge,
  Button,
  Card,
  Code,
  Group,
  Modal,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  EmptyState,
} from '@mantine/core';
import { IconFileSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditEvent } from '../../../contracts/audit';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { BreakableText } from '../../components/BreakableText';
import { DateTime } from '../../components/DateTime';
import { DataTable, TableEmpty, type Column, type SortState } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/Skeletons';
import { zonedDayStart } from './zoned';

interface Filters {
  action: string;
  entityType: string;
  outcome: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { action: '', entityType: '', outcome: '', from: '', to: '' };
const PAGE = 50;

/** The hash-chained audit log of the active hospital (everything, for platform admins), newest first. */
export default function AuditLogPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params] = useSearchParams();
  const patientId = params.get('patientId') ?? undefined;
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [sort, setSort] = useState<SortState>({ key: 'time', direction: 'desc' });
  const [open, setOpen] = useState<AuditEvent | null>(null);

  const query = useMemo(
    () => ({
      patientId,
      action: filters.action.trim() || undefined,
      entityType: filters.entityType.trim() || undefined,
      outcome: filters.outcome || undefined,
      from: filters.from ? zonedDayStart(filters.from, f.timeZone, 0) : undefined,
      to: filters.to ? zonedDayStart(filters.to, f.timeZone, 1) : undefined,
      limit: PAGE,
    }),
    [filters, patientId, f.timeZone],
  );
  const events = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam, signal }) =>
      get<{ items: AuditEvent[]; nextCursor: number | null }>(
        '/api/audit-events',
        { ...query, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const columns: Column<AuditEvent>[] = [
    {
      key: 'time',
      header: t('audit.time'),
      // The time may wrap below its date: at 1024 px the row ran 29 px past the page.
      cell: (e) => (
        <Text size="sm">
          <DateTime iso={e.occurredAt} />
        </Text>
      ),
      sortValue: (e) => e.seq,
    },
    {
      key: 'actor',
      header: t('audit.actor'),
      cell: (e) => (
        <div>
          <Text size="sm">{e.actorName ?? t('audit.anonymous')}</Text>
          {e.actorRole && (
            <Text size="xs" c="dimmed">
              {t(`roles.${e.actorRole}` as 'roles.patient', { defaultValue: e.actorRole })}
            </Text>
          )}
        </div>
      ),
      sortValue: (e) => e.actorName ?? '',
    },
    {
      key: 'action',
      header: t('audit.action'),
      cell: (e) => (
        <Code data-testid="audit-action" style={{ overflowWrap: 'break-word' }}>
          <BreakableText text={e.action} after="._/" />
        </Code>
      ),
      sortValue: (e) => e.action,
    },
    {
      key: 'entity',
      header: t('audit.entity'),
      // "admission_service_charge" is one long word: it may break after an underscore.
      cell: (e) => (
        <Text size="sm">
          <BreakableText text={e.entityType} after="_" />
        </Text>
      ),
      sortValue: (e) => e.entityType,
      visibleFrom: 'md',
    },
    {
      key: 'outcome',
      header: t('audit.outcome'),
      cell: (e) => (
        <Badge
          variant="light"
          color={e.outcome === 'success' ? 'teal' : e.outcome === 'denied' ? 'orange' : 'red'}
        >
          {t(`audit.outcomes.${e.outcome}`)}
        </Badge>
      ),
      sortValue: (e) => e.outcome,
    },
    {
      key: 'ip',
      header: t('audit.ip'),
      cell: (e) => <Text size="sm">{e.ip ?? '—'}</Text>,
      visibleFrom: 'lg',
    },
    {
      key: 'actions',
      header: t('audit.details'),
      cell: (e) => (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => setOpen(e)}
          aria-label={t('audit.showDetails', { seq: e.seq })}
        >
          {t('audit.show')}
        </Button>
      ),
    },
  ];

  const rows = useMemo(() => {
    const all = events.data?.pages.flatMap((p) => p.items) ?? [];
    const col = columns.find((c) => c.key === sort.key);
    if (!col?.sortValue) return all;
    const value = col.sortValue;
    const dir = sort.direction === 'asc' ? 1 : -1;
    return [...all].sort((a, b) => {
      const x = value(a) ?? '';
      const y = value(b) ?? '';
      return (
        (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir
      );
    });
    // columns are rebuilt each render; the sort depends only on its key and the loaded pages
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [events.data, sort]);

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description', { zone: f.zoneName() })} />
      <Card mb="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
          role="search"
        >
          <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }}>
            <TextInput
              label={t('audit.action')}
              placeholder="patient.read"
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
            />
            <TextInput
              label={t('audit.entity')}
              placeholder="patient"
              value={draft.entityType}
              onChange={(e) => setDraft({ ...draft, entityType: e.currentTarget.value })}
            />
            <Select
              label={t('audit.outcome')}
              placeholder={t('audit.anyOutcome')}
              data={(['success', 'denied', 'failure'] as const).map((o) => ({
                value: o,
                label: t(`audit.outcomes.${o}`),
              }))}
              value={draft.outcome || null}
              onChange={(v) => setDraft({ ...draft, outcome: v ?? '' })}
              clearable
            />
            <TextInput
              type="date"
              label={t('audit.from')}
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('audit.to')}
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Group mt="md" gap="xs">
            <Button type="submit">{t('actions.applyFilters')}</Button>
            <Button
              variant="default"
              onClick={() => {
                setDraft(EMPTY);
                setFilters(EMPTY);
              }}
            >
              {t('actions.clearFilters')}
            </Button>
          </Group>
        </form>
      </Card>
      <Card>
        {events.isPending && <TableSkeleton />}
        {events.isError && <LoadError error={events.error} onRetry={() => void events.refetch()} />}
        {events.data && (
          <Stack>
            <DataTable
              caption={t('audit.title')}
              columns={columns}
              rows={rows}
              rowKey={(e) => String(e.seq)}
              sort={sort}
              onSort={setSort}
              empty={
                <TableEmpty>
                  <EmptyState
                    icon={<IconFileSearch size={28} aria-hidden />}
                    withIndicatorBackground
                    title={t('audit.emptyTitle')}
                    description={t('audit.emptyBody')}
                  />
                </TableEmpty>
              }
            />
            {events.hasNextPage && (
              <Group justify="center">
                <Button
                  variant="default"
                  loading={events.isFetchingNextPage}
                  onClick={() => void events.fetchNextPage()}
                >
                  {t('audit.loadOlder')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Card>
      <Modal
        opened={!!open}
        onClose={() => setOpen(null)}
        title={open ? `${open.action} · #${open.seq}` : ''}
        size="lg"
      >
        {open && (
          <Stack gap="xs">
            <Text size="sm">{f.dateTime(open.occurredAt)}</Text>
            <Text size="sm">
              {t('audit.entityLine', { type: open.entityType, id: open.entityId ?? '—' })}
            </Text>
            <Text size="sm">{t('audit.requestLine', { id: open.requestId ?? '—' })}</Text>
            <Text size="sm" fw={500} mt="sm">
              {t('audit.before')}
            </Text>
            <ScrollArea.Autosize mah={200}>
              <Code block>{JSON.stringify(open.before, null, 2)}</Code>
            </ScrollArea.Autosize>
            <Text size="sm" fw={500}>
              {t('audit.after')}
            </Text>
            <ScrollArea.Autosize mah={200}>
              <Code block>{JSON.stringify(open.after, null, 2)}</Code>
            </ScrollArea.Autosize>
          </Stack>
        )}
      </Modal>
    </>
  );
}
