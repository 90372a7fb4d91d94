import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Icd10Code } from '../../../contracts/clinical';
import { searchIcd10 } from './queries';

/** Finds an ICD-10 code as you type (a code's beginning or words, misspelt too) and hands it on. */
export function Icd10Search({ onPick }: { onPick: (c: Icd10Code) => void }) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [value, setValue] = useState('');
  const [debounced] = useDebouncedValue(value.trim(), 250);
  const results = useQuery({
    queryKey: ['icd10', debounced],
    queryFn: ({ signal }) => searchIcd10(debounced, signal),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const items = debounced.length >= 2 ? (results.data?.items ?? []) : [];

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(code) => {
        const c = items.find((i) => i.code === code);
        if (c) onPick(c);
        setValue('');
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label={t('consultation.diagnosisSearch')}
          description={t('consultation.diagnosisSearchHint')}
          value={value}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={results.isFetching ? <Loader size="xs" /> : null}
          maxLength={100}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      {/* Mounted only when there is something to look for, so it is measured before it is placed
          (see MedicineSearch: a hidden one is placed half off a phone's screen). */}
      {debounced.length >= 2 && (
        <Combobox.Dropdown>
          <Combobox.Options mah={300} style={{ overflowY: 'auto' }}>
            {items.length === 0 && !results.isFetching ? (
              <Combobox.Empty>{t('consultation.noCodeMatch', { q: debounced })}</Combobox.Empty>
            ) : (
              items.map((c) => (
                <Combobox.Option value={c.code} key={c.code}>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <Text size="sm" fw={600} ff="monospace" style={{ flex: '0 0 4.5rem' }}>
                      {c.code}
                    </Text>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {c.title}
                    </Text>
                  </Group>
                </Combobox.Option>
              ))
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      )}
    </Combobox>
  );
}
