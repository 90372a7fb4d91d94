import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrderStatus } from '../../../contracts/procurement';

const COLOR: Record<PurchaseOrderStatus, string> = {
  draft: 'gray',
  submitted: 'yellow',
  approved: 'blue',
  partly_received: 'cyan',
  received: 'green',
  cancelled: 'red',
};

/** A purchase order's status in words; it may wrap in a phone's narrow card. */
export function PoStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLOR[status]}
      variant="light"
      tt="none"
      styles={{
        root: { height: 'auto', minHeight: 'var(--badge-height)', minWidth: 0, maxWidth: '100%' },
        label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'center', paddingBlock: 2 },
      }}
      data-testid="po-status"
    >
      {t(`poStatus.${status}`)}
    </Badge>
  );
}
