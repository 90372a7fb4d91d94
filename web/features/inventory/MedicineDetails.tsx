import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medicine } from '../../../contracts/pharmacy';
import { useFormat } from '../../lib/format';

function Figure({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Card withBorder shadow="none" p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz="xl" fw={700} mt={4}>
        {value}
      </Text>
    </Card>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** A medicine's stock figures across the hospital. */
export function StockFigures({ m }: { m: Medicine }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      <Figure label={t('medicineDetail.onHand')} value={f.number(m.stock.onHand)} testId="on-hand" />
      <Figure label={t('medicineDetail.available')} value={f.number(m.stock.availableInPharmacy)} />
      <Figure label={t('medicineDetail.reserved')} value={f.number(m.stock.reserved)} />
      <Figure label={t('medicineDetail.expiredUnits')} value={f.number(m.stock.expired)} />
      <Figure label={t('medicineDetail.reorderLevel')} value={f.number(m.reorderLevel)} />
      <Figure
        label={t('medicineDetail.nextExpiry')}
        value={m.stock.nextExpiry ? f.date(m.stock.nextExpiry) : '—'}
      />
    </SimpleGrid>
  );
}

/** What the catalog says about a medicine. */
export function MedicineDetails({ m, actions }: { m: Medicine; actions?: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = t('common.notGiven');
  return (
    <Card>
      <Group justify="space-between" mb="md">
        <Title order={2} fz="h4">
          {t('medicineDetail.details')}
        </Title>
        {actions}
      </Group>
      <Stack>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="md" verticalSpacing="md">
          <Field label={t('medicineDetail.genericName')}>{m.genericName}</Field>
          <Field label={t('medicineDetail.brandName')}>{m.brandName ?? none}</Field>
          <Field label={t('medicineDetail.form')}>{t(`dosageForms.${m.form}`)}</Field>
          <Field label={t('medicineDetail.strength')}>{m.strength}</Field>
          <Field label={t('medicineDetail.dispensingUnit')}>{m.dispensingUnit}</Field>
          <Field label={t('medicineDetail.packSize')}>{f.number(m.packSize)}</Field>
          <Field label={t('medicineDetail.price')}>{f.money(m.salePriceMinor, m.currency)}</Field>
          <Field label={t('medicineDetail.taxRate')}>
            {t('medicineDetail.percent', { value: f.number(m.taxRateBp / 100) })}
          </Field>
          <Field label={t('medicineDetail.barcode')}>{m.barcode ?? none}</Field>
          <Field label={t('medicineDetail.manufacturer')}>{m.manufacturer ?? none}</Field>
          <Field label={t('medicineDetail.prescriptionOnly')}>
            {m.prescriptionOnly ? t('medicineDetail.yes') : t('medicineDetail.no')}
          </Field>
          <Field label={t('medicineDetail.controlled')}>
            {m.controlled ? t('medicineDetail.yes') : t('medicineDetail.no')}
          </Field>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
