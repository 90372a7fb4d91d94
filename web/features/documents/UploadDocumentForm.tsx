import { Alert, Button, FileInput, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS, type DocumentInfo, type DocumentKind } from '../../../contracts/documents';
import { ApiError, upload } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';
import i18n from '../../i18n';

/** What to tell the person when an upload is refused: wrong kind of file and too large in plain words. */
function uploadError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 415) return i18n.t('documents.wrongType');
    if (err.status === 413) return i18n.t('documents.tooLarge');
  }
  return errorMessage(err);
}

/** Picks a file, its kind and an optional title, and sends them as multipart/form-data. */
export function UploadDocumentForm({
  patientId,
  onUploaded,
}: {
  patientId: string;
  onUploaded: (doc: DocumentInfo) => Promise<void> | void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DocumentKind>('other');
  const [title, setTitle] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    if (!file) {
      setFileError(t('documents.fileRequired'));
      return;
    }
    const form = new FormData();
    form.set('kind', kind);
    if (title.trim()) form.set('title', title.trim());
    form.set('file', file, file.name);
    setBusy(true);
    try {
      const doc = await upload<DocumentInfo>(`/api/patients/${patientId}/documents`, form);
      notifySuccess(t('documents.uploaded_ok'));
      setFile(null);
      setTitle('');
      await onUploaded(doc);
    } catch (err) {
      setError(uploadError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      aria-label={t('documents.uploadTitle')}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <FileInput
            label={t('documents.file')}
            placeholder={t('documents.filePlaceholder')}
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            value={file}
            onChange={(f) => {
              setFile(f);
              setFileError(null);
              setError(null);
            }}
            error={fileError}
            clearable
            required
          />
          <Select
            label={t('documents.kind')}
            data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as DocumentKind)}
            allowDeselect={false}
          />
          <TextInput
            label={t('documents.documentTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={200}
          />
        </SimpleGrid>
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy} leftSection={<IconUpload size={16} aria-hidden />}>
            {t('documents.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
