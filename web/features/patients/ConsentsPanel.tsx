import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';
import { ConsentDecisions } from '../privacy/ConsentDecisions';
import { ConsentHistory } from '../privacy/ConsentHistory';
import { useConsents } from '../privacy/queries';
import { RecordConsentModal } from './RecordConsentModal';

/** The patient's consents on their record: the standing decisions, their history, and recording one given to staff. */
export function ConsentsPanel({ patientId, canRecord }: { patientId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const consents = useConsents(patientId);
  const [recording, setRecording] = useState(false);
  return (
    <Card data-testid="consents-panel">
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Title order={2} fz="h4">
            {t('consent.panel.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('consent.panel.description')}
          </Text>
        </Stack>
        {canRecord && (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setRecording(true)}
          >
            {t('consent.panel.record')}
          </Button>
        )}
      </Group>
      {consents.isPending && <TableSkeleton rows={4} />}
      {consents.isError && <LoadError error={consents.error} onRetry={() => void consents.refetch()} />}
      {consents.data && (
        <Stack gap="lg">
          <ConsentDecisions current={consents.data.current} />
          <div>
            <Title order={3} fz="h5" mb="xs">
              {t('consent.history.staffTitle')}
            </Title>
            <ConsentHistory history={consents.data.history} />
          </div>
        </Stack>
      )}
      {recording && <RecordConsentModal patientId={patientId} onClose={() => setRecording(false)} />}
    </Card>
  );
}
