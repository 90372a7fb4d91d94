import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrderLine } from '../../../contracts/procurement';
import { useFormat } from '../../lib/format';
import { remainingPacks } from './PoLinesCard';
import { capacityOf, newBatch, type ReceiveValues } from './receipt-form';
import { typedNumber } from './number-input';

/**
 * One order line as it arrives: what was ordered and is still to come, then a batch (or several)
 * with its number, expiry, packs into stock and packs damaged.
 */
export function ReceiveLineFields({
  form,
  index,
  line,
  today,
}: {
  form: UseFormReturnType<ReceiveValues>;
  index: number;
  line: PurchaseOrderLine;
  today: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const batches = form.getValues().lines[index]!.batches;
  const capacity = capacityOf(line);
  const remaining = remainingPacks(line);
  const typed = batches.reduce(
    (s, b) => s + (typedNumber(b.packsAccepted) ?? 0) + (typedNumber(b.packsDamaged) ?? 0),
    0,
  );

  return (
    <Paper
      withBorder
      p="md"
      component="fieldset"
      style={{ minWidth: 0 }}
      aria-label={line.medicineName}
      data-testid="receive-line"
    >
      <Stack gap="xs">
        <div>
          <Text fw={600}>{line.medicineName}</Text>
          <Text size="sm" c="dimmed">
            {t('goodsReceipt.ordered', {
              ordered: f.number(line.packsOrdered),
              received: f.number(line.packsReceived),
              damaged: f.number(line.packsDamaged),
            })}
          </Text>
          <Text size="sm" fw={500} c={typed > capacity ? 'red' : undefined} data-testid="line-remaining">
            {remaining > 0 ? t('goodsReceipt.remaining', { count: remaining }) : t('goodsReceipt.complete')}
            {capacity > 0 && ` · ${t('goodsReceipt.allowed', { max: f.number(line.maxPacks) })}`}
          </Text>
        </div>
        {batches.map((b, j) => {
          const path = (field: string) => `lines.${index}.batches.${j}.${field}`;
          return (
            <Paper key={b.key} bg="var(--mantine-color-default-hover)" p="sm" radius="sm">
              <Group justify="space-between" wrap="nowrap" mb={4}>
                <Text size="sm" fw={500}>
                  {t('goodsReceipt.batch', { n: j + 1 })}
                </Text>
                {batches.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => form.removeListItem(`lines.${index}.batches`, j)}
                    aria-label={t('goodsReceipt.removeBatch', { n: j + 1 })}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="sm">
                <NumberInput
                  label={t('goodsReceipt.packsAccepted')}
                  description={
                    typedNumber(b.packsAccepted) !== undefined
                      ? t('goodsReceipt.units', {
                          units: f.number(typedNumber(b.packsAccepted)! * line.packSize),
                        })
                      : undefined
                  }
                  min={0}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps(path('packsAccepted'))}
                />
                <NumberInput
                  label={t('goodsReceipt.packsDamaged')}
                  min={0}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps(path('packsDamaged'))}
                />
                <TextInput
                  label={t('goodsReceipt.batchNumber')}
                  maxLength={50}
                  {...form.getInputProps(path('batchNumber'))}
                />
                <DateInput
                  label={t('goodsReceipt.expiryDate')}
                  minDate={today}
                  valueFormat="D MMM YYYY"
                  placeholder={t('goodsReceipt.expiryPlaceholder')}
                  popoverProps={{ withinPortal: true }}
                  {...form.getInputProps(path('expiryDate'))}
                />
              </SimpleGrid>
            </Paper>
          );
        })}
        {capacity > 0 && (
          <Group>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => form.insertListItem(`lines.${index}.batches`, newBatch())}
              disabled={batches.length >= 20}
            >
              {t('goodsReceipt.addBatch')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
