import { Alert, Anchor, Button, Group, Image, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconDownload, IconExternalLink, IconFileDescription } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../contracts/documents';
import { ApiError, get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { errorMessage } from '../../lib/forms';

/** The file's bytes as a blob: URL for this page (revoked when the viewer closes). */
function useBlobUrl(id: string, enabled: boolean) {
  const [state, setState] = useState<{ url: string | null; error: unknown }>({ url: null, error: null });
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    let url: string | null = null;
    fetch(`/api/documents/${id}/download`, { credentials: 'same-origin', signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) {
          await res.body?.cancel().catch(() => undefined); // an unread body keeps its request open
          throw new ApiError(res.status, null, `The server answered ${res.status}.`);
        }
        url = URL.createObjectURL(await res.blob());
        setState({ url, error: null });
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ url: null, error });
      });
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
      setState({ url: null, error: null });
    };
  }, [id, enabled]);
  return state;
}

/**
 * Opens the prescription a patient uploaded with their order: an image is shown here; a PDF
 * opens in a new tab (the app's content policy keeps PDFs out of frames). Downloads as a file too.
 */
export function PrescriptionViewer({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [opened, setOpened] = useState(false);
  const info = useQuery({
    queryKey: ['document', documentId],
    queryFn: ({ signal }) => get<DocumentInfo>(`/api/documents/${documentId}`, undefined, signal),
  });
  const blob = useBlobUrl(documentId, opened);
  const doc = info.data;
  const name = doc ? (doc.title ?? doc.originalName) : '';

  return (
    <>
      <Group gap="xs" wrap="wrap">
        <Button
          variant="light"
          leftSection={<IconFileDescription size={16} aria-hidden />}
          onClick={() => setOpened(true)}
        >
          {t('orders.openPrescription')}
        </Button>
        {doc && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('orders.prescriptionFile', { name, date: f.dateTime(doc.createdAt) })}
          </Text>
        )}
      </Group>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={name || t('orders.prescription')}
        size="xl"
      >
        <Stack>
          {info.isError && <Alert color="red">{errorMessage(info.error)}</Alert>}
          {blob.error != null && <Alert color="red">{errorMessage(blob.error)}</Alert>}
          {!blob.url && blob.error == null && (
            <Loader role="status" aria-label={t('common.loading')} mx="auto" />
          )}
          {blob.url && doc?.contentType.startsWith('image/') && (
            <Image src={blob.url} alt={t('orders.prescriptionImage', { name })} fit="contain" mah="70vh" />
          )}
          {blob.url && doc?.contentType === 'application/pdf' && <Text size="sm">{t('orders.pdfHint')}</Text>}
          <Group gap="xs">
            {blob.url && (
              <Button
                component="a"
                href={blob.url}
                target="_blank"
                rel="noopener"
                variant={doc?.contentType === 'application/pdf' ? 'filled' : 'default'}
                leftSection={<IconExternalLink size={16} aria-hidden />}
              >
                {t('orders.openInTab')}
              </Button>
            )}
            <Anchor href={`/api/documents/${documentId}/download`} download size="sm">
              <Group gap={4} component="span">
                <IconDownload size={14} aria-hidden />
                {t('orders.download')}
              </Group>
            </Anchor>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
