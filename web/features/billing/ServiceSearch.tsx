import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useBillingServices, type PricedService, type ServiceSource } from './queries';

/**
 * Finds a service of the hospital's price list by code or name as you type (the first ones as
 * soon as it is focused) and hands it to `onPick`, then clears itself for the next one. The ward
 * searches through its own door (`source="ward"`): nurses may charge services but not read the
 * price list's management view.
 */
export function ServiceSearch({
  label,
  onPick,
  source = 'price-list',
  error,
}: {
  label: string;
  onPick: (s: PricedService, currency: string) => void;
  source?: ServiceSource;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [value, setValue] = useState('');
  const [focused, setFocused] = useState(false);
  const [debounced] = useDebouncedValue(value.trim(), 200);
  const results = useBillingServices(debounced, focused || debounced.length > 0, source);
  const items = results.data?.items ?? [];
  const currency = results.data?.currency ?? '';

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(id) => {
        const s = items.find((i) => i.id === id);
        if (!s) return;
        onPick(s, currency);
        setValue('');
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label={label}
          placeholder={t('invoice.servicePlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={
            results.isFetching ? <Loader size="xs" role="status" aria-label={t('common.searching')} /> : null
          }
          value={value}
          autoComplete="off"
          maxLength={100}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => {
            setFocused(true);
            combobox.openDropdown();
          }}
          onBlur={() => combobox.closeDropdown()}
          error={error}
          data-testid="service-search"
        />
      </Combobox.Target>
      {/* Mounted once there is an answer, so it is measured before it is placed (see MedicineSearch). */}
      {results.data && (
        <Combobox.Dropdown>
          <Combobox.Options mah={300} style={{ overflowY: 'auto' }}>
            {items.length > 0 ? (
              items.map((s) => (
                <Combobox.Option value={s.id} key={s.id}>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                        {s.name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {s.code}
                      </Text>
                    </div>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {f.money(s.priceMinor, currency)}
                    </Text>
                  </Group>
                </Combobox.Option>
              ))
            ) : (
              <Combobox.Empty>
                {results.isFetching ? t('common.searching') : t('invoice.noServices')}
              </Combobox.Empty>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      )}
    </Combobox>
  );
}
