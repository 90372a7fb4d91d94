import { Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DoctorProfile } from '../../../contracts/organisation';
import { post } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { ConfirmButton } from '../../components/ConfirmButton';

/** Approve or reject (with a reason) a pending doctor; both ask first. */
export function DoctorDecision({ doctor }: { doctor: DoctorProfile }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const done = async (message: string) => {
    notifySuccess(message);
    await client.invalidateQueries({ queryKey: ['doctors'] });
    await client.invalidateQueries({ queryKey: ['dashboard'] });
  };
  return (
    <Group gap={6} wrap="nowrap">
      <ConfirmButton
        size="compact-sm"
        title={t('doctors.approveTitle', { name: doctor.fullName })}
        message={t('doctors.approveMessage', {
          name: doctor.fullName,
          specialty: doctor.specialty,
          registration: doctor.registrationNumber,
        })}
        confirmLabel={t('doctors.approve')}
        onConfirm={async () => {
          await post(`/api/doctors/${doctor.id}/approve`, {});
          await done(t('doctors.approved', { name: doctor.fullName }));
        }}
        aria-label={t('doctors.approveNamed', { name: doctor.fullName })}
      >
        {t('doctors.approve')}
      </ConfirmButton>
      <ConfirmButton
        size="compact-sm"
        variant="default"
        title={t('doctors.rejectTitle', { name: doctor.fullName })}
        message={t('doctors.rejectMessage')}
        reasonLabel={t('doctors.reason')}
        confirmLabel={t('doctors.reject')}
        destructive
        onConfirm={async (reason) => {
          await post(`/api/doctors/${doctor.id}/reject`, { reason });
          await done(t('doctors.rejected', { name: doctor.fullName }));
        }}
        aria-label={t('doctors.rejectNamed', { name: doctor.fullName })}
      >
        {t('doctors.reject')}
      </ConfirmButton>
    </Group>
  );
}
