import {
  Alert,
  Button,
  DataList,
  Group,
  List,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RefuseErasureBody, type ErasureRequest } from '../../../contracts/privacy';
import { ApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { applyServerErrors, errorMessage, notifySuccess, validateWith } from '../../lib/forms';
import { ErasureStatusBadge } from './ConsentBadges';
import { confirmsWith, erasedRows } from './privacy';
import { useErasureAction, useErasureRequest } from './queries';

const wrap = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

/**
 * One erasure request for the hospital admin: who asked, when and why, and the decision. A pending
 * one is completed (after the admin types the confirming word, the patient named on the button)
 * or refused with a note the patient reads; a completed one says what was erased.
 */
export function ErasureRequestModal({ request, onClose }: { request: ErasureRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useErasureRequest(request.id, request);
  const r = detail.data ?? request;
  const [mode, setMode] = useState<'view' | 'complete' | 'refuse'>('view');
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('erasureRequests.detailTitle', { name: r.patient.name })}
      centered
      size="lg"
    >
      {mode === 'view' && <RequestFacts request={r} onAct={setMode} />}
      {mode === 'complete' && <CompleteForm request={r} onBack={() => setMode('view')} />}
      {mode === 'refuse' && <RefuseForm request={r} onBack={() => setMode('view')} />}
    </Modal>
  );
}

function RequestFacts({
  request: r,
  onAct,
}: {
  request: ErasureRequest;
  onAct: (mode: 'complete' | 'refuse') => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows: [string, ReactNode][] = [
    [t('erasureRequests.patient'), r.patient.name],
    [t('erasureRequests.mrn'), r.patient.mrn ?? '—'],
    [t('erasureRequests.requestedAt'), f.dateTime(r.requestedAt)],
    [t('common.status'), <ErasureStatusBadge key="s" status={r.status} />],
    [
      t('erasureRequests.reason'),
      r.reason ? (
        <Text key="r" size="sm" style={wrap}>
          {r.reason}
        </Text>
      ) : (
        t('erasureRequests.noReason')
      ),
    ],
  ];
  if (r.decidedAt) rows.push([t('erasureRequests.decidedAt'), f.dateTime(r.decidedAt)]);
  if (r.decidedByName) rows.push([t('erasureRequests.decidedBy'), r.decidedByName]);
  if (r.decisionNote)
    rows.push([
      t('erasureRequests.note'),
      <Text key="n" size="sm" style={wrap}>
        {r.decisionNote}
      </Text>,
    ]);
  const erased = erasedRows(r.erased);
  return (
    <Stack>
      <DataList orientation="horizontal" data-testid="erasure-facts">
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue style={{ minWidth: 0 }}>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      {r.status === 'completed' && (
        <div data-testid="erased-counts">
          <Title order={3} fz="h5" mb="xs">
            {t('erasureRequests.erasedTitle')}
          </Title>
          {erased.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('erasureRequests.erasedNone')}
            </Text>
          ) : (
            <List size="sm" spacing={2}>
              {erased.map((e) => (
                <List.Item key={e.kind}>
                  {e.label}: {f.number(e.count)}
                </List.Item>
              ))}
            </List>
          )}
        </div>
      )}
      {r.status === 'pending' && (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onAct('refuse')}>
            {t('erasureRequests.refuse')}
          </Button>
          <Button color="red" onClick={() => onAct('complete')}>
            {t('erasureRequests.complete')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The failure of a decision: PATIENT_IN_CARE under its own title, anything else by its code. */
function DecisionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const inCare = error instanceof ApiError && error.code === 'PATIENT_IN_CARE';
  return (
    <Alert
      color={inCare ? 'orange' : 'red'}
      role="alert"
      title={inCare ? t('erasureRequests.inCare') : undefined}
      data-testid="erasure-error"
    >
      {errorMessage(error)}
    </Alert>
  );
}

function CompleteForm({ request: r, onBack }: { request: ErasureRequest; onBack: () => void }) {
  const { t } = useTranslation();
  const act = useErasureAction();
  const word = t('erasureRequests.confirmWord');
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    if (!confirmsWith(typed, word)) return;
    setBusy(true);
    setError(null);
    try {
      await act(r.id, 'complete', { note: note.trim() });
      notifySuccess(t('erasureRequests.completed'));
      // Back to the request, which now says what was erased.
      onBack();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        {error !== null && <DecisionError error={error} />}
        <Alert color="red" title={t('erasureRequests.completeTitle', { name: r.patient.name })}>
          <Text size="sm">{t('erasureRequests.completeExplain')}</Text>
        </Alert>
        <TextInput
          label={t('erasureRequests.typeToConfirm', { word })}
          description={t('erasureRequests.typeToConfirmHint', {
            name: r.patient.name,
            mrn: r.patient.mrn ?? '—',
          })}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          required
          data-autofocus
        />
        <Textarea
          label={t('erasureRequests.completeNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={1000}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack} disabled={busy}>
            {t('erasureRequests.back')}
          </Button>
          <Button
            type="submit"
            color="red"
            loading={busy}
            disabled={!confirmsWith(typed, word)}
            // The patient's name may be long: the label wraps rather than run out of a phone's dialog.
            h="auto"
            mih={36}
            py={6}
            styles={{ label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'center' } }}
          >
            {t('erasureRequests.completeSubmit', { name: r.patient.name })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RefuseForm({ request: r, onBack }: { request: ErasureRequest; onBack: () => void }) {
  const { t } = useTranslation();
  const act = useErasureAction();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { note: '' } });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(RefuseErasureBody, values, form);
    if (!body) return;
    try {
      await act(r.id, 'refuse', body);
      notifySuccess(t('erasureRequests.refused'));
      onBack();
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Text size="sm" fw={500}>
          {t('erasureRequests.refuseTitle', { name: r.patient.name })}
        </Text>
        <Text size="sm">{t('erasureRequests.refuseExplain')}</Text>
        <Textarea
          label={t('erasureRequests.refuseNote')}
          required
          autosize
          minRows={3}
          maxLength={1000}
          data-autofocus
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack} disabled={form.submitting}>
            {t('erasureRequests.back')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t('erasureRequests.refuseSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
