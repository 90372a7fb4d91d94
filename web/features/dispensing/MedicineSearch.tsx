import { Badge, Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medicine } from '../../../contracts/pharmacy';
import { useFormat } from '../../lib/format';
import { byBarcode, medicineName, medicineSearchKey, searchMedicines } from './medicine';

interface Props {
  label: string;
  description?: string;
  onPick: (m: Medicine) => void;
  /** Show the price with each option (counter sales). */
  withPrice?: boolean;
  autoFocus?: boolean;
  error?: string | null;
}

/**
 * Finds a medicine of the active hospital as you type (name, brand or barcode) and hands it to
 * `onPick`, then clears itself for the next one. Barcode-scanner friendly: Enter on an exact
 * barcode picks that medicine at once, without waiting for the list.
 */
export function MedicineSearch({ label, description, onPick, withPrice, autoFocus, error }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [value, setValue] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(value.trim(), 200);
  const results = useQuery({
    queryKey: medicineSearchKey(debounced),
    queryFn: ({ signal }) => searchMedicines(debounced, signal),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
  });
  const items = debounced.length >= 2 ? (results.data?.items ?? []) : [];

  const pick = (m: Medicine) => {
    onPick(m);
    setValue('');
    setNotFound(null);
    combobox.closeDropdown();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || (combobox.dropdownOpened && combobox.getSelectedOptionIndex() !== -1)) return;
    e.preventDefault();
    const typed = value.trim();
    if (!typed) return;
    // A scanner is faster than the debounce: ask for exactly what was typed now.
    void client
      .fetchQuery({
        queryKey: medicineSearchKey(typed),
        queryFn: ({ signal }) => searchMedicines(typed, signal),
      })
      .then((page) => {
        const exact = byBarcode(page.items, typed);
        if (exact) pick(exact);
        else if (page.items.length === 0) setNotFound(typed);
        else {
          combobox.openDropdown();
          combobox.selectFirstOption();
        }
      })
      .catch(() => setNotFound(typed));
  };

  const options = items.map((m) => (
    <Combobox.Option value={m.id} key={m.id} disabled={!m.active}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {medicineName(m)}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`medicineForms.${m.form}`)}
            {m.barcode ? ` · ${m.barcode}` : ''}
            {withPrice ? ` · ${f.money(m.salePriceMinor, m.currency)}` : ''}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          {m.prescriptionOnly && (
            <Badge size="xs" variant="outline" color="grape">
              {t('medicine.rxShort')}
            </Badge>
          )}
          <Badge size="sm" variant="light" color={m.stock.availableInPharmacy > 0 ? 'teal' : 'red'} tt="none">
            {t('medicine.available', { count: m.stock.availableInPharmacy, unit: m.dispensingUnit })}
          </Badge>
        </Group>
      </Group>
    </Combobox.Option>
  ));

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const m = items.find((i) => i.id === id);
        if (m) pick(m);
      }}
      withinPortal
    >
      <Combobox.Target>
        <TextInput
          label={label}
          description={description}
          placeholder={t('medicine.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={
            results.isFetching ? <Loader size="xs" role="status" aria-label={t('common.searching')} /> : null
          }
          value={value}
          autoFocus={autoFocus}
          autoComplete="off"
          error={error ?? (notFound ? t('medicine.noMatch', { q: notFound }) : null)}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setNotFound(null);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={onKeyDown}
          data-testid="medicine-search"
        />
      </Combobox.Target>
      {/* Mounted only once there is something to look for. A dropdown opened while hidden is placed
          with no size: centred on the field, half of it past a phone's right edge, which zooms the
          page out and scrolls the field off screen, and Mantine then hides the list. */}
      {debounced.length >= 2 && (
        <Combobox.Dropdown>
          <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
            {options.length > 0 ? (
              options
            ) : (
              <Combobox.Empty>
                {results.isFetching ? t('common.searching') : t('common.nothingFound')}
              </Combobox.Empty>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      )}
    </Combobox>
  );
}
