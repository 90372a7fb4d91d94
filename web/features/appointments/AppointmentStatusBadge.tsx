import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from '../../../contracts/scheduling';

const COLOR: Record<AppointmentStatus, string> = {
  booked: 'blue',
  checked_in: 'cyan',
  in_consultation: 'violet',
  completed: 'teal',
  cancelled: 'gray',
  no_show: 'orange',
};

export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLOR[status]}
      variant="light"
      tt="none"
      style={{ whiteSpace: 'nowrap' }}
      data-testid="appointment-status"
    >
      {t(`appointments.status.${status}`)}
    </Badge>
  );
}
