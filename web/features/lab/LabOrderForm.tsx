import { Alert, Button, Group, Radio, Stack, Textarea } from '@mantine/core';
import { IconTestPipe } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabOrder, LabPriority } from '../../../contracts/lab-orders';
import i18n from '../../i18n';
import { ApiError, post } from '../../lib/api';
import { errorMessage } from '../../lib/forms';
import { outcomeUnknown, useIdempotencyKey } from '../../lib/idempotency';
import { LabTestPicker } from './LabTestPicker';
import { toCreateLabOrder } from './lab-orders';
import { refreshLabOrders } from './order-queries';

interface Props {
  /** The patient chosen, or null while none is (then `onNoPatient` is told on submit). */
  patientId: string | null;
  onNoPatient?: () => void;
  /** The consultation it is ordered from; none for a walk-in. */
  consultationId?: string;
  onCreated: (order: LabOrder) => void | Promise<void>;
  /** Whether the form holds something not yet sent (for a guard against leaving). */
  onDirty?: (dirty: boolean) => void;
}

/** Why an order was refused, in words: a chosen test taken out of use meanwhile is the likely one. */
function refusal(err: unknown): string {
  if (err instanceof ApiError && err.code === 'RULE_VIOLATION') return i18n.t('labOrders.testOutOfUse');
  return errorMessage(err);
}

/** Tests, priority and a clinical note, sent as one new order (once, whatever the retries). */
export function LabOrderForm({ patientId, onNoPatient, consultationId, onCreated, onDirty }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key, renewKey] = useIdempotencyKey();
  const [testIds, setTestIdsState] = useState<string[]>([]);
  const [priority, setPriority] = useState<LabPriority>('routine');
  const [note, setNote] = useState('');
  const [testsError, setTestsError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setTestIds = (ids: string[]) => {
    setTestIdsState(ids);
    setTestsError(null);
    onDirty?.(ids.length > 0);
  };

  const submit = async () => {
    setError(null);
    const noTests = testIds.length === 0;
    setTestsError(noTests ? t('labOrders.testsRequired') : null);
    if (!patientId) onNoPatient?.();
    if (noTests || !patientId) return;
    // Not "unsaved" while it is being sent: the page moves on to the new order once it is made.
    onDirty?.(false);
    setBusy(true);
    try {
      const order = await post<LabOrder>(
        '/api/lab/orders',
        toCreateLabOrder({ patientId, consultationId, testIds, priority, clinicalNote: note }, key),
      );
      renewKey();
      setTestIdsState([]);
      setPriority('routine');
      setNote('');
      await refreshLabOrders(client, order);
      await onCreated(order);
    } catch (err) {
      if (!outcomeUnknown(err)) renewKey();
      onDirty?.(true);
      setError(refusal(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <LabTestPicker value={testIds} onChange={setTestIds} error={testsError} />
      <Radio.Group
        label={t('labOrders.priorityLabel')}
        value={priority}
        onChange={(v) => setPriority(v as LabPriority)}
      >
        <Group gap="lg" mt={6}>
          <Radio value="routine" label={t('labOrders.routine')} />
          <Radio value="urgent" label={t('labOrders.urgent')} color="red" />
        </Group>
      </Radio.Group>
      <Textarea
        label={t('labOrders.noteLabel')}
        description={t('labOrders.noteHint')}
        autosize
        minRows={2}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button
          onClick={() => void submit()}
          loading={busy}
          leftSection={<IconTestPipe size={16} aria-hidden />}
          data-testid="place-lab-order"
        >
          {t('labOrders.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
