import { Card, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrder, PurchaseOrderNote } from '../../../contracts/procurement';
import { useFormat } from '../../lib/format';

/** Every step of the order from the audit log, oldest first: what, when, who, and any reason. */
export function PoTimeline({ order }: { order: PurchaseOrder }) {
  const { t } = useTranslation();
  const f = useFormat();
  const noteText = (note: PurchaseOrderNote) => {
    switch (note.kind) {
      case 'belowThreshold':
        return t('po.eventNotes.belowThreshold');
      case 'byAdmin':
        return t('po.eventNotes.byAdmin');
      case 'replacedBy':
        return t('po.eventNotes.replacedBy', { revision: note.revision });
      case 'mailedTo':
        return t('po.eventNotes.mailedTo', { to: note.to });
      case 'deliveryNote':
        return t('po.deliveryNote', { note: note.note });
      case 'reason':
        return note.text;
    }
  };
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
