import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PrescriptionStatus } from '../../../contracts/dispensing';

const COLOR: Record<PrescriptionStatus, string> = {
  open: 'blue',
  partly_dispensed: 'orange',
  dispensed: 'teal',
  cancelled: 'gray',
};

export function PrescriptionStatusBadge({ status }: { status: PrescriptionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light" tt="none" style={{ whiteSpace: 'nowrap' }}>
      {t(`dispensing.status.${status}`)}
    </Badge>
  );
}
