import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Medicine } from '../../../contracts/pharmacy';
import { RETURN_REASONS, type ReturnReason, type SupplierReturn } from '../../../contracts/procurement';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { errorMessage, notifySuccess } from '../../lib/forms';
import { outcomeUnknown, useIdempotencyKey } from '../../lib/idempotency';
import { refreshStockFigures } from '../dispensing/medicine';
import { MedicinePicker } from '../inventory/MedicinePicker';
import { useBatches } from '../inventory/queries';
import { useActiveSuppliers } from './queries';

/** Stock going back to its supplier: one batch, how many units, and why. */
export default function NewSupplierReturnPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const client = useQueryClient();
  const suppliers = useActiveSuppliers();
  const [key, renewKey] = useIdempotencyKey();
  const [supplierId, setSupplierId] = useState<string | null>(null);
  const [medicine, setMedicine] = useState<Medicine | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [units, setUnits] = useState<number | string>('');
  const [reason, setReason] = useState<ReturnReason>('damaged');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const batches = useBatches(medicine?.id ?? '', !!medicine);
  const usable = (batches.data ?? []).filter((b) => b.onHand - b.reserved > 0);
  const batch = usable.find((b) => b.id === batchId);
  const max = batch ? batch.onHand - batch.reserved : undefined;

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!supplierId) missing.supplierId = t('fieldErrors.required');
    if (!medicine) missing.medicine = t('fieldErrors.required');
    if (!batchId) missing.batchId = t('fieldErrors.required');
    if (typeof units !== 'number' || units < 1) missing.units = t('fieldErrors.atLeast', { limit: '1' });
    else if (max !== undefined && units > max)
      missing.units = t('fieldErrors.atMost', { limit: f.number(max) });
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setError(null);
    try {
      const made = await post<SupplierReturn>('/api/supplier-returns', {
        idempotencyKey: key,
        supplierId,
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
        lines: [{ batchId, units }],
      });
      renewKey();
      await Promise.all([
        refreshStockFigures(client),
        client.invalidateQueries({ queryKey: ['supplier-returns'] }),
      ]);
      notifySuccess(
        t('supplierReturns.done', { units: f.number(units as number), supplier: made.supplierName }),
      );
      void navigate('/app/supplier-returns');
    } catch (err) {
      if (!outcomeUnknown(err)) renewKey();
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/supplier-returns" size="sm">
          {t('supplierReturns.title')}
        </Anchor>
        <span>{t('supplierReturns.new')}</span>
      </Breadcrumbs>
      <PageHeader title={t('supplierReturns.newTitle')} description={t('supplierReturns.newDescription')} />
      <Card>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {suppliers.isError && (
            <LoadError error={suppliers.error} onRetry={() => void suppliers.refetch()} />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('supplierReturns.supplier')}
              required
              searchable
              data={(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={supplierId}
              onChange={setSupplierId}
              error={errors.supplierId}
            />
            <Select
              label={t('supplierReturns.reason')}
              required
              allowDeselect={false}
              data={RETURN_REASONS.map((r) => ({ value: r, label: t(`supplierReturns.reasons.${r}`) }))}
              value={reason}
              onChange={(v) => v && setReason(v as ReturnReason)}
            />
          </SimpleGrid>
          <MedicinePicker
            label={t('supplierReturns.medicine')}
            value={medicine}
            onChange={(m) => {
              setMedicine(m);
              setBatchId(null);
            }}
            error={errors.medicine}
          />
          {medicine && batches.isError && (
            <LoadError error={batches.error} onRetry={() => void batches.refetch()} />
          )}
          {medicine && batches.data && usable.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('supplierReturns.noBatches')}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('supplierReturns.batch')}
              required
              disabled={!medicine || usable.length === 0}
              data={usable.map((b) => ({
                value: b.id,
                label: t('supplierReturns.batchOption', {
                  batch: b.batchNumber,
                  store: b.storeName,
                  onHand: f.number(b.onHand - b.reserved),
                  expiry: f.date(b.expiryDate),
                }),
              }))}
              value={batchId}
              onChange={setBatchId}
              error={errors.batchId}
            />
            <NumberInput
              label={t('supplierReturns.units')}
              description={
                max !== undefined ? t('supplierReturns.unitsMax', { max: f.number(max) }) : undefined
              }
              required
              min={1}
              max={max}
              allowDecimal={false}
              allowNegative={false}
              value={units}
              onChange={setUnits}
              error={errors.units}
            />
          </SimpleGrid>
          <Textarea
            label={t('supplierReturns.note')}
            autosize
            minRows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button onClick={() => void submit()} loading={busy}>
              {t('supplierReturns.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}
