import { NumberInput, SegmentedControl, Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ADMINISTRATION_OUTCOMES,
  ADMINISTRATION_ROUTES,
  type AdministrationOutcome,
  type AdministrationRoute,
  type MedicationAdministration,
} from '../../../../contracts/nursing';
import type { Medicine } from '../../../../contracts/pharmacy';
import { post } from '../../../lib/api';
import { applyServerErrors, notifySuccess } from '../../../lib/forms';
import { newIdempotencyKey } from '../../../lib/idempotency';
import { medicineName, refreshStockFigures } from '../../dispensing/medicine';
import { MedicineSearch } from '../../dispensing/MedicineSearch';
import { admissionKey } from '../queries';
import { WardDialog } from '../WardDialog';
import { useRefreshPart } from './queries';

interface Values {
  outcome: AdministrationOutcome;
  quantity: number | string;
  dose: string;
  route: AdministrationRoute;
  reason: string;
  note: string;
}

/**
 * Records a dose on the medication administration record: given (the units leave the ward's store
 * through the stock ledger) or not given, with the reason. One key per opened dialog, so a retry
 * after a lost answer never gives the dose twice.
 */
export function GiveMedicineModal({ admissionId, onClose }: { admissionId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const refresh = useRefreshPart(admissionId, 'medications');
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [medicine, setMedicine] = useState<Medicine | null>(null);
  const [medicineError, setMedicineError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { outcome: 'given', quantity: 1, dose: '', route: 'oral', reason: '', note: '' },
    validate: {
      dose: (v) => (v.trim() ? null : t('nursing.mar.doseRequired')),
      quantity: (v, all) =>
        all.outcome === 'given' && !(Number(v) >= 1) ? t('nursing.mar.quantityRequired') : null,
      reason: (v, all) => (all.outcome !== 'given' && !v.trim() ? t('nursing.mar.reasonRequired') : null),
    },
  });
  const given = form.values.outcome === 'given';

  const submit = async () => {
    setMedicineError(medicine ? null : t('nursing.mar.chooseMedicine'));
    if (form.validate().hasErrors || !medicine) return;
    const v = form.getValues();
    setBusy(true);
    setError(null);
    try {
      await post<MedicationAdministration>(`/api/wards/admissions/${admissionId}/medications`, {
        idempotencyKey,
        medicineId: medicine.id,
        outcome: v.outcome,
        dose: v.dose,
        route: v.route,
        ...(given ? { quantity: Number(v.quantity) } : { reason: v.reason }),
        ...(v.note.trim() ? { note: v.note } : {}),
      });
      // The dose is on the stay's bill as well as on the record and in the stock figures.
      await Promise.all([
        refresh(),
        refreshStockFigures(client),
        client.invalidateQueries({ queryKey: [...admissionKey(admissionId), 'charges'] }),
      ]);
      notifySuccess(given ? t('nursing.mar.givenDone') : t('nursing.mar.notGivenDone'));
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <WardDialog
      title={t('nursing.mar.record')}
      size="lg"
      error={error}
      busy={busy}
      submitLabel={t('nursing.mar.save')}
      onClose={onClose}
      onSubmit={submit}
    >
      <MedicineSearch label={t('nursing.mar.medicine')} onPick={setMedicine} error={medicineError} />
      {medicine && (
        <Text size="sm" fw={500} data-testid="chosen-medicine">
          {medicineName(medicine)} · {t(`medicineForms.${medicine.form}`)}
        </Text>
      )}
      <SegmentedControl
        fullWidth
        aria-label={t('nursing.mar.outcome')}
        data={ADMINISTRATION_OUTCOMES.map((o) => ({ value: o, label: t(`nursing.mar.outcomes.${o}`) }))}
        {...form.getInputProps('outcome')}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('nursing.mar.dose')} placeholder="500 mg" {...form.getInputProps('dose')} />
        <Select
          label={t('nursing.mar.route')}
          data={ADMINISTRATION_ROUTES.map((r) => ({ value: r, label: t(`nursing.mar.routes.${r}`) }))}
          allowDeselect={false}
          {...form.getInputProps('route')}
        />
        {given && (
          <NumberInput
            label={t('nursing.mar.quantity', { unit: medicine?.dispensingUnit ?? '' })}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('quantity')}
          />
        )}
      </SimpleGrid>
      {!given && <TextInput label={t('nursing.mar.reason')} {...form.getInputProps('reason')} />}
      <Textarea
        label={t('nursing.mar.note')}
        autosize
        minRows={2}
        maxLength={1000}
        {...form.getInputProps('note')}
      />
    </WardDialog>
  );
}
