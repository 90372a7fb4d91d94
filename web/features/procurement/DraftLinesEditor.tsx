import { ActionIcon, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SupplierItem } from '../../../contracts/procurement';
import { useFormat } from '../../lib/format';
import { currencyDigits } from '../../lib/money';
import { medicineName } from '../dispensing/medicine';
import { MedicinePicker } from '../inventory/MedicinePicker';
import { lineTotalMinor, newDraftLine, type DraftValues } from './draft-form';

/**
 * The lines of a draft order: a medicine from the catalog (kept once chosen; remove the line to
 * change it), packs, and the price per pack, which starts at the supplier's last price.
 */
export function DraftLinesEditor({
  form,
  items,
  currency,
}: {
  form: UseFormReturnType<DraftValues>;
  /** What the chosen supplier supplies, with its last prices. */
  items: SupplierItem[];
  currency: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const lines = form.getValues().lines;
  const itemOf = (medicineId: string) => items.find((i) => i.medicineId === medicineId);
  const totals = lines.map((l) => lineTotalMinor(l, itemOf(l.medicineId), currency));
  const total = totals.every((x) => x !== null) ? totals.reduce<number>((s, x) => s + x!, 0) : null;

  return (
    <Stack gap="sm">
      {lines.map((line, index) => {
        const path = (field: string) => `lines.${index}.${field}`;
        const item = itemOf(line.medicineId);
        const lineTotal = totals[index];
        return (
          <Paper
            key={line.key}
            withBorder
            p="sm"
            component="fieldset"
            style={{ minWidth: 0 }}
            aria-label={t('poForm.line', { n: index + 1 })}
          >
            <Group justify="space-between" wrap="nowrap" mb={4}>
              <Text fw={600} size="sm">
                {line.medicineName || t('poForm.line', { n: index + 1 })}
              </Text>
              {lines.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => form.removeListItem('lines', index)}
                  aria-label={t('poForm.removeLine', { n: index + 1 })}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              {!line.medicineName && (
                <div style={{ gridColumn: '1 / -1' }}>
                  <MedicinePicker
                    label={t('poForm.medicine')}
                    value={null}
                    onChange={(m) => {
                      if (!m) return;
                      form.setFieldValue(`lines.${index}`, {
                        ...line,
                        medicineId: m.id,
                        medicineName: medicineName(m),
                        packSize: m.packSize,
                      });
                    }}
                    error={form.errors[path('medicineId')]}
                    autoFocus={index > 0}
                  />
                </div>
              )}
              <NumberInput
                label={t('poForm.packs')}
                description={line.packSize ? t('reorder.packOf', { count: line.packSize }) : undefined}
                required
                min={1}
                max={100_000}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=","
                {...form.getInputProps(path('packs'))}
              />
              <NumberInput
                label={t('poForm.unitPrice', { currency })}
                description={
                  item?.lastPriceMinor != null
                    ? t('poForm.unitPriceLast', { price: f.money(item.lastPriceMinor, currency) })
                    : line.medicineId
                      ? t('poForm.unitPriceNone')
                      : undefined
                }
                placeholder={
                  item?.lastPriceMinor != null ? f.money(item.lastPriceMinor, currency) : undefined
                }
                min={0}
                decimalScale={currencyDigits(currency)}
                allowNegative={false}
                thousandSeparator=","
                {...form.getInputProps(path('unitPrice'))}
              />
              <Text size="sm" mt={{ base: 0, sm: 30 }} data-testid="line-total">
                {lineTotal != null ? f.money(lineTotal, currency) : ''}
              </Text>
            </SimpleGrid>
          </Paper>
        );
      })}
      <Group justify="space-between">
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => form.insertListItem('lines', newDraftLine())}
          disabled={lines.length >= 200}
        >
          {t('poForm.addLine')}
        </Button>
        {total !== null && (
          <Text fw={600} data-testid="draft-total">
            {t('poForm.total', { total: f.money(total, currency) })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
