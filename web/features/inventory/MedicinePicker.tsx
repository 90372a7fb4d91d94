import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medicine } from '../../../contracts/pharmacy';
import { get } from '../../lib/api';

/** How a medicine reads in a picker: name, strength and form, the brand after it. */
export function useMedicineLabel() {
  const { t } = useTranslation();
  return (m: Medicine) =>
    `${m.genericName} ${m.strength} · ${t(`dosageForms.${m.form}`)}${m.brandName ? ` (${m.brandName})` : ''}`;
}

/**
 * Picks an active medicine by searching the catalog as you type (names typo-tolerant, a scanned
 * barcode finds its item); the first match is highlighted, so a scan then Enter picks it.
 */
export function MedicinePicker({
  value,
  onChange,
  label,
  error,
  autoFocus,
}: {
  value: Medicine | null;
  onChange: (m: Medicine | null) => void;
  label: string;
  error?: React.ReactNode;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const labelOf = useMedicineLabel();
  const [search, setSearch] = useState(value ? labelOf(value) : '');
  const [debounced] = useDebouncedValue(search, 250);
  // Once a medicine is chosen the box shows its label: search for that would only find itself.
  const term = value && debounced === labelOf(value) ? '' : debounced;
  const results = useQuery({
    queryKey: ['medicines', 'picker', term],
    queryFn: ({ signal }) =>
      get<{ items: Medicine[] }>('/api/medicines', { q: term.trim() || undefined, limit: 20 }, signal),
    placeholderData: (previous) => previous,
  });
  const options = useMemo(() => {
    const list = results.data?.items ?? [];
    return value && !list.some((m) => m.id === value.id) ? [value, ...list] : list;
  }, [results.data, value]);

  return (
    <Select
      label={label}
      required
      searchable
      autoFocus={autoFocus}
      searchValue={search}
      onSearchChange={setSearch}
      data={options.map((m) => ({ value: m.id, label: labelOf(m) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((m) => m.id === id) ?? null)}
      // The server has filtered and ranked: show its answer as it is.
      filter={({ options: all }) => all}
      selectFirstOptionOnChange
      nothingFoundMessage={results.isFetching ? t('common.searching') : t('common.nothingFound')}
      rightSection={
        results.isFetching ? <Loader size="xs" role="status" aria-label={t('common.searching')} /> : undefined
      }
      placeholder={t('receive.medicinePlaceholder')}
      error={error}
      maxDropdownHeight={280}
    />
  );
}
