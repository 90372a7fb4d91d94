import { Anchor, Breadcrumbs } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { DetailSkeleton } from '../../components/Skeletons';
import { isMissing } from '../../lib/api';
import { ClosedConsultation } from './ClosedConsultation';
import { AllergiesCard, ConsultationHeader } from './ConsultationHeader';
import { OpenConsultation } from './OpenConsultation';
import { useConsultation } from './queries';

/** The consultation screen: vitals, notes, diagnoses and prescription; closed, the record and addenda. */
export default function ConsultationPage() {
  const { id = '' } = useParams();
  const consultation = useConsultation(id);

  if (consultation.isPending) return <DetailSkeleton />;
  if (consultation.isError) {
    if (isMissing(consultation.error)) return <NotFound home="/app/consultations" />;
    return <LoadError error={consultation.error} onRetry={() => void consultation.refetch()} />;
  }
  const c = consultation.data;
  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to={`/app/patients/${c.patientId}`} size="sm">
          {c.patientName}
        </Anchor>
      </Breadcrumbs>
      <ConsultationHeader c={c} />
      <AllergiesCard c={c} />
      {c.canEdit ? <OpenConsultation key={c.id} c={c} /> : <ClosedConsultation c={c} />}
    </>
  );
}
