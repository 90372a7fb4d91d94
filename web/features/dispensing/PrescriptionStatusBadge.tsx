import { useTranslation } from 'react-i18next';
import type { PrescriptionStatus } from '../../../contracts/dispensing';
import { StatusBadge } from '../../components/StatusBadge';

const COLOR: Record<PrescriptionStatus, string> = {
  open: 'blue',
  partly_dispensed: 'orange',
  dispensed: 'teal',
  cancelled: 'gray',
};

export function PrescriptionStatusBadge({ status }: { status: PrescriptionStatus }) {
  const { t } = useTranslation();
  return <StatusBadge color={COLOR[status]} label={t(`dispensing.status.${status}`)} />;
}
