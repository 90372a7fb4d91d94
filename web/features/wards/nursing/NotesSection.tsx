import { Badge, Button, Card, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NURSING_NOTE_KINDS, type NursingNote, type NursingNoteKind } from '../../../../contracts/nursing';
import { FormActions } from '../../../components/FormActions';
import { LoadError } from '../../../components/LoadError';
import { post } from '../../../lib/api';
import { applyServerErrors, notifySuccess } from '../../../lib/forms';
import { useFormat } from '../../../lib/format';
import { useNursingNotes, useRefreshPart } from './queries';

/**
 * The stay's nursing notes, oldest first, and a note to add. Notes are never edited: a mistake is
 * corrected by a new note that names it, and the corrected note is marked as such.
 */
export function NotesSection({ admissionId, canWrite }: { admissionId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const notes = useNursingNotes(admissionId);
  const [writing, setWriting] = useState<{ corrects: NursingNote | null } | null>(null);
  const items = notes.data?.items ?? [];

  return (
    <Card component="section" aria-labelledby="notes-title" data-testid="nursing-notes">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="h4" id="notes-title">
          {t('nursing.notes.title')}
        </Title>
        {canWrite && !writing && (
          <Button size="xs" variant="light" onClick={() => setWriting({ corrects: null })}>
            {t('nursing.notes.add')}
          </Button>
        )}
      </Group>
      <Stack>
        {notes.isError && <LoadError error={notes.error} onRetry={() => void notes.refetch()} />}
        {!notes.isError && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {notes.isPending ? t('common.loading') : t('nursing.notes.none')}
          </Text>
        )}
        {items.map((n) => (
          <NoteItem
            key={n.id}
            note={n}
            onCorrect={canWrite && !writing ? () => setWriting({ corrects: n }) : undefined}
          />
        ))}
        {writing && (
          <NoteForm admissionId={admissionId} corrects={writing.corrects} onDone={() => setWriting(null)} />
        )}
      </Stack>
    </Card>
  );
}

function NoteItem({ note, onCorrect }: { note: NursingNote; onCorrect?: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const corrected = note.correctedByNoteIds.length > 0;
  return (
    <Paper withBorder p="sm" data-testid="nursing-note" opacity={corrected ? 0.7 : 1}>
      <Group justify="space-between" gap="xs" mb={4}>
        <Group gap="xs">
          <Badge variant="light" color={note.kind === 'incident' ? 'red' : 'gray'}>
            {t(`nursing.notes.kinds.${note.kind}`)}
          </Badge>
          {note.correctsNoteId && <Badge variant="outline">{t('nursing.notes.correction')}</Badge>}
          {corrected && (
            <Badge variant="outline" color="orange">
              {t('nursing.notes.corrected')}
            </Badge>
          )}
        </Group>
        {onCorrect && !corrected && (
          <Button size="compact-xs" variant="subtle" onClick={onCorrect}>
            {t('nursing.notes.correct')}
          </Button>
        )}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {note.body}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {t('nursing.notes.written', { name: note.writtenBy.name, at: f.dateTime(note.writtenAt) })}
      </Text>
    </Paper>
  );
}

function NoteForm({
  admissionId,
  corrects,
  onDone,
}: {
  admissionId: string;
  corrects: NursingNote | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshPart(admissionId, 'notes');
  const [error, setError] = useState<string | null>(null);
  const form = useForm<{ kind: NursingNoteKind; body: string }>({
    initialValues: { kind: corrects?.kind ?? 'observation', body: corrects?.body ?? '' },
    validate: { body: (v) => (v.trim() ? null : t('nursing.notes.bodyRequired')) },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await post<NursingNote>(`/api/wards/admissions/${admissionId}/notes`, {
        kind: v.kind,
        body: v.body,
        ...(corrects ? { correctsNoteId: corrects.id } : {}),
      });
      await refresh();
      notifySuccess(t('nursing.notes.saved'));
      onDone();
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Paper withBorder p="sm">
        <Stack gap="sm">
          {corrects && <Text size="sm">{t('nursing.notes.correcting')}</Text>}
          <Select
            label={t('nursing.notes.kind')}
            data={NURSING_NOTE_KINDS.map((k) => ({ value: k, label: t(`nursing.notes.kinds.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <Textarea
            label={t('nursing.notes.body')}
            autosize
            minRows={3}
            maxLength={4000}
            {...form.getInputProps('body')}
          />
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <FormActions onCancel={onDone} submitting={form.submitting} submitLabel={t('nursing.notes.save')} />
        </Stack>
      </Paper>
    </form>
  );
}
