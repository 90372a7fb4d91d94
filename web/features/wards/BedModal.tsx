import { NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BED_TYPES, CreateBed, UpdateBed, type Bed } from '../../../contracts/wards';
import { patch, post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import { currencyDigits } from '../../lib/money';
import {
  BED_FORM_NAMES,
  bedValues,
  toBedFormErrors,
  toCreateBed,
  toUpdateBed,
  type BedValues,
} from './bed-form';
import { wardErrorMessage } from './errors';
import { WardDialog } from './WardDialog';

/** Adds a bed to a room, or changes a bed's label, type or daily rate. */
export function BedModal({
  roomId,
  roomName,
  bed,
  currency,
  onClose,
  onSaved,
}: {
  roomId: string;
  roomName: string;
  bed: Bed | null;
  currency: string;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<BedValues>({ initialValues: bedValues(bed, currency) });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const setErrors = (e: Record<string, string>) => form.setErrors(toBedFormErrors(e));
    // Every field is checked as for a new bed (the rate cannot be emptied); only changes are sent.
    const whole = validateWith(CreateBed, toCreateBed(values, roomId, currency), { setErrors });
    if (!whole) return;
    try {
      if (bed) {
        const changes = toUpdateBed(values, bed, currency);
        if (Object.keys(changes).length === 0) return onClose();
        const body = validateWith(UpdateBed, changes, { setErrors });
        if (!body) return;
        await patch(`/api/wards/beds/${bed.id}`, body);
      } else {
        await post('/api/wards/beds', whole);
      }
      notifySuccess(t('wards.setup.bedSaved', { bed: whole.label }));
      onClose();
      await onSaved();
    } catch (err) {
      const unplaced = applyServerErrors(form, err, BED_FORM_NAMES);
      if (unplaced !== null) setError(wardErrorMessage(err, 'saveBed'));
    }
  });

  return (
    <WardDialog
      title={
        bed ? t('wards.setup.editBed', { bed: bed.label }) : t('wards.setup.addBedTo', { room: roomName })
      }
      error={error}
      busy={form.submitting}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextInput
        label={t('wards.setup.bedLabel')}
        description={t('wards.setup.bedLabelHint')}
        required
        maxLength={40}
        data-autofocus
        {...form.getInputProps('label')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Select
          label={t('wards.setup.bedType')}
          data={BED_TYPES.map((b) => ({ value: b, label: t(`wards.bedTypes.${b}`) }))}
          allowDeselect={false}
          required
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('bedType')}
        />
        <NumberInput
          label={t('wards.setup.dailyRate', { currency })}
          required
          min={0}
          decimalScale={currencyDigits(currency)}
          allowNegative={false}
          thousandSeparator=","
          inputMode="decimal"
          {...form.getInputProps('rate')}
        />
      </SimpleGrid>
    </WardDialog>
  );
}
