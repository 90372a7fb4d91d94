import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { VisitList } from './VisitList';

/** The signed-in patient's consultations at every hospital. */
export default function MyVisitsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('visits.title')} description={t('visits.description')} />
      <VisitList path="/api/me/visits" />
    </>
  );
}
