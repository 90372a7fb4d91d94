import { Select, SimpleGrid, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import type { InputProps } from './DiscountFields';
import { useDoctorProfiles } from '../doctors/queries';
import { useDepartments } from './queries';

export interface BillDetails {
  departmentId: string;
  doctorId: string;
  notes: string;
}

/** The department and doctor a bill is for (for revenue by each), and its notes. */
export function BillDetailsFields({
  values,
  fieldProps,
  onChange,
}: {
  values: BillDetails;
  fieldProps: (name: keyof BillDetails) => InputProps;
  onChange: (name: 'departmentId' | 'doctorId', value: string) => void;
}) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const doctors = useDoctorProfiles('approved');
  const failed = [departments, doctors].find((q) => q.isError);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {failed && (
        <div style={{ gridColumn: '1 / -1' }}>
          <LoadError error={failed.error} onRetry={() => void failed.refetch()} />
        </div>
      )}
      <Select
        label={t('invoice.department')}
        placeholder={t('invoice.none')}
        clearable
        searchable
        data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        error={fieldProps('departmentId').error}
        value={values.departmentId || null}
        onChange={(v) => onChange('departmentId', v ?? '')}
      />
      <Select
        label={t('invoice.doctor')}
        placeholder={t('invoice.none')}
        clearable
        searchable
        data={(doctors.data ?? []).map((d) => ({
          value: d.id,
          label: [d.fullName, d.specialty].filter(Boolean).join(' · '),
        }))}
        error={fieldProps('doctorId').error}
        value={values.doctorId || null}
        onChange={(v) => {
          onChange('doctorId', v ?? '');
          // The doctor's own department is the usual one: filled in when none is chosen yet.
          const doctor = doctors.data?.find((d) => d.id === v);
          if (doctor?.departmentId && !values.departmentId) onChange('departmentId', doctor.departmentId);
        }}
      />
      <Textarea
        label={t('invoice.notes')}
        autosize
        minRows={2}
        maxLength={2000}
        style={{ gridColumn: '1 / -1' }}
        {...fieldProps('notes')}
      />
    </SimpleGrid>
  );
}
