import { NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { currencyDigits } from '../../lib/money';
import type { DiscountKind, DiscountValues } from './bill-form';

/** What `form.getInputProps(path)` hands an input. */
export type InputProps = ReturnType<UseFormReturnType<DiscountValues>['getInputProps']>;

const KINDS: DiscountKind[] = ['none', 'amount', 'percent'];

/** A line's discount: none, an amount or a percentage, and the reason it is given. */
export function DiscountFields({
  values,
  fieldProps,
  currency,
}: {
  values: DiscountValues;
  fieldProps: (name: keyof DiscountValues) => InputProps;
  currency: string;
}) {
  const { t } = useTranslation();
  const kind = fieldProps('discountKind');
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
      <Select
        label={t('invoice.discount')}
        data={KINDS.map((k) => ({ value: k, label: t(`invoice.discountKinds.${k}`) }))}
        allowDeselect={false}
        {...kind}
      />
      {values.discountKind !== 'none' && (
        <>
          <NumberInput
            label={
              values.discountKind === 'amount' ? t('invoice.discountAmount') : t('invoice.discountPercent')
            }
            min={0}
            max={values.discountKind === 'percent' ? 100 : undefined}
            decimalScale={values.discountKind === 'percent' ? 2 : currencyDigits(currency)}
            suffix={values.discountKind === 'percent' ? ' %' : undefined}
            hideControls
            required
            {...fieldProps('discountValue')}
          />
          <TextInput
            label={t('invoice.discountReason')}
            maxLength={200}
            required
            {...fieldProps('discountReason')}
          />
        </>
      )}
    </SimpleGrid>
  );
}
