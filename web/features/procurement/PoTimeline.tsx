import { Card, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrder } from '../../../contracts/procurement';
import { useFormat } from '../../lib/format';
import { usePoNoteText } from './po-note';

/** Every step of the order from the audit log, oldest first: what, when, who, and any reason. */
export function PoTimeline({ order }: { order: PurchaseOrder }) {
  const { t } = useTranslation();
  const f = useFormat();
  const noteText = usePoNoteText();
  return (
    <Card>
      <Title order={2} fz="h4" mb="md">
        {t('po.timeline')}
      </Title>
      <Timeline active={order.timeline.length - 1} bulletSize={14} lineWidth={2} data-testid="po-timeline">
        {order.timeline.map((e, i) => (
          <Timeline.Item key={`${e.at}-${i}`} title={t(`po.events.${e.step}`)}>
            <Text size="xs" c="dimmed">
              {f.dateTime(e.at)}
              {e.by ? ` · ${e.by}` : ''}
            </Text>
            {e.note && (
              <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                {noteText(e.note)}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
