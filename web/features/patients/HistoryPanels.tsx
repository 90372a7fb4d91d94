import { Button, Card, Group, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconCircleDot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';
import { accessOpenedLabel, timelineActionLabel } from './history-labels';
import { useAccessLog, useTimeline } from './queries';

/** Everything that changed the patient's record, newest first, a page at a time (reads are in the access log). */
export function TimelinePanel({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const timeline = useTimeline(patientId);
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      <Title order={2} fz="h4" mb="md">
        {t('timeline.title')}
      </Title>
      {timeline.isPending && <TableSkeleton rows={4} />}
      {timeline.isError && <LoadError error={timeline.error} onRetry={() => void timeline.refetch()} />}
      {timeline.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('timeline.empty')}
        </Text>
      )}
      {items.length > 0 && (
        <Timeline bulletSize={20} lineWidth={2} data-testid="timeline">
          {items.map((e) => (
            <Timeline.Item
              key={e.seq}
              bullet={<IconCircleDot size={12} aria-hidden />}
              title={timelineActionLabel(e.action)}
            >
              <Text size="xs" c="dimmed">
                {[
                  f.dateTime(e.occurredAt),
                  e.actorName,
                  e.actorRole
                    ? t(`roles.${e.actorRole}` as 'roles.patient', { defaultValue: e.actorRole })
                    : null,
                  e.hospitalName,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {timeline.hasNextPage && (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            size="xs"
            loading={timeline.isFetchingNextPage}
            onClick={() => void timeline.fetchNextPage()}
          >
            {t('timeline.older')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

/** Who opened the record or its documents, when, and from which hospital. */
export function AccessLogPanel({ patientId, description }: { patientId: string; description: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const log = useAccessLog(patientId);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      <Stack gap={4} mb="md">
        <Title order={2} fz="h4">
          {t('accessLog.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </Stack>
      {log.isPending && <TableSkeleton rows={4} />}
      {log.isError && <LoadError error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('accessLog.empty')}
        </Text>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={320}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('accessLog.when')}</Table.Th>
                <Table.Th>{t('accessLog.who')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('accessLog.where')}</Table.Th>
                <Table.Th>{t('accessLog.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.seq}>
                  <Table.Td>
                    <Text size="sm">{f.dateTime(e.occurredAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.actorName ?? t('audit.anonymous')}</Text>
                    {e.actorRole && (
                      <Text size="xs" c="dimmed">
                        {t(`roles.${e.actorRole}` as 'roles.patient', { defaultValue: e.actorRole })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Text size="sm">{e.hospitalName ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{accessOpenedLabel(e.opened)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {log.hasNextPage && (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            size="xs"
            loading={log.isFetchingNextPage}
            onClick={() => void log.fetchNextPage()}
          >
            {t('timeline.older')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
