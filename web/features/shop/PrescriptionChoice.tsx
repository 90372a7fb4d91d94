import { Alert, Button, FileInput, Group, Radio, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../contracts/documents';
import { ApiError, upload } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { errorMessage } from '../../lib/forms';
import { usePrescriptionDocuments } from './queries';

function uploadError(err: unknown, t: (k: 'documents.wrongType' | 'documents.tooLarge') => string): string {
  if (err instanceof ApiError && err.status === 415) return t('documents.wrongType');
  if (err instanceof ApiError && err.status === 413) return t('documents.tooLarge');
  return errorMessage(err);
}

/**
 * The prescription sent with an order: one uploaded before, or a new upload (PDF, JPEG or PNG,
 * kept with the patient's documents as a prescription).
 */
export function PrescriptionChoice({
  patientId,
  value,
  onChange,
  error,
}: {
  patientId: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const docs = usePrescriptionDocuments(patientId);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploadErr, setUploadErr] = useState<string | null>(null);
  const active = (docs.data?.pages ?? []).flatMap((p) => p.items).filter((d) => d.status === 'active');

  const send = async () => {
    if (!file) return;
    const form = new FormData();
    form.set('kind', 'prescription');
    form.set('file', file, file.name);
    setBusy(true);
    setUploadErr(null);
    try {
      const doc = await upload<DocumentInfo>(`/api/patients/${patientId}/documents`, form);
      setFile(null);
      await client.invalidateQueries({ queryKey: ['patient', patientId, 'documents'] });
      onChange(doc.id);
    } catch (err) {
      setUploadErr(uploadError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm">{t('cart.prescriptionHint')}</Text>
      {active.length > 0 && (
        <Radio.Group label={t('cart.chooseUploaded')} value={value} onChange={onChange} error={error}>
          <Stack gap="xs" mt="xs">
            {active.map((d) => (
              <Radio
                key={d.id}
                value={d.id}
                label={d.title ?? d.originalName}
                description={t('cart.uploadedOn', { date: f.dateTime(d.createdAt) })}
                styles={{ label: { overflowWrap: 'anywhere' } }}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {docs.hasNextPage && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => void docs.fetchNextPage()}
            loading={docs.isFetchingNextPage}
          >
            {t('cart.olderPrescriptions')}
          </Button>
        </Group>
      )}
      <Group align="flex-end" gap="xs" wrap="wrap">
        <FileInput
          label={active.length > 0 ? t('cart.orUpload') : t('cart.upload')}
          placeholder={t('documents.filePlaceholder')}
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          value={file}
          onChange={(v) => {
            setFile(v);
            setUploadErr(null);
          }}
          clearable
          error={active.length === 0 ? error : null}
          style={{ flex: '1 1 14rem' }}
        />
        <Button
          variant="light"
          onClick={() => void send()}
          loading={busy}
          disabled={!file}
          leftSection={<IconUpload size={16} aria-hidden />}
        >
          {t('cart.uploadButton')}
        </Button>
      </Group>
      {uploadErr && (
        <Alert color="red" role="alert">
          {uploadErr}
        </Alert>
      )}
    </Stack>
  );
}
