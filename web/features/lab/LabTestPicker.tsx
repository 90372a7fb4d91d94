import { Group, MultiSelect, Pill, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabTest } from '../../../contracts/lab';
import { LoadError } from '../../components/LoadError';
import { useFormat } from '../../lib/format';
import { testsTotal } from './lab-orders';
import { useOrderableTests } from './order-queries';

interface Props {
  value: string[];
  onChange: (testIds: string[]) => void;
  error?: string | null;
}

/**
 * Chooses tests of the catalog (those in use) by code or name, each shown with its sample and
 * price; the chosen ones are listed below with what they come to.
 */
export function LabTestPicker({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const catalog = useOrderableTests();
  const byId = useMemo(() => new Map((catalog.data?.tests ?? []).map((x) => [x.id, x])), [catalog.data]);
  const currency = catalog.data?.currency ?? 'INR';
  const chosen = value.map((id) => byId.get(id)).filter((x): x is LabTest => !!x);
  const total = testsTotal(chosen);

  if (catalog.isError) return <LoadError error={catalog.error} onRetry={() => void catalog.refetch()} />;
  return (
    <Stack gap="xs">
      <MultiSelect
        label={t('labOrders.testsLabel')}
        description={t('labOrders.testsHint')}
        placeholder={chosen.length ? undefined : t('labOrders.testsPlaceholder')}
        required
        searchable
        hidePickedOptions
        disabled={catalog.isPending}
        nothingFoundMessage={t('labOrders.testsNone')}
        maxValues={30}
        data={(catalog.data?.tests ?? []).map((x) => ({ value: x.id, label: `${x.code} · ${x.name}` }))}
        value={value}
        onChange={onChange}
        error={error}
        renderOption={({ option }) => {
          const test = byId.get(option.value);
          if (!test) return option.label;
          return (
            <Group justify="space-between" gap="xs" wrap="nowrap" w="100%">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {test.name}
                </Text>
                <Text size="xs" c="dimmed">
                  <Text span ff="monospace" size="xs">
                    {test.code}
                  </Text>{' '}
                  · {t(`sampleTypes.${test.sampleType}`)}
                </Text>
              </div>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {f.money(test.service.priceMinor, currency)}
              </Text>
            </Group>
          );
        }}
        renderPill={({ option, onRemove }) => (
          <Pill withRemoveButton onRemove={onRemove} ff="monospace">
            {byId.get(String(option.value))?.code ?? option.label}
          </Pill>
        )}
        comboboxProps={{ withinPortal: true }}
        data-testid="lab-test-picker"
      />
      {chosen.length > 0 && (
        <Table withRowBorders={false} verticalSpacing={4} aria-label={t('labOrders.testsLabel')}>
          <Table.Tbody>
            {chosen.map((x) => (
              <Table.Tr key={x.id} data-testid="chosen-test">
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">{x.name}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`sampleTypes.${x.sampleType}`)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  <Text size="sm">{f.money(x.service.priceMinor, currency)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>
                <Text size="sm" fw={700}>
                  {total.taxMinor > 0 ? t('labOrders.totalWithTax') : t('labOrders.total')}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" fw={700} data-testid="lab-total">
                  {f.money(total.totalMinor, currency)}
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
