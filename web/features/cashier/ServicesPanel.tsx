import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTags } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillingService } from '../../../contracts/price-list';
import type { Column } from '../../components/DataTable';
import { InUseActions, type InUseWords } from '../../components/InUseActions';
import { patch } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { StatusFilter } from '../dispensing/StatusFilter';
import { PagedList, useListParams } from '../../components/PagedList';
import { useBillingServices, type ActiveFilter } from './queries';
import { SearchBox } from './SearchBox';
import { ServiceModal } from './ServiceModal';

const PAGE_SIZE = 20;
const FILTERS: ActiveFilter[] = ['true', 'false', 'all'];

/** The hospital's services: searched on the server, added and changed in a modal, taken off and put back. */
export function ServicesPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const { params, page, set } = useListParams();
  const [editing, setEditing] = useState<BillingService | 'new' | null>(null);
  const q = params.get('q') ?? '';
  const active = (FILTERS as string[]).includes(params.get('active') ?? '')
    ? (params.get('active') as ActiveFilter)
    : 'true';
  const [debounced] = useDebouncedValue(q, 250);
  const list = useBillingServices(debounced, active, page, PAGE_SIZE);
  const currency = list.data?.currency ?? 'INR';
  const filtered = !!debounced || active !== 'true';
  const refresh = () => client.invalidateQueries({ queryKey: ['billing-services'] });

  const setActive = async (s: BillingService, on: boolean) => {
    await patch<BillingService>(`/api/billing/services/${s.id}`, { active: on });
    await refresh();
    notifySuccess(t(on ? 'priceList.putBackDone' : 'priceList.takenOff', { name: s.name }));
  };

  const actionWords = (name: string): InUseWords => ({
    edit: t('priceList.edit'),
    editOf: t('priceList.editOf', { name }),
    takeOff: t('priceList.takeOff'),
    takeOffOf: t('priceList.takeOffOf', { name }),
    takeOffTitle: t('priceList.takeOffTitle', { name }),
    takeOffMessage: t('priceList.takeOffMessage'),
    putBack: t('priceList.putBack'),
    putBackOf: t('priceList.putBackOf', { name }),
  });

  const columns: Column<BillingService>[] = [
    {
      key: 'name',
      header: t('priceList.name'),
      cell: (s) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {s.name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {s.code}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'price',
      header: t('priceList.priceColumn'),
      cell: (s) => f.money(s.priceMinor, currency),
      nowrap: true,
    },
    {
      key: 'tax',
      header: t('priceList.taxRate'),
      cell: (s) => t('priceList.percent', { value: f.number(s.taxRateBp / 100) }),
      nowrap: true,
    },
    {
      key: 'status',
      header: t('priceList.status'),
      cell: (s) => (
        <Badge variant="light" color={s.active ? 'teal' : 'gray'} tt="none">
          {s.active ? t('priceList.onList') : t('priceList.offList')}
        </Badge>
      ),
      nowrap: true,
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (s) => (
        <InUseActions
          active={s.active}
          words={actionWords(s.name)}
          onEdit={() => setEditing(s)}
          onSetActive={(on) => setActive(s, on)}
        />
      ),
    },
  ];

  return (
    <Stack>
      <Group align="flex-end" gap="md">
        <SearchBox
          label={t('priceList.searchLabel')}
          placeholder={t('priceList.searchPlaceholder')}
          value={q}
          onChange={(v) => set('q', v)}
          searching={q !== debounced || (list.isFetching && !list.isPending)}
        />
        <StatusFilter
          label={t('priceList.show')}
          value={active}
          onChange={(v) => set('active', v === 'true' ? null : v)}
          data={FILTERS.map((v) => ({ value: v, label: t(`priceList.filters.${v}`) }))}
        />
        <Button
          onClick={() => setEditing('new')}
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={!list.data}
          data-testid="add-service"
        >
          {t('priceList.add')}
        </Button>
      </Group>
      <PagedList
        query={list}
        columns={columns}
        caption={t('priceList.tabs.services')}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set('page', String(p))}
        empty={{
          icon: <IconTags size={28} aria-hidden />,
          title: filtered ? t('priceList.noMatchTitle') : t('priceList.emptyTitle'),
          description: filtered ? t('priceList.noMatchBody') : t('priceList.emptyBody'),
        }}
      />
      {editing && (
        <ServiceModal
          service={editing === 'new' ? null : editing}
          currency={currency}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </Stack>
  );
}
