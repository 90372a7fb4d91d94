import { Badge, Card, Divider, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { CollectSampleButton } from './CollectSampleButton';
import { EnterResultsButton } from './EnterResultsButton';
import { ItemResults } from './ItemResults';
import { LabStatusBadge } from './LabOrderBadges';
import { collectable, sampleProgress } from './lab-orders';
import { ReleaseCorrectionButton, WithdrawCorrectionButton } from './CorrectionButtons';
import {
  correctable,
  overdue,
  rejectable,
  resultsEnterable,
  resultsProgress,
  verifiable,
} from './lab-results';
import { RejectSampleButton } from './RejectSampleButton';
import { VerifyResultsButton } from './VerifyResultsButton';

/**
 * Each test of the order: its sample (what to take and how, its label's number), then its results
 * once entered, and where it stands, with what the reader may do next (collect, enter, verify,
 * correct verified results and release or withdraw a correction).
 */
export function LabSamplesCard({ order }: { order: LabOrder }) {
  const { t } = useTranslation();
  const { collected, total } = sampleProgress(order);
  const results = resultsProgress(order);
  return (
    <Card>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="h4">
          {t('labResults.cardTitle')}
        </Title>
        <Group gap="md" component="span">
          <Text size="sm" c="dimmed" data-testid="sample-progress">
            {t('labOrders.progress', { collected, total })}
          </Text>
          {collected > 0 && order.status !== 'cancelled' && (
            <Text size="sm" c="dimmed" data-testid="results-progress">
              {t('labResults.progress', { verified: results.verified, total: results.total })}
            </Text>
          )}
        </Group>
      </Group>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {order.items.map((item) => (
          <SampleRow key={item.id} order={order} item={item} />
        ))}
      </Stack>
    </Card>
  );
}

function SampleRow({ order, item }: { order: LabOrder; item: LabOrderItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can, me } = useSession();
  const field = (label: string, value: ReactNode, testId?: string) => (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
  return (
    <Paper component="li" withBorder p="sm" data-testid="lab-item">
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <div style={{ minWidth: 0, flex: '1 1 12rem' }}>
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {item.name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {item.code}
          </Text>
        </div>
        <Group gap="xs">
          <LabStatusBadge status={item.status} testId="item-status" />
          {can('lab-samples:collect') && collectable(order, item) && (
            <CollectSampleButton order={order} item={item} />
          )}
          {can('lab-results:enter') && resultsEnterable(order, item) && (
            <EnterResultsButton order={order} item={item} />
          )}
          {can('lab-results:verify') && verifiable(order, item) && (
            <VerifyResultsButton order={order} item={item} />
          )}
          {can('lab-results:enter') && correctable(order, item) && (
            <EnterResultsButton order={order} item={item} correct />
          )}
          {/* Who entered a correction cannot release it (the server refuses them): not offered. */}
          {can('lab-results:verify') && item.pendingAmendment?.enteredBy.id !== me.user.id && (
            <ReleaseCorrectionButton order={order} item={item} />
          )}
          {can('lab-results:enter') && <WithdrawCorrectionButton order={order} item={item} />}
          {can('lab-samples:collect') && rejectable(order, item) && (
            <RejectSampleButton order={order} item={item} />
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" verticalSpacing={8}>
        {field(t('labOrders.sample'), t(`sampleTypes.${item.sampleType}`))}
        {field(
          t('labOrders.accession'),
          <Text span ff="monospace" size="sm">
            {item.accession}
          </Text>,
          'accession',
        )}
        {field(
          t('labOrders.collected'),
          item.collectedAt
            ? t('labOrders.collectedByAt', {
                at: f.dateTime(item.collectedAt),
                name: item.collectedBy?.name ?? '',
              })
            : item.status === 'cancelled'
              ? '—'
              : t('labOrders.notYet'),
        )}
        {field(
          t('labOrders.dueAt'),
          item.dueAt ? (
            <>
              {f.dateTime(item.dueAt)}
              {overdue(item) && (
                <Badge component="span" ml={6} size="xs" color="red" variant="light" data-testid="overdue">
                  {t('labResults.overdueBadge')}
                </Badge>
              )}
            </>
          ) : item.status === 'cancelled' ? (
            '—'
          ) : (
            t('labOrders.dueAfter', { count: item.turnaroundHours })
          ),
        )}
      </SimpleGrid>
      {item.instructions && (
        <Text size="sm" mt="xs" style={{ overflowWrap: 'anywhere' }}>
          <Text span size="sm" c="dimmed">
            {t('labOrders.instructions')}:{' '}
          </Text>
          {item.instructions}
        </Text>
      )}
      {item.sampleNote && (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <Text span size="sm" c="dimmed">
            {t('labOrders.sampleNote')}:{' '}
          </Text>
          {item.sampleNote}
        </Text>
      )}
      {item.results.length > 0 && (
        <>
          <Divider my="xs" />
          <ItemResults item={item} />
        </>
      )}
    </Paper>
  );
}
