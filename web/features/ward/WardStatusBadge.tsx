import { useTranslation } from 'react-i18next';
import type { WardRequestStatus } from './queries';
import { StatusBadge } from '../../components/StatusBadge';

const COLOR: Record<WardRequestStatus, string> = {
  requested: 'yellow',
  partly_issued: 'orange',
  issued: 'blue',
  received: 'teal',
  cancelled: 'gray',
};

export function WardStatusBadge({ status }: { status: WardRequestStatus }) {
  const { t } = useTranslation();
  return <StatusBadge color={COLOR[status]} label={t(`ward.status.${status}`)} testId="ward-status" />;
}
