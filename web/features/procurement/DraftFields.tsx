import '@mantine/dates/styles.layer.css';
import { Select, SimpleGrid, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { Store } from '../../../contracts/pharmacy';
import { TimeZoneContext } from '../../lib/format';
import { todayIn } from '../stock/expiry';
import type { DraftValues } from './draft-form';

/** Where a draft is delivered, when it is expected, and the notes for the supplier. */
export function DraftFields({ form, stores }: { form: UseFormReturnType<DraftValues>; stores: Store[] }) {
  const { t } = useTranslation();
  const today = todayIn(useContext(TimeZoneContext));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label={t('poForm.store')}
        required
        allowDeselect={false}
        data={stores.map((s) => ({ value: s.id, label: s.name }))}
        {...form.getInputProps('storeId')}
      />
      <DateInput
        label={t('poForm.expectedOn')}
        minDate={today}
        valueFormat="D MMM YYYY"
        clearable
        popoverProps={{ withinPortal: true }}
        {...form.getInputProps('expectedOn')}
      />
      <Textarea
        label={t('poForm.notes')}
        autosize
        minRows={2}
        maxLength={1000}
        style={{ gridColumn: '1 / -1' }}
        {...form.getInputProps('notes')}
      />
    </SimpleGrid>
  );
}
