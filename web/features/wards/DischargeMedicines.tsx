import { Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Medicine } from '../../../contracts/pharmacy';
import { DischargeList, RemoveRow } from './DischargeList';
import { MedicineSearch } from '../dispensing/MedicineSearch';
import { MEDICINE_TEXTS, newMedicine, type MedicineRow } from './DischargeRows';

/** A medicine as the summary names it: "Amoxicillin 500 mg Capsule (Mox)" (plain text for the PDF). */
export function useTakeHomeName() {
  const { t } = useTranslation();
  return (m: Medicine) =>
    `${m.genericName} ${m.strength} ${t(`dosageForms.${m.form}`)}${m.brandName ? ` (${m.brandName})` : ''}`;
}

/** The medicines the patient takes home: each from the catalog, with dose, frequency, duration, instructions. */
export function DischargeMedicines({
  rows,
  setRows,
  errors,
}: {
  rows: MedicineRow[];
  setRows: (change: (rows: MedicineRow[]) => MedicineRow[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const nameOf = useTakeHomeName();
  const change = (key: number, values: Partial<MedicineRow>) =>
    setRows((all) => all.map((x) => (x.key === key ? { ...x, ...values } : x)));
  return (
    <DischargeList
      legend={t('dischargeDetails.medicines')}
      hint={t('dischargeDetails.medicinesHint')}
      addLabel={t('dischargeDetails.addMedicine')}
      canAdd={rows.length < 30}
      onAdd={() => setRows((all) => [...all, newMedicine()])}
    >
      {rows.map((r, i) => (
        <Paper key={r.key} withBorder p="xs" data-testid="discharge-medicine">
          <Stack gap="xs">
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                <MedicineSearch
                  label={t('dischargeDetails.medicineN', { n: i + 1 })}
                  onPick={(medicine) => change(r.key, { medicine })}
                  error={r.medicine ? null : errors[`medicines.${i}.name`]}
                />
                {r.medicine && (
                  <Text
                    size="sm"
                    fw={500}
                    style={{ overflowWrap: 'anywhere' }}
                    data-testid="take-home-medicine"
                  >
                    {nameOf(r.medicine)}
                  </Text>
                )}
              </Stack>
              <RemoveRow
                label={t('dischargeDetails.removeMedicine', { n: i + 1 })}
                onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
              />
            </Group>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
              {MEDICINE_TEXTS.map((k) => (
                <TextInput
                  key={k}
                  label={t(`dischargeDetails.${k}`)}
                  placeholder={t(`dischargeDetails.${k}Placeholder`)}
                  value={r[k]}
                  maxLength={k === 'instructions' ? 100 : 60}
                  onChange={(e) => change(r.key, { [k]: e.currentTarget.value })}
                />
              ))}
            </SimpleGrid>
            {errors[`medicines.${i}.directions`] && (
              <Text size="xs" c="red">
                {errors[`medicines.${i}.directions`]}
              </Text>
            )}
          </Stack>
        </Paper>
      ))}
    </DischargeList>
  );
}
