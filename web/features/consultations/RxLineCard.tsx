import { Alert, Grid, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  FREQUENCIES,
  ROUTES,
  type AdministrationRoute,
  type AllergyWarning,
  type CheckedPrescription,
  type Frequency,
} from '../../../contracts/clinical';
import { useFormat } from '../../lib/format';
import { computed, type Line } from './prescription-draft';
import { MedicineLineHeading } from '../dispensing/MedicineLines';

function AllergyAlert({ warnings }: { warnings: AllergyWarning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Alert color="red" variant="filled" icon={<IconAlertTriangle aria-hidden />} role="alert" p="xs">
      {warnings.map((w) => (
        <Text key={w.substance} size="sm" fw={600}>
          {t('consultation.allergyWarning', { substance: w.substance, severity: w.severity })}
        </Text>
      ))}
    </Alert>
  );
}

/**
 * One medicine of the prescription being written: dose, frequency, duration, route, the quantity
 * (worked out where the form allows), instructions; its allergy warnings and the stock on hand.
 */
export function RxLineCard({
  line: l,
  checkedLine,
  onChange,
  onRemove,
}: {
  line: Line;
  /** The server's check of this line, when the prescription was checked since the last change. */
  checkedLine?: CheckedPrescription['lines'][number];
  onChange: (change: Partial<Line>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = computed(l);
  const warnings = checkedLine?.allergyWarnings ?? l.aid?.allergyWarnings ?? [];
  const stock = checkedLine?.stock ?? l.aid?.stock;
  return (
    <Paper key={l.medicineId} withBorder p="sm" data-testid="rx-line">
      <Stack gap="xs">
        <MedicineLineHeading
          name={l.name}
          removeLabel={t('consultation.removeLine', { name: l.name })}
          onRemove={onRemove}
        />
        <AllergyAlert warnings={warnings} />
        {stock && (
          <Text
            size="xs"
            c={stock.availableInPharmacy > 0 ? 'dimmed' : 'red'}
            fw={stock.availableInPharmacy > 0 ? undefined : 600}
          >
            {stock.availableInPharmacy > 0
              ? t('consultation.stock', {
                  onHand: stock.onHand,
                  available: stock.availableInPharmacy,
                })
              : t('consultation.outOfStock')}
          </Text>
        )}
        <Grid>
          <Grid.Col span={{ base: 6, sm: 2 }}>
            <NumberInput
              label={t('consultation.dose')}
              min={0.25}
              max={1000}
              step={0.5}
              decimalScale={2}
              value={l.dose}
              onChange={(v) => onChange({ dose: v })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 2 }}>
            <TextInput
              label={t('consultation.doseUnit')}
              placeholder={l.unit}
              maxLength={30}
              value={l.doseUnit}
              onChange={(e) => onChange({ doseUnit: e.currentTarget.value })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('consultation.frequency')}
              data={FREQUENCIES.map((f) => ({ value: f, label: t(`frequencies.${f}`) }))}
              value={l.frequency}
              allowDeselect={false}
              onChange={(v) => v && onChange({ frequency: v as Frequency })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 2 }}>
            <NumberInput
              label={t('consultation.duration')}
              min={1}
              max={365}
              allowDecimal={false}
              value={l.durationDays}
              onChange={(v) => onChange({ durationDays: v })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 2 }}>
            <Select
              label={t('consultation.route')}
              data={ROUTES.map((r) => ({ value: r, label: t(`routes.${r}`) }))}
              value={l.route}
              allowDeselect={false}
              onChange={(v) => v && onChange({ route: v as AdministrationRoute })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            {q === null ? (
              <NumberInput
                label={t('consultation.quantity', { unit: l.unit })}
                required
                min={1}
                max={1_000_000}
                allowDecimal={false}
                value={l.quantity}
                onChange={(v) => onChange({ quantity: v })}
              />
            ) : (
              <Text size="sm" mt="lg" data-testid="computed-quantity">
                {t('consultation.quantityComputed', { amount: f.amount(q, l.unit) })}
              </Text>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label={t('consultation.instructions')}
              placeholder={t('consultation.instructionsPlaceholder')}
              maxLength={300}
              value={l.instructions}
              onChange={(e) => onChange({ instructions: e.currentTarget.value })}
            />
          </Grid.Col>
        </Grid>
        {checkedLine && (
          <Text size="sm" fs="italic">
            {checkedLine.directions}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
