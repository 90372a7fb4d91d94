import { Anchor, Button, Group, Loader, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PatientSummary } from '../../../contracts/patients';
import { useFormat } from '../../lib/format';
import { LoadError } from '../../components/LoadError';
import { usePatientSearch } from './queries';

/** A patient's name as the front desk says it: given name, then family name. */
export const patientName = (p: { givenName: string; familyName: string | null }) =>
  [p.givenName, p.familyName].filter(Boolean).join(' ');

/** A patient chosen at the front desk: enough to name them on the form. */
export interface ChosenPatient {
  id: string;
  name: string;
  mrn: string | null;
}

interface Props {
  value: ChosenPatient | null;
  onChange: (patient: ChosenPatient | null) => void;
  /** Words of the screen it sits on: the search's label and hint, and the button that changes the choice. */
  labels: { find: string; placeholder: string; change: string };
  /** Results to show at once. */
  pageSize: number;
  /** A button beside the search to register a new patient, for a person not registered yet. */
  withRegister?: boolean;
  /** Show the date of birth in each result (to tell apart people of one name). */
  withBirthDate?: boolean;
  autoFocus?: boolean;
  /** Test ids of the chosen patient's row and of each result. */
  testIds: { chosen: string; result: string };
}

/**
 * Finds a patient registered at the active hospital as one types, by name, phone or MRN; once one
 * is chosen, shows them with a button to choose again. Those not found can be registered.
 */
export function PatientChooser({ value, onChange, labels, testIds, ...search }: Props) {
  const { t } = useTranslation();
  if (value)
    return (
      <Group justify="space-between" gap="xs" data-testid={testIds.chosen}>
        <Stack gap={0}>
          <Text fw={600}>{value.name}</Text>
          {value.mrn && (
            <Text size="sm" ff="monospace" c="dimmed">
              {value.mrn}
            </Text>
          )}
        </Stack>
        <Button size="xs" variant="default" onClick={() => onChange(null)}>
          {labels.change}
        </Button>
      </Group>
    );
  return (
    <PatientSearch
      {...search}
      label={labels.find}
      placeholder={labels.placeholder}
      resultTestId={testIds.result}
      registerLabel={t('patients.registerNew')}
      onPick={(p) => onChange({ id: p.id, name: patientName(p), mrn: p.mrn })}
    />
  );
}

function PatientSearch({
  label,
  placeholder,
  pageSize,
  withRegister,
  withBirthDate,
  autoFocus,
  resultTestId,
  registerLabel,
  onPick,
}: Omit<Props, 'value' | 'onChange' | 'labels' | 'testIds'> & {
  label: string;
  placeholder: string;
  resultTestId: string;
  registerLabel: string;
  onPick: (p: PatientSummary) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const search = usePatientSearch(debounced, 1, pageSize);
  const typed = debounced.trim().length > 0;
  const input = (
    <TextInput
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={search.isFetching ? <Loader size={14} /> : null}
      value={q}
      onChange={(e) => setQ(e.currentTarget.value)}
      data-autofocus={autoFocus || undefined}
      style={withRegister ? { flex: '1 1 16rem' } : undefined}
    />
  );
  return (
    <Stack gap="xs">
      {withRegister ? (
        <Group align="flex-end" gap="xs">
          {input}
          <Button
            component={Link}
            to="/app/patients/new"
            variant="default"
            leftSection={<IconUserPlus size={18} aria-hidden />}
          >
            {registerLabel}
          </Button>
        </Group>
      ) : (
        input
      )}
      {search.isError && <LoadError error={search.error} onRetry={() => void search.refetch()} />}
      {typed && search.data && search.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('patients.notFoundHere')}{' '}
          <Anchor component={Link} to="/app/patients/new" size="sm">
            {registerLabel}
          </Anchor>
        </Text>
      )}
      {typed &&
        search.data?.items.map((p) => (
          <UnstyledButton
            key={p.id}
            onClick={() => onPick(p)}
            p="xs"
            style={{
              border: '1px solid var(--mantine-color-default-border)',
              borderRadius: 'var(--mantine-radius-sm)',
            }}
            data-testid={resultTestId}
          >
            <Group justify="space-between" gap="xs">
              <Text fw={500} size="sm">
                {patientName(p)}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {[p.mrn, withBirthDate && p.dateOfBirth ? f.date(p.dateOfBirth) : null, p.phone]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Group>
          </UnstyledButton>
        ))}
    </Stack>
  );
}
