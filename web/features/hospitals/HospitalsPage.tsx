import { Badge, Button, Card, Stack, Text, TextInput } from '@mantine/core';
import { IconBuildingHospital, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hospital } from '../../../contracts/organisation';
import { getAllPages } from '../../lib/api';
import { ME_KEY, useSession } from '../../lib/session';
import { ClientTable } from '../../components/ClientTable';
import { useClientTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { HospitalModal } from './HospitalModal';

/** Hospitals: a platform admin sees and adds every one; a hospital admin edits their own settings. */
export default function HospitalsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const client = useQueryClient();
  const platform = can('hospitals:create');
  const [editing, setEditing] = useState<Hospital | 'new' | null>(null);
  const hospitals = useQuery({
    queryKey: ['hospitals'],
    queryFn: ({ signal }) => getAllPages<Hospital>('/api/hospitals', {}, signal),
  });
  const refresh = useCallback(async () => {
    await client.invalidateQueries({ queryKey: ['hospitals'] });
    await client.invalidateQueries({ queryKey: ['hospital'] });
    // The signed-in person's hospital names and time zone come with who they are.
    await client.invalidateQueries({ queryKey: ME_KEY });
  }, [client]);

  const columns = useMemo<Column<Hospital>[]>(
    () => [
      {
        key: 'name',
        header: t('hospitals.name'),
        cell: (h) => (
          <div>
            <Text size="sm" fw={500}>
              {h.name}
            </Text>
            <Text size="xs" c="dimmed">
              {h.code}
            </Text>
          </div>
        ),
        sortValue: (h) => h.name.toLowerCase(),
      },
      {
        key: 'city',
        header: t('hospitals.city'),
        cell: (h) => <Text size="sm">{[h.city, h.country].filter(Boolean).join(', ') || '—'}</Text>,
        sortValue: (h) => h.city,
        visibleFrom: 'sm',
      },
      {
        key: 'timeZone',
        header: t('hospitals.timeZone'),
        cell: (h) => <Text size="sm">{h.timeZone}</Text>,
        sortValue: (h) => h.timeZone,
        visibleFrom: 'md',
      },
      {
        key: 'currency',
        header: t('hospitals.currency'),
        cell: (h) => <Text size="sm">{h.currency}</Text>,
        sortValue: (h) => h.currency,
        visibleFrom: 'md',
      },
      {
        key: 'status',
        header: t('common.status'),
        cell: (h) => (
          <Badge color={h.active ? 'teal' : 'gray'} variant="light">
            {h.active ? t('common.active') : t('common.inactive')}
          </Badge>
        ),
        sortValue: (h) => (h.active ? 0 : 1),
      },
      {
        key: 'actions',
        header: t('common.actions'),
        cell: (h) => (
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => setEditing(h)}
            aria-label={t('hospitals.editNamed', { name: h.name })}
          >
            {t('actions.edit')}
          </Button>
        ),
      },
    ],
    [t],
  );
  const matches = useCallback(
    (h: Hospital, q: string) => [h.name, h.code, h.city, h.country].some((s) => s.toLowerCase().includes(q)),
    [],
  );
  const table = useClientTable(hospitals.data, {
    columns,
    matches,
    initialSort: { key: 'name', direction: 'asc' },
  });

  return (
    <>
      <PageHeader
        title={t('hospitals.title')}
        description={platform ? t('hospitals.descriptionPlatform') : t('hospitals.description')}
        actions={
          platform && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('hospitals.add')}
            </Button>
          )
        }
      />
      <Card>
        <Stack>
          {platform && (
            <TextInput
              aria-label={t('hospitals.search')}
              placeholder={t('hospitals.search')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={table.query}
              onChange={(e) => table.setQuery(e.currentTarget.value)}
              maw={360}
            />
          )}
          <ClientTable
            query={hospitals}
            table={table}
            columns={columns}
            caption={t('hospitals.title')}
            rowKey={(h) => h.id}
            skeletonRows={3}
            empty={{
              icon: <IconBuildingHospital size={28} aria-hidden />,
              title: t('hospitals.emptyTitle'),
              description: t('hospitals.emptyBody'),
            }}
          />
        </Stack>
      </Card>
      {editing && (
        <HospitalModal
          hospital={editing === 'new' ? null : editing}
          platform={platform}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </>
  );
}
