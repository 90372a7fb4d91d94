import { Alert, Modal, NumberInput, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADJUSTMENT_REASONS, AdjustStock, type Batch, type LedgerEntry } from '../../../contracts/pharmacy';
import { post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { useFormat } from '../../lib/format';
import type { AdjustmentReason } from './ledger-reason';
import { refreshStock } from './queries';
import { FormActions } from '../../components/FormActions';

type Direction = 'remove' | 'add';
const DIRECTION_OF: Partial<Record<AdjustmentReason, Direction>> = {
  damaged: 'remove',
  lost: 'remove',
  found: 'add',
};

interface Values {
  reason: AdjustmentReason | '';
  direction: Direction;
  quantity: number | string;
  note: string;
}

/**
 * Corrects a batch by a number of units, up or down, with a reason. The change is asked as a
 * direction and a count (a phone keypad has no minus key) and sent signed.
 */
export function AdjustModal({ batch, onClose }: { batch: Batch | null; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { reason: '', direction: 'remove', quantity: '', note: '' },
  });
  const values = form.getValues();
  const quantity = typeof values.quantity === 'number' ? values.quantity : 0;
  const change = values.direction === 'remove' ? -quantity : quantity;

  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };

  const submit = form.onSubmit(async (v) => {
    if (!batch) return;
    setError(null);
    const body = validateWith(
      AdjustStock,
      {
        batchId: batch.id,
        change:
          typeof v.quantity === 'number' ? (v.direction === 'remove' ? -v.quantity : v.quantity) : undefined,
        reason: v.reason || undefined,
        note: v.note.trim() || undefined,
      },
      { setErrors: (e) => form.setErrors({ ...e, quantity: e.change }) },
    );
    if (!body) return;
    try {
      const entry = await post<LedgerEntry>('/api/stock/adjustments', body);
      await refreshStock(client);
      notifySuccess(t('adjust.done', { batch: batch.batchNumber, balance: f.number(entry.balanceAfter) }));
      close();
    } catch (err) {
      setError(applyServerErrors(form, err, { change: 'quantity' }));
    }
  });

  return (
    <Modal opened={!!batch} onClose={close} title={t('adjust.title')} centered>
      {batch && (
        <form noValidate onSubmit={submit}>
          <Stack>
            <Text size="sm">
              {t('adjust.batchLine', {
                medicine: batch.medicineName,
                batch: batch.batchNumber,
                store: batch.storeName,
                onHand: f.number(batch.onHand),
              })}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Select
              label={t('adjust.reason')}
              required
              data-autofocus
              data={ADJUSTMENT_REASONS.map((r) => ({ value: r, label: t(`adjustReasons.${r}`) }))}
              {...form.getInputProps('reason')}
              value={values.reason || null}
              onChange={(r) => {
                form.setFieldValue('reason', (r ?? '') as AdjustmentReason);
                const direction = r ? DIRECTION_OF[r as AdjustmentReason] : undefined;
                if (direction) form.setFieldValue('direction', direction);
              }}
            />
            <SegmentedControl
              fullWidth
              aria-label={t('adjust.direction')}
              data={[
                { value: 'remove', label: t('adjust.remove') },
                { value: 'add', label: t('adjust.add') },
              ]}
              {...form.getInputProps('direction')}
            />
            <NumberInput
              label={t('adjust.quantity')}
              required
              min={1}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('quantity')}
            />
            <Textarea
              label={t('adjust.note')}
              autosize
              minRows={2}
              maxLength={500}
              {...form.getInputProps('note')}
            />
            {quantity > 0 && (
              <Text size="sm" data-testid="adjust-preview">
                {t('adjust.preview', {
                  change: `${change > 0 ? '+' : '−'}${f.number(Math.abs(change))}`,
                  balance: f.number(batch.onHand + change),
                })}
              </Text>
            )}
            <FormActions onCancel={close} submitting={form.submitting} submitLabel={t('adjust.submit')} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
