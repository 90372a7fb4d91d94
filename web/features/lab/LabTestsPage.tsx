import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFlask, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabTest } from '../../../contracts/lab';
import type { Column } from '../../components/DataTable';
import { InUseActions, type InUseWords } from '../../components/InUseActions';
import { PageHeader } from '../../components/PageHeader';
import { PagedList, useListParams } from '../../components/PagedList';
import { patch } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { SearchBox } from '../cashier/SearchBox';
import { StatusFilter } from '../dispensing/StatusFilter';
import { LabTestModal } from './LabTestModal';
import { LAB_TESTS_KEY, useLabTests, type ActiveFilter } from './queries';

const PAGE_SIZE = 20;
const FILTERS: ActiveFilter[] = ['true', 'false', 'all'];

/**
 * The lab's test catalog: searched on the server; the lab and administrators add tests and change
 * them in a modal, take them out of use and put them back; clinical and front-desk staff read it.
 */
export default function LabTestsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const manage = can('lab-tests:manage');
  const client = useQueryClient();
  const { params, page, set } = useListParams();
  const [editing, setEditing] = useState<LabTest | 'new' | null>(null);
  const q = params.get('q') ?? '';
  const active = (FILTERS as string[]).includes(params.get('active') ?? '')
    ? (params.get('active') as ActiveFilter)
    : 'true';
  const [debounced] = useDebouncedValue(q, 250);
  const list = useLabTests(debounced, active, page, PAGE_SIZE);
  const currency = list.data?.currency ?? 'INR';
  const filtered = !!debounced || active !== 'true';
  const refresh = () => client.invalidateQueries({ queryKey: LAB_TESTS_KEY });

  const setActive = async (test: LabTest, on: boolean) => {
    await patch<LabTest>(`/api/lab/tests/${test.id}`, { active: on });
    await refresh();
    notifySuccess(t(on ? 'labTests.putBackDone' : 'labTests.takenOff', { name: test.name }));
  };

  const actionWords = (name: string): InUseWords => ({
    edit: t('labTests.edit'),
    editOf: t('labTests.editOf', { name }),
    takeOff: t('labTests.takeOff'),
    takeOffOf: t('labTests.takeOffOf', { name }),
    takeOffTitle: t('labTests.takeOffTitle', { name }),
    takeOffMessage: t('labTests.takeOffMessage'),
    putBack: t('labTests.putBack'),
    putBackOf: t('labTests.putBackOf', { name }),
  });

  const columns: Column<LabTest>[] = [
    {
      key: 'test',
      header: t('labTests.test'),
      cell: (x) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {x.name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {x.code}
          </Text>
        </Stack>
      ),
    },
    { key: 'sample', header: t('labTests.sample'), cell: (x) => t(`sampleTypes.${x.sampleType}`) },
    {
      key: 'turnaround',
      header: t('labTests.turnaround'),
      cell: (x) => t('labTests.hours', { count: x.turnaroundHours }),
      nowrap: true,
    },
    {
      key: 'price',
      header: t('labTests.price'),
      cell: (x) => (
        <Stack gap={0}>
          <Text size="sm">{f.money(x.service.priceMinor, currency)}</Text>
          {!x.service.active && (
            <Text size="xs" c="red">
              {t('labTests.serviceOff')}
            </Text>
          )}
        </Stack>
      ),
      nowrap: true,
    },
    {
      key: 'measures',
      header: t('labTests.measures'),
      cell: (x) => (
        <Text size="sm" title={x.analytes.map((a) => a.name).join(', ')}>
          {t('labTests.analyteCount', { count: x.analytes.length })}
        </Text>
      ),
      nowrap: true,
    },
    {
      key: 'status',
      header: t('labTests.status'),
      cell: (x) => (
        <Badge variant="light" color={x.active ? 'teal' : 'gray'} tt="none">
          {x.active ? t('labTests.inUse') : t('labTests.outOfUse')}
        </Badge>
      ),
      nowrap: true,
    },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      cell: (x) => (
        <InUseActions
          active={x.active}
          words={actionWords(x.name)}
          onEdit={() => setEditing(x)}
          onSetActive={(on) => setActive(x, on)}
        />
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('labTests.title')}
        description={
          manage ? t('labTests.description') : `${t('labTests.description')} ${t('labTests.readOnly')}`
        }
      />
      <Card>
        <Stack>
          <Group align="flex-end" gap="md">
            <SearchBox
              label={t('labTests.searchLabel')}
              placeholder={t('labTests.searchPlaceholder')}
              value={q}
              onChange={(v) => set('q', v)}
              searching={q !== debounced || (list.isFetching && !list.isPending)}
            />
            <StatusFilter
              label={t('labTests.show')}
              value={active}
              onChange={(v) => set('active', v === 'true' ? null : v)}
              data={FILTERS.map((v) => ({ value: v, label: t(`labTests.filters.${v}`) }))}
            />
            {manage && (
              <Button
                onClick={() => setEditing('new')}
                leftSection={<IconPlus size={16} aria-hidden />}
                disabled={!list.data}
                data-testid="add-lab-test"
              >
                {t('labTests.add')}
              </Button>
            )}
          </Group>
          <PagedList
            query={list}
            columns={columns}
            caption={t('labTests.caption')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconFlask size={28} aria-hidden />,
              title: filtered ? t('labTests.noMatchTitle') : t('labTests.emptyTitle'),
              description: filtered ? t('labTests.noMatchBody') : t('labTests.emptyBody'),
            }}
          />
        </Stack>
      </Card>
      {editing && (
        <LabTestModal
          test={editing === 'new' ? null : editing}
          currency={currency}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </>
  );
}
