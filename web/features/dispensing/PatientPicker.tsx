import { Button, Combobox, Group, Loader, Paper, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUser } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientPage, PatientSummary } from '../../../contracts/patients';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { patientName } from '../patients/PatientChooser';

interface Props {
  label: string;
  description?: string;
  value: PatientSummary | null;
  onChange: (p: PatientSummary | null) => void;
  required?: boolean;
  error?: string | null;
}

/**
 * Chooses a patient registered at the active hospital: search by name (typo-tolerant), phone or
 * MRN as you type; once chosen, the patient is shown with a way to change them.
 */
export function PatientPicker({ label, description, value, onChange, required, error }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const search = useQuery({
    queryKey: ['patients', debounced, 1, 8],
    queryFn: ({ signal }) => get<PatientPage>('/api/patients', { q: debounced, limit: 8 }, signal),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
  });
  const items = debounced.length >= 2 ? (search.data?.items ?? []) : [];

  if (value)
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Paper withBorder p="sm" data-testid="chosen-patient">
          <Group justify="space-between" gap="xs">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <IconUser size={20} aria-hidden />
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {patientName(value)}
                </Text>
                <Text size="xs" c="dimmed">
                  {value.mrn}
                  {value.dateOfBirth ? ` · ${f.date(value.dateOfBirth)}` : ''}
                </Text>
              </div>
            </Group>
            <Button size="compact-sm" variant="subtle" onClick={() => onChange(null)}>
              {t('patientPicker.change')}
            </Button>
          </Group>
        </Paper>
      </Stack>
    );

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const p = items.find((i) => i.id === id);
        if (p) {
          onChange(p);
          setQ('');
          combobox.closeDropdown();
        }
      }}
    >
      <Combobox.Target>
        <TextInput
          label={label}
          description={description}
          placeholder={t('patientPicker.placeholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={
            search.isFetching ? <Loader size="xs" role="status" aria-label={t('common.searching')} /> : null
          }
          value={q}
          required={required}
          error={error}
          autoComplete="off"
          onChange={(e) => {
            setQ(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          data-testid="patient-picker"
        />
      </Combobox.Target>
      {/* Mounted only when there is something to look for, so it is measured before it is placed
          (see MedicineSearch: a hidden one is placed half off a phone's screen). */}
      {debounced.length >= 2 && (
        <Combobox.Dropdown>
          <Combobox.Options mah={300} style={{ overflowY: 'auto' }}>
            {items.length > 0 ? (
              items.map((p) => (
                <Combobox.Option value={p.id} key={p.id}>
                  <Text size="sm" fw={500}>
                    {patientName(p)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {p.mrn}
                    {p.dateOfBirth ? ` · ${f.date(p.dateOfBirth)}` : ''}
                    {p.phone ? ` · ${p.phone}` : ''}
                  </Text>
                </Combobox.Option>
              ))
            ) : (
              <Combobox.Empty>
                {search.isFetching ? t('common.searching') : t('common.nothingFound')}
              </Combobox.Empty>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      )}
    </Combobox>
  );
}
