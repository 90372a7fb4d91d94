import { Card, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { num, type Num } from './prescription-draft';
import { bmiOf } from './queries';

export const VITAL_KEYS = [
  'systolic',
  'diastolic',
  'pulse',
  'temperatureC',
  'spo2',
  'weightKg',
  'heightCm',
] as const;
export type VitalKey = (typeof VITAL_KEYS)[number];
export type VitalsForm = Record<VitalKey, Num>;

/** The form's values as the API takes them: numbers or null, and null for no vitals at all. */
export function vitalsBody(v: VitalsForm): Record<VitalKey, number | null> | null {
  const body = Object.fromEntries(VITAL_KEYS.map((k) => [k, num(v[k])])) as Record<VitalKey, number | null>;
  return Object.values(body).some((x) => x !== null) ? body : null;
}

type Label = 'systolic' | 'diastolic' | 'pulse' | 'temperature' | 'spo2' | 'weight' | 'height';
const LIMITS: Record<VitalKey, { label: Label; min: number; max: number; decimals?: number }> = {
  systolic: { label: 'systolic', min: 40, max: 300 },
  diastolic: { label: 'diastolic', min: 20, max: 200 },
  pulse: { label: 'pulse', min: 20, max: 300 },
  temperatureC: { label: 'temperature', decimals: 1, min: 25, max: 45 },
  spo2: { label: 'spo2', min: 50, max: 100 },
  weightKg: { label: 'weight', decimals: 2, min: 0.3, max: 500 },
  heightCm: { label: 'height', decimals: 1, min: 20, max: 260 },
};

/** Blood pressure, pulse, temperature, SpO2, weight and height, with the BMI worked out as typed. */
export function VitalsCard({ vitals, onChange }: { vitals: VitalsForm; onChange: (v: VitalsForm) => void }) {
  const { t } = useTranslation();
  const bmi = bmiOf(num(vitals.weightKg), num(vitals.heightCm));
  return (
    <Card>
      <Stack>
        <Title order={2} fz="h4">
          {t('consultation.vitals')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {VITAL_KEYS.map((k) => {
            const o = LIMITS[k];
            return (
              <NumberInput
                key={k}
                label={t(`consultation.${o.label}`)}
                value={vitals[k]}
                min={o.min}
                max={o.max}
                decimalScale={o.decimals ?? 0}
                allowDecimal={!!o.decimals}
                allowNegative={false}
                onChange={(v) => onChange({ ...vitals, [k]: v })}
              />
            );
          })}
          <Stack gap={2} justify="flex-end">
            <Text size="sm" fw={500}>
              {t('consultation.bmi')}
            </Text>
            <Text size="lg" fw={700} data-testid="bmi">
              {bmi === null ? '–' : bmi}
            </Text>
          </Stack>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
