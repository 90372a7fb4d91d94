import { Input, SegmentedControl, Select } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevenueGrouping } from '../../../contracts/billing-reports';
import { GROUPINGS } from './revenue';

/** "Group by": four choices side by side with their label, or a select on a phone. */
export function GroupingPicker({
  value,
  onChange,
}: {
  value: RevenueGrouping;
  onChange: (v: RevenueGrouping) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const data = GROUPINGS.map((g) => ({ value: g, label: t(`revenue.groupings.${g}`) }));
  if (phone)
    return (
      <Select
        label={t('revenue.groupBy')}
        data={data}
        value={value}
        onChange={(v) => v && onChange(v as RevenueGrouping)}
        allowDeselect={false}
        w="100%"
        data-testid="revenue-grouping"
      />
    );
  return (
    <Input.Wrapper label={t('revenue.groupBy')} labelElement="div" labelProps={{ id }}>
      <div>
        <SegmentedControl
          aria-labelledby={id}
          value={value}
          onChange={(v) => onChange(v as RevenueGrouping)}
          data={data}
          data-testid="revenue-grouping"
        />
      </div>
    </Input.Wrapper>
  );
}
