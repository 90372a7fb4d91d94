import { Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { AmountsTable } from './AmountsTable';
import { BillLineFields } from './BillLineFields';
import { previewOf, type BillValues } from './bill-form';
import { sumAmounts, type BillAmounts } from './invoice-math';
import { LinePicker } from './LinePicker';

/** The lines of a bill being made, a way to add more, and the totals they should come to. */
export function BillLinesEditor({
  form,
  currency,
  canDiscount,
}: {
  form: UseFormReturnType<BillValues>;
  currency: string;
  canDiscount: boolean;
}) {
  const { t } = useTranslation();
  const { lines } = form.getValues();
  const previews = lines.map((l) => previewOf(l, currency));
  const complete = previews.every((p): p is BillAmounts => p !== null);
  return (
    <Stack>
      {lines.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('generateBill.noLines')}
        </Text>
      )}
      {lines.map((line, i) => (
        <BillLineFields
          key={line.key}
          line={line}
          fieldProps={(name) => form.getInputProps(`lines.${i}.${name}`)}
          currency={currency}
          canDiscount={canDiscount}
          onRemove={() => form.removeListItem('lines', i)}
        />
      ))}
      <LinePicker onAdd={(line) => form.insertListItem('lines', line)} />
      {lines.length > 0 && (
        <Stack gap={4} data-testid="bill-preview">
          {complete ? (
            <PreviewTotals totals={sumAmounts(previews)} currency={currency} />
          ) : (
            <Text size="sm" c="dimmed" ta="right">
              {t('generateBill.previewIncomplete')}
            </Text>
          )}
          <Text size="xs" c="dimmed" ta="right">
            {t('generateBill.previewHint')}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

/** The figures a bill should come to (the server's are the ones it gets). */
export function PreviewTotals({ totals, currency }: { totals: BillAmounts; currency: string }) {
  const { t } = useTranslation();
  const rows = [
    { label: t('invoice.gross'), minor: totals.grossMinor },
    ...(totals.discountMinor ? [{ label: t('invoice.discountTotal'), minor: -totals.discountMinor }] : []),
    { label: t('invoice.net'), minor: totals.netMinor },
    { label: t('invoice.tax'), minor: totals.taxMinor },
    { label: t('invoice.total'), minor: totals.totalMinor, strong: true, testId: 'preview-total' },
  ];
  return <AmountsTable rows={rows} currency={currency} caption={t('generateBill.previewCaption')} />;
}
