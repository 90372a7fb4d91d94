import { Badge, Button, Card, Divider, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconFiles } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS, type DocumentInfo, type DocumentKind } from '../../../contracts/documents';
import { get, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { ConfirmButton } from '../../components/ConfirmButton';
import type { Column } from '../../components/DataTable';
import { UploadDocumentForm } from './UploadDocumentForm';
import { PagedList } from '../../components/PagedList';

const PAGE = 20;
type DocumentList = { items: DocumentInfo[]; total: number; limit: number; offset: number };

/** A size people read: kB below one megabyte, MB above. */
function useSize() {
  const { t } = useTranslation();
  return (bytes: number) =>
    bytes < 1024 * 1024
      ? t('documents.sizeKb', { size: Math.max(1, Math.round(bytes / 1024)) })
      : t('documents.sizeMb', { size: (bytes / (1024 * 1024)).toFixed(1) });
}

/**
 * A patient's documents: list with a kind filter, download, upload and withdraw. Used on the
 * staff patient page and on the patient's own record; who may upload and withdraw is the caller's.
 */
export function DocumentsPanel({
  patientId,
  canUpload,
  canWithdraw,
}: {
  patientId: string;
  canUpload: boolean;
  /** Whether this reader may withdraw this document (the side that uploaded it). */
  canWithdraw: (doc: DocumentInfo) => boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const size = useSize();
  const client = useQueryClient();
  const [kind, setKind] = useState<DocumentKind | null>(null);
  const [page, setPage] = useState(1);
  const key = ['patient', patientId, 'documents'] as const;
  const docs = useQuery({
    queryKey: [...key, kind, page],
    queryFn: ({ signal }) =>
      get<DocumentList>(
        `/api/patients/${patientId}/documents`,
        { kind, limit: PAGE, offset: (page - 1) * PAGE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const nameOf = (d: DocumentInfo) => d.title ?? d.originalName;

  const columns: Column<DocumentInfo>[] = [
    {
      key: 'name',
      header: t('documents.name'),
      cell: (d) => (
        <div>
          <Group gap={6} wrap="nowrap">
            <Text
              size="sm"
              fw={500}
              style={{ overflowWrap: 'anywhere' }}
              td={d.status === 'withdrawn' ? 'line-through' : undefined}
            >
              {nameOf(d)}
            </Text>
            {d.status === 'withdrawn' && (
              <Badge size="sm" color="gray" variant="outline">
                {t('documents.withdrawnBadge')}
              </Badge>
            )}
          </Group>
          {d.title && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {d.originalName}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'kind',
      header: t('documents.kind'),
      cell: (d) => (
        <Badge variant="light" tt="none">
          {t(`documents.kinds.${d.kind}`)}
        </Badge>
      ),
    },
    { key: 'size', header: t('documents.size'), cell: (d) => <Text size="sm">{size(d.sizeBytes)}</Text> },
    {
      key: 'uploaded',
      header: t('documents.uploaded'),
      cell: (d) => (
        <div>
          <Text size="sm">{f.dateTime(d.createdAt)}</Text>
          {d.uploadedByName && (
            <Text size="xs" c="dimmed">
              {d.uploadedByName}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (d) => (
        <Group gap="xs" wrap="wrap">
          <Button
            component="a"
            // A plain link: the session cookie authorises it and the server sends it as an attachment.
            href={`/api/documents/${d.id}/download`}
            download
            size="compact-sm"
            variant="light"
            leftSection={<IconDownload size={14} aria-hidden />}
            aria-label={t('documents.downloadLabel', { name: nameOf(d) })}
          >
            {t('documents.download')}
          </Button>
          {d.status === 'active' && canWithdraw(d) && (
            <ConfirmButton
              size="compact-sm"
              variant="subtle"
              color="red"
              aria-label={t('documents.withdrawLabel', { name: nameOf(d) })}
              title={t('documents.withdrawTitle')}
              message={t('documents.withdrawMessage', { name: nameOf(d) })}
              confirmLabel={t('documents.withdraw')}
              destructive
              onConfirm={async () => {
                await post(`/api/documents/${d.id}/withdraw`);
                notifySuccess(t('documents.withdrawn'));
                await refresh();
              }}
            >
              {t('documents.withdraw')}
            </ConfirmButton>
          )}
        </Group>
      ),
    },
  ];

  return (
    <Card>
      <Stack gap={4} mb="md">
        <Title order={2} fz="h4">
          {t('documents.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('documents.description')}
        </Text>
      </Stack>
      {canUpload && (
        <>
          <UploadDocumentForm
            patientId={patientId}
            onUploaded={async () => {
              setPage(1);
              await refresh();
            }}
          />
          <Divider my="md" />
        </>
      )}
      <Select
        label={t('documents.filterKind')}
        placeholder={t('documents.anyKind')}
        data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
        value={kind}
        onChange={(v) => {
          setKind(v as DocumentKind | null);
          setPage(1);
        }}
        clearable
        maw={260}
        mb="md"
      />
      <PagedList
        query={docs}
        columns={columns}
        caption={t('documents.title')}
        page={page}
        pageSize={PAGE}
        onPage={setPage}
        skeletonRows={3}
        empty={{
          icon: <IconFiles size={28} aria-hidden />,
          title: t('documents.emptyTitle'),
          description: t('documents.emptyBody'),
        }}
      />
    </Card>
  );
}
