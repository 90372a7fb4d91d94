import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from '../../../contracts/scheduling';
import { StatusBadge } from '../../components/StatusBadge';

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
    <StatusBadge
      color={COLOR[status]}
      label={t(`appointments.status.${status}`)}
      testId="appointment-status"
    />
  );
}
