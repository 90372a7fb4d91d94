import { NumberInput, Text, Textarea, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WardCharge } from '../../../contracts/ward-charges';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { applyServerErrors, notifySuccess } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import type { PricedService } from '../billing/queries';
import { ServiceSearch } from '../billing/ServiceSearch';
import { admissionKey } from './queries';
import { WardDialog } from './WardDialog';

/**
 * Sends a ward-charge change from a dialog: busy while it runs, then the stay's charges and its
 * running bill read again and the dialog closed; a refusal is shown in the dialog.
 */
function useChargeSubmit<T>(admissionId: string, form: UseFormReturnType<T>, onClose: () => void) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (send: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await send();
      // Under the admission's key: the list of charges and the stay's bill both change.
      await client.invalidateQueries({ queryKey: admissionKey(admissionId) });
      notifySuccess(done);
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * Charges a service from the price list given on the stay, at its price now. One key per opened
 * dialog, so a retry after a lost answer never charges twice.
 */
export function ChargeServiceDialog({ admissionId, onClose }: { admissionId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [service, setService] = useState<{ s: PricedService; currency: string } | null>(null);
  const [serviceError, setServiceError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { quantity: 1 as number | string, note: '' },
    validate: {
      quantity: (v) => (Number(v) >= 1 && Number(v) <= 1000 ? null : t('wardCharges.quantityRange')),
    },
  });
  const { busy, error, run } = useChargeSubmit(admissionId, form, onClose);

  const submit = async () => {
    setServiceError(service ? null : t('wardCharges.chooseService'));
    if (form.validate().hasErrors || !service) return;
    const v = form.getValues();
    await run(
      () =>
        post<WardCharge>(`/api/wards/admissions/${admissionId}/service-charges`, {
          idempotencyKey,
          serviceId: service.s.id,
          quantity: Number(v.quantity),
          ...(v.note.trim() ? { note: v.note } : {}),
        }),
      t('wardCharges.charged', { service: service.s.name }),
    );
  };

  return (
    <WardDialog
      title={t('wardCharges.charge')}
      error={error}
      busy={busy}
      submitLabel={t('wardCharges.save')}
      onClose={onClose}
      onSubmit={submit}
    >
      <ServiceSearch
        label={t('wardCharges.service')}
        source="ward"
        error={serviceError}
        onPick={(s, currency) => {
          setService({ s, currency });
          setServiceError(null);
        }}
      />
      {service && (
        <Text size="sm" fw={500} data-testid="chosen-service">
          {service.s.name} ({service.s.code}) · {f.money(service.s.priceMinor, service.currency)}
          {service.s.taxRateBp > 0 ? ` ${t('wardCharges.plusTax', { rate: service.s.taxRateBp / 100 })}` : ''}
        </Text>
      )}
      <NumberInput
        label={t('wardCharges.quantity')}
        min={1}
        max={1000}
        allowDecimal={false}
        allowNegative={false}
        {...form.getInputProps('quantity')}
      />
      <Textarea
        label={t('wardCharges.note')}
        autosize
        minRows={2}
        maxLength={500}
        {...form.getInputProps('note')}
      />
    </WardDialog>
  );
}

/** Voids a charge made in error, with the reason; it stays listed, struck through, and is not billed. */
export function VoidChargeDialog({
  admissionId,
  charge,
  onClose,
}: {
  admissionId: string;
  charge: WardCharge;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : t('wardCharges.reasonRequired')) },
  });
  const { busy, error, run } = useChargeSubmit(admissionId, form, onClose);
  const submit = async () => {
    if (form.validate().hasErrors) return;
    await run(
      () =>
        post<WardCharge>(`/api/wards/admissions/${admissionId}/service-charges/${charge.id}/void`, {
          reason: form.getValues().reason,
        }),
      t('wardCharges.voidDone'),
    );
  };
  return (
    <WardDialog
      title={t('wardCharges.voidTitle', { service: charge.name })}
      error={error}
      busy={busy}
      submitLabel={t('wardCharges.void')}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextInput
        label={t('wardCharges.reason')}
        maxLength={300}
        data-autofocus
        {...form.getInputProps('reason')}
      />
    </WardDialog>
  );
}
