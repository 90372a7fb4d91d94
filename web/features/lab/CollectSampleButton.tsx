import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTestPipe } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import { post } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';
import { refreshLabOrders } from './order-queries';

/** "Collect sample" for one test, and its dialog: what to label, an optional note, and confirm. */
export function CollectSampleButton({ order, item }: { order: LabOrder; item: LabOrderItem }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await post<LabOrder>(`/api/lab/orders/${order.id}/items/${item.id}/collect`, {
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      await refreshLabOrders(client, next);
      close();
      setNote('');
      notifySuccess(t('labOrders.collectedDone', { code: item.code }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="xs"
        leftSection={<IconTestPipe size={14} aria-hidden />}
        onClick={open}
        aria-label={t('labOrders.collectOf', { name: item.name })}
      >
        {t('labOrders.collect')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('labOrders.collectTitle', { code: item.code, accession: item.accession })}
        centered
      >
        <Stack>
          <Text size="sm">
            {t('labOrders.collectMessage', {
              sample: t(`sampleTypes.${item.sampleType}`).toLowerCase(),
              accession: item.accession,
            })}{' '}
            {t('labOrders.reportDue', { count: item.turnaroundHours })}
          </Text>
          {item.instructions && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {item.instructions}
            </Text>
          )}
          <Textarea
            label={t('labOrders.collectNote')}
            description={t('labOrders.collectNoteHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
          />
          {error && (
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('actions.cancel')}
            </Button>
            <Button loading={busy} onClick={() => void submit()}>
              {t('labOrders.collectConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
