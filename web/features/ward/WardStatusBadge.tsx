import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WardRequestStatus } from './queries';

const COLOR: Record<WardRequestStatus, string> = {
  requested: 'yellow',
  partly_issued: 'orange',
  issued: 'blue',
  received: 'teal',
  cancelled: 'gray',
};

export function WardStatusBadge({ status }: { status: WardRequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLOR[status]}
      variant="light"
      tt="none"
      style={{ whiteSpace: 'nowrap' }}
      data-testid="ward-status"
    >
      {t(`ward.status.${status}`)}
    </Badge>
  );
}
