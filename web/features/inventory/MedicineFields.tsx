import { NumberInput, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { MEDICINE_FORMS } from '../../../contracts/pharmacy';
import { currencyDigits } from '../../lib/money';
import type { MedicineFormValues } from './medicine-form';

/** The fields of a medicine, shared by "add" and "edit". */
export function MedicineFields({
  form,
  currency,
}: {
  form: UseFormReturnType<MedicineFormValues>;
  currency: string;
}) {
  const { t } = useTranslation();
  const digits = currencyDigits(currency);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TextInput
        label={t('medicineDetail.genericName')}
        required
        data-autofocus
        {...form.getInputProps('genericName')}
      />
      <TextInput label={t('medicineDetail.brandName')} {...form.getInputProps('brandName')} />
      <Select
        label={t('medicineDetail.form')}
        required
        searchable
        data={MEDICINE_FORMS.map((f) => ({ value: f, label: t(`dosageForms.${f}`) }))}
        {...form.getInputProps('form')}
        value={form.getValues().form || null}
        onChange={(v) => form.setFieldValue('form', (v ?? '') as MedicineFormValues['form'])}
      />
      <TextInput
        label={t('medicineDetail.strength')}
        placeholder={t('medicineDetail.strengthPlaceholder')}
        required
        {...form.getInputProps('strength')}
      />
      <TextInput
        label={t('medicineDetail.dispensingUnit')}
        description={t('medicineDetail.dispensingUnitHint')}
        placeholder={t('medicineDetail.dispensingUnitPlaceholder')}
        required
        {...form.getInputProps('dispensingUnit')}
      />
      <NumberInput
        label={t('medicineDetail.packSize')}
        description={t('medicineDetail.packSizeHint')}
        min={1}
        max={10_000}
        allowDecimal={false}
        allowNegative={false}
        {...form.getInputProps('packSize')}
      />
      <NumberInput
        label={t('medicineDetail.salePrice', { currency })}
        description={t('medicineDetail.salePriceHint')}
        required
        min={0}
        decimalScale={digits}
        allowNegative={false}
        thousandSeparator=","
        {...form.getInputProps('salePrice')}
      />
      <NumberInput
        label={t('medicineDetail.taxRate')}
        min={0}
        max={100}
        decimalScale={2}
        allowNegative={false}
        suffix=" %"
        {...form.getInputProps('taxRatePercent')}
      />
      <NumberInput
        label={t('medicineDetail.reorderLevel')}
        description={t('medicineDetail.reorderLevelHint')}
        min={0}
        allowDecimal={false}
        allowNegative={false}
        {...form.getInputProps('reorderLevel')}
      />
      <TextInput
        label={t('medicineDetail.barcode')}
        description={t('medicineDetail.barcodeHint')}
        {...form.getInputProps('barcode')}
      />
      <TextInput label={t('medicineDetail.manufacturer')} {...form.getInputProps('manufacturer')} />
      <div>
        <Switch
          label={t('medicineDetail.prescriptionOnly')}
          mt="md"
          {...form.getInputProps('prescriptionOnly', { type: 'checkbox' })}
        />
        <Switch
          label={t('medicineDetail.controlled')}
          mt="sm"
          {...form.getInputProps('controlled', { type: 'checkbox' })}
        />
      </div>
    </SimpleGrid>
  );
}
