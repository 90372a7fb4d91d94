import {
  ActionIcon,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LIMITS, moved, type LabTestValues } from './lab-test-form';

const RANGES = ['refLow', 'refHigh', 'refLowFemale', 'refHighFemale'] as const;
const CRITICAL = ['criticalLow', 'criticalHigh'] as const;

/**
 * One analyte of the test form: its name, whether the result is a number (with unit, decimals and
 * limits) or text, and buttons to move it in the report's order or remove it.
 */
export function AnalyteFields({ form, index }: { form: UseFormReturnType<LabTestValues>; index: number }) {
  const { t } = useTranslation();
  const analytes = form.getValues().analytes;
  const a = analytes[index]!;
  const n = index + 1;
  const path = (field: string) => `analytes.${index}.${field}`;
  const limitInput = (limit: (typeof LIMITS)[number]) => (
    <NumberInput
      key={limit}
      label={t(`labTests.form.${limit}`)}
      inputMode="decimal"
      decimalScale={4}
      {...form.getInputProps(path(limit))}
    />
  );
  return (
    <Card withBorder padding="sm" data-testid={`analyte-${n}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600}>
            {t('labTests.form.analyte', { n })}
          </Text>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              aria-label={t('labTests.form.moveUp', { n })}
              disabled={index === 0}
              onClick={() => form.setFieldValue('analytes', moved(analytes, index, -1))}
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              aria-label={t('labTests.form.moveDown', { n })}
              disabled={index === analytes.length - 1}
              onClick={() => form.setFieldValue('analytes', moved(analytes, index, 1))}
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('labTests.form.removeAnalyte', { n })}
              disabled={analytes.length === 1}
              onClick={() => form.removeListItem('analytes', index)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput
            label={t('labTests.form.analyteName')}
            required
            maxLength={100}
            {...form.getInputProps(path('name'))}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id={`analyte-kind-${a.key}`}>
              {t('labTests.form.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby={`analyte-kind-${a.key}`}
              data={(['numeric', 'text'] as const).map((k) => ({
                value: k,
                label: t(`labTests.form.kinds.${k}`),
              }))}
              {...form.getInputProps(path('kind'))}
            />
          </Stack>
        </SimpleGrid>
        {a.kind === 'numeric' && (
          <>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
              <TextInput
                label={t('labTests.form.unit')}
                maxLength={30}
                {...form.getInputProps(path('unit'))}
              />
              <NumberInput
                label={t('labTests.form.decimals')}
                min={0}
                max={4}
                allowDecimal={false}
                allowNegative={false}
                {...form.getInputProps(path('decimals'))}
              />
              {CRITICAL.map((limit) => limitInput(limit))}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
              {RANGES.map((limit) => limitInput(limit))}
            </SimpleGrid>
          </>
        )}
      </Stack>
    </Card>
  );
}
