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

/**
 * An order's status in words. It keeps to one line where its place does (a table cell that does
 * not wrap) and wraps where it must: a phone's card gives "Awaiting verification" half of 375 px.
 */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLOR[status]}
      variant="light"
      tt="none"
      styles={{
        // The theme keeps badges at their full width (minWidth max-content); this one may wrap.
        root: {
          height: 'auto',
          minHeight: 'var(--badge-height)',
          minWidth: 0,
          maxWidth: '100%',
          whiteSpace: 'inherit',
        },
        label: { whiteSpace: 'inherit', overflow: 'visible', textAlign: 'center', paddingBlock: 2 },
      }}
      data-testid="order-status"
    >
      {t(`orders.status.${status}`)}
    </Badge>
  );
}
