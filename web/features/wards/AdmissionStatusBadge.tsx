import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Admission } from '../../../contracts/wards';

/** In a bed now, or discharged. */
export function AdmissionStatusBadge({ status }: { status: Admission['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={status === 'active' ? 'blue' : 'gray'} tt="none">
      {t(`wards.admissions.status.${status}`)}
    </Badge>
  );
}
