import { NumberInput, SimpleGrid } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currencyDigits } from '../../lib/money';

/** An amount in major units of the currency and its tax rate in percent, side by side. */
export function PriceTaxFields<T extends { taxPercent: number | string }>({
  form,
  priceField,
  priceLabel,
  priceHint,
  currency,
  autoFocus,
}: {
  form: UseFormReturnType<T>;
  priceField: keyof T & string;
  priceLabel: string;
  priceHint?: ReactNode;
  currency: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }}>
      <NumberInput
        label={priceLabel}
        description={priceHint}
        required
        min={0}
        decimalScale={currencyDigits(currency)}
        allowNegative={false}
        thousandSeparator=","
        inputMode="decimal"
        data-autofocus={autoFocus || undefined}
        {...form.getInputProps(priceField)}
      />
      <NumberInput
        label={t('priceList.taxRate')}
        min={0}
        max={100}
        decimalScale={2}
        allowNegative={false}
        suffix=" %"
        {...form.getInputProps('taxPercent')}
      />
    </SimpleGrid>
  );
}
