import {
  ActionIcon,
  Badge,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { currencyDigits, toMinor } from '../../lib/money';
import { previewOf, type BillLineValues } from './bill-form';
import { DiscountFields, type InputProps } from './DiscountFields';
import { Fact } from '../procurement/Fact';

/**
 * One line of a bill being made: what it is (a listed service or medicine at its listed price, or
 * described and priced here), how many, its discount when the person may give one, and what it
 * should come to.
 */
export function BillLineFields({
  line,
  fieldProps,
  currency,
  canDiscount,
  onRemove,
}: {
  line: BillLineValues;
  fieldProps: (name: keyof BillLineValues) => InputProps;
  currency: string;
  canDiscount: boolean;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const preview = previewOf(line, currency);
  const listed = line.kind !== 'other';
  const money = (major: number | string) =>
    typeof major === 'number' ? f.money(toMinor(major, currency), currency) : '—';
  return (
    <Paper withBorder p="sm" data-testid="bill-line">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          {listed ? (
            <Group gap="xs" style={{ minWidth: 0 }}>
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {line.description}
              </Text>
              <Badge size="sm" variant="light" tt="none">
                {t(`invoice.lineKinds.${line.kind}`)}
              </Badge>
            </Group>
          ) : (
            <TextInput
              label={t('invoice.description')}
              maxLength={300}
              required
              style={{ flex: 1 }}
              {...fieldProps('description')}
            />
          )}
          {onRemove && (
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={onRemove}
              aria-label={t('invoice.removeLine', { name: line.description || t('invoice.thisLine') })}
              mt={listed ? 0 : 24}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          {listed ? (
            <>
              <Fact label={t('invoice.unitPrice')} value={money(line.unitPrice)} />
              <Fact
                label={t('invoice.taxRate')}
                value={t('invoice.percent', { value: f.number(Number(line.taxPercent)) })}
              />
            </>
          ) : (
            <>
              <NumberInput
                label={t('invoice.unitPrice')}
                min={0}
                decimalScale={currencyDigits(currency)}
                hideControls
                required
                {...fieldProps('unitPrice')}
              />
              <NumberInput
                label={t('invoice.taxPercent')}
                min={0}
                max={100}
                decimalScale={2}
                hideControls
                required
                {...fieldProps('taxPercent')}
              />
            </>
          )}
          <NumberInput
            label={t('invoice.quantity')}
            min={1}
            max={10_000}
            allowDecimal={false}
            required
            {...fieldProps('quantity')}
          />
          <Fact
            label={t('invoice.lineTotal')}
            value={
              <Text size="sm" fw={600} data-testid="line-preview">
                {preview ? f.money(preview.totalMinor, currency) : '—'}
              </Text>
            }
          />
        </SimpleGrid>
        {canDiscount && <DiscountFields values={line} fieldProps={fieldProps} currency={currency} />}
      </Stack>
    </Paper>
  );
}
