import { Button } from '@mantine/core';
import { IconBed } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../lib/session';
import { AdmitDialog, type PatientRef } from './AdmitDialog';
import { useOpenAdmission } from './queries';

/**
 * On a patient's or a consultation's page: the patient's open admission (ward and bed, a link to
 * it), or a way to admit them. Nothing for those who may not admit.
 */
export function AdmitButton({ patient, consultationId }: { patient: PatientRef; consultationId?: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const allowed = can('admissions:manage');
  const open = useOpenAdmission(patient.id, allowed);
  const [admitting, setAdmitting] = useState(false);
  if (!allowed || open.isPending || open.isError) return null;
  if (open.data)
    return (
      <Button
        component={Link}
        to={`/app/admissions/${open.data.id}`}
        variant="light"
        color="blue"
        leftSection={<IconBed size={18} aria-hidden />}
      >
        {open.data.bed
          ? t('wards.admitButton.inBed', { ward: open.data.bed.wardName, bed: open.data.bed.bedLabel })
          : t('wards.admitButton.admitted')}
      </Button>
    );
  return (
    <>
      <Button
        variant="light"
        leftSection={<IconBed size={18} aria-hidden />}
        onClick={() => setAdmitting(true)}
      >
        {t('wards.admitButton.admit')}
      </Button>
      {admitting && (
        <AdmitDialog patient={patient} consultationId={consultationId} onClose={() => setAdmitting(false)} />
      )}
    </>
  );
}
