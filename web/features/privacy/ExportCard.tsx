import { Button, Card, Group, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../lib/download';
import { notifyError, notifySuccess } from '../../lib/forms';

/** Everything the installation holds about the patient, saved as one JSON file under the server's name. */
export function ExportCard({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(`/api/patients/${patientId}/export`, undefined, 'hospitium-export.json');
      notifySuccess(t('privacy.export.done'));
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card data-testid="my-data-export">
      <Title order={2} fz="h4" mb={4}>
        {t('privacy.export.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('privacy.export.body')}
      </Text>
      <Group>
        <Button
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
          loading={busy}
          onClick={() => void download()}
        >
          {t('privacy.export.button')}
        </Button>
      </Group>
    </Card>
  );
}
