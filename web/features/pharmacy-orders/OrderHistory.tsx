import { Card, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { useFormat } from '../../lib/format';

/** Every step the order went through, oldest first, with who took it and any note. */
export function OrderHistory({ order }: { order: PharmacyOrder }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card>
      <Title order={2} fz="h4" mb="md">
        {t('orders.history')}
      </Title>
      <Timeline active={order.history.length - 1} bulletSize={14} lineWidth={2} data-testid="order-history">
        {order.history.map((e, i) => (
          <Timeline.Item key={`${e.at}-${i}`} title={t(`orders.events.${e.status}`)}>
            <Text size="xs" c="dimmed">
              {f.dateTime(e.at)}
              {e.byName ? ` · ${e.byName}` : ''}
            </Text>
            {e.note && (
              <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
