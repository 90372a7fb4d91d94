import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RequestErasureBody, type ErasureRequest } from '../../../contracts/privacy';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { applyServerErrors, notifyError, notifySuccess, validateWith } from '../../lib/forms';
import { ErasureStatusBadge } from './ConsentBadges';
import { pendingOf } from './privacy';
import { useErasureAction, useMyErasureRequests } from './queries';

const wrap = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;
const EFFECTS = ['account', 'identity', 'kept', 'final'] as const;

/**
 * The patient's request to erase their data: what erasure does and keeps, said before the form;
 * the form (a reason if they like, and an explicit confirmation); their requests with the
 * hospital's answer, and Cancel while one waits.
 */
export function ErasureCard() {
  const { t } = useTranslation();
  const requests = useMyErasureRequests();
  const pending = pendingOf(requests.data?.items ?? []);
  return (
    <Card data-testid="my-erasure">
      <Title order={2} fz="h4" mb={4}>
        {t('privacy.erasure.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('privacy.erasure.body')}
      </Text>
      <List size="sm" spacing={4} mb="xs" data-testid="erasure-effects">
        {EFFECTS.map((e) => (
          <List.Item key={e}>{t(`privacy.erasure.effects.${e}`)}</List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed" mb="md">
        {t('privacy.erasure.exportFirst')}
      </Text>
      {requests.isPending && <TableSkeleton rows={2} />}
      {requests.isError && <LoadError error={requests.error} onRetry={() => void requests.refetch()} />}
      {requests.data &&
        (pending ? (
          <Alert color="yellow" mb="md" data-testid="erasure-pending">
            {t('privacy.erasure.pendingNote')}
          </Alert>
        ) : (
          <ErasureForm />
        ))}
      {requests.data && requests.data.items.length > 0 && (
        <>
          <Title order={3} fz="h5" mt="lg" mb="xs">
            {t('privacy.erasure.requestsTitle')}
          </Title>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {requests.data.items.map((r) => (
              <MyRequest key={r.id} request={r} />
            ))}
          </Stack>
        </>
      )}
    </Card>
  );
}

function ErasureForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { reason: '', confirmed: false },
    validate: { confirmed: (v) => (v ? null : t('privacy.erasure.confirmRequired')) },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(RequestErasureBody, { reason: values.reason }, form);
    if (!body) return;
    setBusy(true);
    try {
      const made = await post<ErasureRequest>('/api/erasure-requests', body);
      if (made.status === 'completed') {
        // Registered at no hospital, nothing is kept: erased at once, and the account is closed.
        notifySuccess(t('privacy.erasure.completedNow'));
        client.clear();
        await navigate('/sign-in', { replace: true });
        return;
      }
      form.reset();
      notifySuccess(t('privacy.erasure.requested'));
      await client.invalidateQueries({ queryKey: ['erasure-requests'] });
    } catch (err) {
      setError(applyServerErrors(form, err));
      // ERASURE_PENDING: one asked for elsewhere (another tab) shows once read again.
      await client.invalidateQueries({ queryKey: ['erasure-requests'] });
    } finally {
      setBusy(false);
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack maw={640}>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Textarea
          label={t('privacy.erasure.reason')}
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('reason')}
        />
        <Checkbox
          label={t('privacy.erasure.confirm')}
          {...form.getInputProps('confirmed', { type: 'checkbox' })}
        />
        <Group>
          <Button type="submit" color="red" loading={busy}>
            {t('privacy.erasure.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One of the patient's requests: when, their reason, the decision and the hospital's note. */
function MyRequest({ request: r }: { request: ErasureRequest }) {
  const { t } = useTranslation();
  const f = useFormat();
  const act = useErasureAction();
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    try {
      await act(r.id, 'cancel');
      notifySuccess(t('privacy.erasure.cancelled'));
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper component="li" withBorder p="sm" data-testid="my-erasure-request">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={500}>
            {t('privacy.erasure.requestedAt', { when: f.dateTime(r.requestedAt) })}
          </Text>
          <ErasureStatusBadge status={r.status} />
        </Group>
        {r.reason && (
          <Text size="sm" c="dimmed" style={wrap}>
            {t('privacy.erasure.yourReason', { reason: r.reason })}
          </Text>
        )}
        {r.decidedAt && (
          <Text size="sm" c="dimmed">
            {t('privacy.erasure.decidedAt', { when: f.dateTime(r.decidedAt) })}
          </Text>
        )}
        {r.decisionNote && (
          <Alert
            color={r.status === 'refused' ? 'red' : 'gray'}
            title={t('privacy.erasure.hospitalNote')}
            data-testid="erasure-decision-note"
          >
            <Text size="sm" style={wrap}>
              {r.decisionNote}
            </Text>
          </Alert>
        )}
        {r.status === 'pending' && (
          // Cancelling loses nothing (the patient may ask again), so it does not ask first.
          <Group>
            <Button size="xs" variant="default" loading={busy} onClick={() => void cancel()}>
              {t('privacy.erasure.cancel')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
