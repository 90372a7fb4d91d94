import {
  ActionIcon,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Medicine } from '../../../contracts/pharmacy';
import { unitWord } from '../../../contracts/units';
import { useFormat } from '../../lib/format';
import { currencyDigits, toMinor } from '../../lib/money';
import { MedicinePicker } from './MedicinePicker';
import { unitsOf, type ReceiptValues } from './receipt-form';

/** One batch being received: which medicine, its batch number and expiry, how many, at what cost. */
export function ReceiptLineFields({
  form,
  index,
  medicine,
  onMedicine,
  currency,
  today,
  removable,
}: {
  form: UseFormReturnType<ReceiptValues>;
  index: number;
  medicine: Medicine | undefined;
  onMedicine: (m: Medicine | null) => void;
  currency: string;
  today: string;
  removable: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const line = form.getValues().lines[index]!;
  const path = (field: string) => `lines.${index}.${field}`;
  const units = unitsOf(line, medicine);
  const cost = typeof line.unitCost === 'number' ? line.unitCost : null;
  const unitName = medicine?.dispensingUnit ?? t('receive.unit');

  return (
    <Paper
      withBorder
      p="md"
      component="fieldset"
      style={{ minWidth: 0 }}
      aria-label={t('receive.lineLabel', { n: index + 1 })}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fw={600} size="sm">
          {t('receive.lineLabel', { n: index + 1 })}
        </Text>
        {removable && (
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={() => form.removeListItem('lines', index)}
            aria-label={t('receive.removeLine', { n: index + 1 })}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <div style={{ gridColumn: '1 / -1' }}>
          <MedicinePicker
            label={t('receive.medicine')}
            value={medicine ?? null}
            onChange={onMedicine}
            error={form.errors[path('medicineId')]}
            autoFocus={index > 0}
          />
        </div>
        <TextInput label={t('receive.batchNumber')} required {...form.getInputProps(path('batchNumber'))} />
        <DateInput
          label={t('receive.expiryDate')}
          required
          minDate={today}
          valueFormat="D MMM YYYY"
          placeholder={t('receive.expiryPlaceholder')}
          popoverProps={{ withinPortal: true }}
          {...form.getInputProps(path('expiryDate'))}
        />
        <div>
          <NumberInput
            label={
              line.unit === 'packs'
                ? t('receive.packs')
                : t('receive.quantityUnits', { units: unitWord(unitName, 2) })
            }
            required
            min={1}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            {...form.getInputProps(path('quantity'))}
          />
          <SegmentedControl
            mt={6}
            size="xs"
            fullWidth
            aria-label={t('receive.countIn')}
            data={[
              { value: 'units', label: t('receive.inUnits') },
              { value: 'packs', label: t('receive.inPacks') },
            ]}
            {...form.getInputProps(path('unit'))}
          />
        </div>
        <NumberInput
          label={t('receive.unitCost', { unit: unitName, currency })}
          required
          min={0}
          decimalScale={currencyDigits(currency)}
          allowNegative={false}
          thousandSeparator=","
          {...form.getInputProps(path('unitCost'))}
        />
        <div>
          {units !== null && (
            <Text size="sm" mt={{ base: 0, sm: 28 }} data-testid="line-summary">
              {line.unit === 'packs' && medicine
                ? t('receive.packsAre', {
                    packs: f.number(Number(line.quantity)),
                    size: f.number(medicine.packSize),
                    units: f.number(units),
                  })
                : t('receive.unitsAre', { units: f.number(units) })}
              {cost !== null &&
                ` · ${t('receive.lineValue', { value: f.money(toMinor(cost, currency) * units, currency) })}`}
            </Text>
          )}
        </div>
      </SimpleGrid>
    </Paper>
  );
}
