import { SegmentedControl, Select } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  data: { value: string; label: string }[];
}

/**
 * Which part of a queue to show: a segmented control where it fits, a select on a phone (four or
 * more long labels side by side do not fit in 375 px).
 */
export function StatusFilter({ label, value, onChange, data }: Props) {
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  if (phone)
    return (
      <Select
        label={label}
        data={data}
        value={value}
        onChange={(v) => v && onChange(v)}
        allowDeselect={false}
        data-testid="status-filter"
      />
    );
  return (
    <SegmentedControl
      aria-label={label}
      value={value}
      onChange={onChange}
      data={data}
      size="sm"
      style={{ alignSelf: 'flex-start' }}
      data-testid="status-filter"
    />
  );
}
