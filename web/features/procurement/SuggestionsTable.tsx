import { Checkbox, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable';
import { useFormat } from '../../lib/format';
import { choiceOf, priceOf, type Choice } from './reorder-selection';
import type { ReorderSuggestion, Supplier } from '../../../contracts/procurement';
import { typedNumber } from './number-input';

/**
 * The suggestions as a table (a card each on a phone): a checkbox with the medicine, its stock and
 * use, then the packs and the supplier the officer may change before the drafts are made.
 */
export function SuggestionsTable({
  items,
  choices,
  onChange,
  suppliers,
  currency,
  withStore,
}: {
  items: ReorderSuggestion[];
  choices: Record<string, Choice>;
  onChange: (s: ReorderSuggestion, patch: Partial<Choice>) => void;
  suppliers: Supplier[];
  currency: string;
  withStore: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const name = (s: ReorderSuggestion) =>
    `${s.medicineName}${s.strength ? ` ${s.strength}` : ''} · ${t(`dosageForms.${s.form}` as 'dosageForms.tablet')}`;
  const vars = (s: ReorderSuggestion) => ({ name: s.medicineName, store: s.storeName });
  const supplierOptions = (s: ReorderSuggestion) => {
    const list = suppliers.map((x) => ({ value: x.id, label: x.name }));
    // The suggested supplier stays offered even when the list of those in use lacks it.
    return s.supplier && !list.some((o) => o.value === s.supplier!.id)
      ? [{ value: s.supplier.id, label: s.supplier.name }, ...list]
      : list;
  };

  const columns: Column<ReorderSuggestion>[] = [
    {
      key: 'medicine',
      header: t('reorder.medicine'),
      cell: (s) => (
        <Checkbox
          checked={choiceOf(choices, s).selected}
          onChange={(e) => onChange(s, { selected: e.currentTarget.checked })}
          aria-label={t('reorder.select', vars(s))}
          label={
            <Stack gap={0}>
              <Text size="sm" fw={500}>
                {name(s)}
              </Text>
              {withStore && (
                <Text size="xs" c="dimmed">
                  {s.storeName}
                </Text>
              )}
            </Stack>
          }
        />
      ),
    },
    {
      key: 'stock',
      header: t('reorder.onHandOfLevel'),
      cell: (s) => (
        <Text size="sm">
          {f.number(s.onHand)} / {f.number(s.reorderLevel)}
        </Text>
      ),
      nowrap: true,
    },
    {
      key: 'onOrder',
      header: t('reorder.onOrder'),
      cell: (s) => t('reorder.onOrderPacks', { count: s.onOrderPacks }),
      nowrap: true,
      visibleFrom: 'lg',
    },
    {
      key: 'use',
      header: t('reorder.use'),
      cell: (s) => (
        <Text size="sm">
          {f.number(s.avgDaily30)} · {f.number(s.avgDaily90)}
        </Text>
      ),
      visibleFrom: 'md',
    },
    {
      key: 'packs',
      header: t('reorder.packs'),
      cell: (s) => (
        <NumberInput
          size="xs"
          w={96}
          min={1}
          max={100_000}
          allowDecimal={false}
          allowNegative={false}
          value={choiceOf(choices, s).packs}
          onChange={(v) => onChange(s, { packs: v })}
          aria-label={t('reorder.packsFor', vars(s))}
          description={t('reorder.packOf', { count: s.packSize })}
          inputWrapperOrder={['input', 'description']}
        />
      ),
      nowrap: true,
    },
    {
      key: 'supplier',
      header: t('reorder.supplier'),
      cell: (s) => (
        <Select
          size="xs"
          w="100%"
          miw={{ base: 0, sm: 190 }}
          data={supplierOptions(s)}
          value={choiceOf(choices, s).supplierId}
          onChange={(v) => onChange(s, { supplierId: v })}
          placeholder={t('reorder.noSupplier')}
          aria-label={t('reorder.supplierFor', vars(s))}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
      ),
    },
    {
      key: 'value',
      header: t('reorder.value'),
      cell: (s) => {
        const c = choiceOf(choices, s);
        const price = priceOf(s, c);
        const packs = typedNumber(c.packs);
        return price !== null && packs !== undefined ? (
          <Stack gap={0}>
            <Text size="sm">{f.money(price * packs, currency)}</Text>
            <Text size="xs" c="dimmed">
              {t('reorder.lastPrice')} {f.money(price, currency)}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        );
      },
      nowrap: true,
    },
  ];

  return (
    <DataTable
      caption={t('reorder.caption')}
      columns={columns}
      rows={items}
      rowKey={(s) => `${s.storeId}:${s.medicineId}`}
      empty={null}
    />
  );
}
