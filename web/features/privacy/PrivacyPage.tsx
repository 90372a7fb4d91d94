import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { usePatient } from '../patients/queries';
import { ErasureCard } from './ErasureCard';
import { ExportCard } from './ExportCard';
import { MyConsentsCard } from './MyConsentsCard';

/** The patient's privacy: their consents, a copy of all their data, and a request to erase it (product §17). */
export default function PrivacyPage() {
  const { t } = useTranslation();
  // The patient's own record ("me"), for its id: consents and the export are asked of it.
  const record = usePatient('me');
  return (
    <>
      <PageHeader title={t('privacy.title')} description={t('privacy.description')} />
      {record.isPending && <DetailSkeleton />}
      {record.isError && <LoadError error={record.error} onRetry={() => void record.refetch()} />}
      {record.data && (
        <Stack gap="lg" maw={960}>
          <MyConsentsCard patientId={record.data.id} />
          <ExportCard patientId={record.data.id} />
          <ErasureCard />
        </Stack>
      )}
    </>
  );
}
