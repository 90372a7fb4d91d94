import { useTranslation } from 'react-i18next';
import type { Admission } from '../../../contracts/wards';
import { StatusBadge } from '../../components/StatusBadge';

/** In a bed now, or discharged. */
export function AdmissionStatusBadge({ status }: { status: Admission['status'] }) {
  const { t } = useTranslation();
  return (
    <StatusBadge
      color={status === 'active' ? 'blue' : 'gray'}
      label={t(`wards.admissions.status.${status}`)}
    />
  );
}
