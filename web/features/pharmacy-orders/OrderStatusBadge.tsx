import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '../../../contracts/pharmacy-orders';

const COLOR: Record<OrderStatus, string> = {
  awaiting_verification: 'yellow',
  approved: 'blue',
  ready: 'teal',
  completed: 'green',
  rejected: 'red',
  cancelled: 'gray',
  expired: 'gray',
};

/** An order's status in words: for the patient "Ready" reads differently from pickup and delivery. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLOR[status]}
      variant="light"
      tt="none"
      style={{ whiteSpace: 'nowrap' }}
      data-testid="order-status"
    >
      {t(`orders.status.${status}`)}
    </Badge>
  );
}
