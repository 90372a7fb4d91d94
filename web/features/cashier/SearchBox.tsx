import { Loader, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A list's search box, with a spinner while the typed text is still being searched for. */
export function SearchBox({
  label,
  placeholder,
  value,
  onChange,
  searching,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  searching: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={searching ? <Loader size="xs" role="status" aria-label={t('common.searching')} /> : null}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      role="searchbox"
      style={{ flex: '1 1 16rem' }}
    />
  );
}
