import '@mantine/dates/styles.layer.css';
import { Button, Collapse, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { DateInput } from '@mantine/dates';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { InvoiceSource, InvoiceStatus } from '../../../contracts/billing';
import type { InvoiceFilters } from './queries';

/** The invoice list's filters, each kept in the address by `set`. */
export function InvoiceFiltersBar({
  filters,
  set,
}: {
  filters: InvoiceFilters;
  set: (key: string, value: string | null) => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [open, { toggle }] = useDisclosure(false);
  const chosen = [filters.status, filters.source, filters.from, filters.to, filters.unpaid || null].filter(
    Boolean,
  ).length;
  const more = (
    <>
      <Select
        label={t('invoices.status')}
        placeholder={t('invoices.any')}
        clearable
        data={InvoiceStatus.options.map((s) => ({ value: s, label: t(`invoiceStatus.${s}`) }))}
        value={filters.status}
        onChange={(v) => set('status', v)}
      />
      <Select
        label={t('invoices.source')}
        placeholder={t('invoices.any')}
        clearable
        data={InvoiceSource.options.map((s) => ({ value: s, label: t(`invoices.sources.${s}`) }))}
        value={filters.source}
        onChange={(v) => set('source', v)}
      />
      <DateInput
        label={t('invoices.from')}
        valueFormat="D MMM YYYY"
        clearable
        maxDate={filters.to ?? undefined}
        popoverProps={{ withinPortal: true }}
        value={filters.from}
        onChange={(v) => set('from', v)}
      />
      <DateInput
        label={t('invoices.to')}
        valueFormat="D MMM YYYY"
        clearable
        minDate={filters.from ?? undefined}
        popoverProps={{ withinPortal: true }}
        value={filters.to}
        onChange={(v) => set('to', v)}
      />
      <Switch
        label={t('invoices.onlyUnpaid')}
        checked={filters.unpaid}
        onChange={(e) => set('unpaid', e.currentTarget.checked ? 'true' : null)}
        style={phone ? undefined : { alignSelf: 'end' }}
        mb={8}
      />
    </>
  );
  const searchField = (
    <TextInput
      label={t('invoices.search')}
      placeholder={t('invoices.searchPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={filters.q}
      maxLength={100}
      // Into the address at once (the list's query waits for typing to pause): a search that
      // landed later could take someone who had already clicked a row back to the list.
      onChange={(e) => set('q', e.currentTarget.value || null)}
      data-testid="invoice-search"
    />
  );
  // On a phone the filters other than the search fold away, so the bills come first.
  if (phone)
    return (
      <Stack gap="xs">
        {searchField}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          onClick={toggle}
          aria-expanded={open}
          style={{ alignSelf: 'flex-start' }}
        >
          {chosen > 0 ? t('invoices.moreFiltersChosen', { count: chosen }) : t('invoices.moreFilters')}
        </Button>
        <Collapse expanded={open}>
          <Stack gap="sm">{more}</Stack>
        </Collapse>
      </Stack>
    );
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm">
      {searchField}
      {more}
    </SimpleGrid>
  );
}
