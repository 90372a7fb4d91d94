import { Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCategory, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../contracts/organisation';
import { get, patch } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ClientTable } from '../../components/ClientTable';
import { useClientTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { DepartmentModal } from './DepartmentModal';

/** The active hospital's departments; admins add, rename and deactivate them (never delete). */
export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { can, activeHospital } = useSession();
  const client = useQueryClient();
  const manage = can('departments:manage');
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: ({ signal }) =>
      get<{ items: Department[] }>('/api/departments', undefined, signal).then((r) => r.items),
  });
  const refresh = useCallback(() => client.invalidateQueries({ queryKey: ['departments'] }), [client]);

  const columns = useMemo<Column<Department>[]>(
    () => [
      {
        key: 'name',
        header: t('departments.name'),
        cell: (d) => (
          <Text size="sm" fw={500}>
            {d.name}
          </Text>
        ),
        sortValue: (d) => d.name.toLowerCase(),
      },
      {
        key: 'description',
        header: t('departments.descriptionField'),
        cell: (d) => (
          <Text size="sm" c="dimmed" lineClamp={2}>
            {d.description || '—'}
          </Text>
        ),
        visibleFrom: 'sm',
      },
      {
        key: 'status',
        header: t('common.status'),
        cell: (d) => (
          <Badge color={d.active ? 'teal' : 'gray'} variant="light">
            {d.active ? t('common.active') : t('common.inactive')}
          </Badge>
        ),
        sortValue: (d) => (d.active ? 0 : 1),
      },
      ...(manage
        ? [
            {
              key: 'actions',
              header: t('common.actions'),
              cell: (d: Department) => (
                <Group gap={6} wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => setEditing(d)}
                    aria-label={t('departments.editNamed', { name: d.name })}
                  >
                    {t('actions.edit')}
                  </Button>
                  <ConfirmButton
                    size="compact-sm"
                    variant="subtle"
                    color={d.active ? 'red' : undefined}
                    title={
                      d.active
                        ? t('departments.deactivateTitle', { name: d.name })
                        : t('departments.reactivateTitle', { name: d.name })
                    }
                    message={
                      d.active ? t('departments.deactivateMessage') : t('departments.reactivateMessage')
                    }
                    confirmLabel={d.active ? t('departments.deactivate') : t('departments.reactivate')}
                    destructive={d.active}
                    onConfirm={async () => {
                      await patch(`/api/departments/${d.id}`, { active: !d.active });
                      notifySuccess(t('departments.saved', { name: d.name }));
                      await refresh();
                    }}
                  >
                    {d.active ? t('departments.deactivate') : t('departments.reactivate')}
                  </ConfirmButton>
                </Group>
              ),
            },
          ]
        : []),
    ],
    [t, manage, refresh],
  );
  const matches = useCallback(
    (d: Department, q: string) => d.name.toLowerCase().includes(q) || d.description.toLowerCase().includes(q),
    [],
  );
  const table = useClientTable(departments.data, {
    columns,
    matches,
    initialSort: { key: 'name', direction: 'asc' },
  });

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        description={activeHospital?.name}
        actions={
          manage && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('departments.add')}
            </Button>
          )
        }
      />
      <Card>
        <Stack>
          <TextInput
            aria-label={t('departments.search')}
            placeholder={t('departments.search')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={table.query}
            onChange={(e) => table.setQuery(e.currentTarget.value)}
            maw={360}
          />
          <ClientTable
            query={departments}
            table={table}
            columns={columns}
            caption={t('departments.title')}
            rowKey={(d) => d.id}
            empty={{
              icon: <IconCategory size={28} aria-hidden />,
              title: t('departments.emptyTitle'),
              description: manage ? t('departments.emptyBodyAdmin') : t('departments.emptyBody'),
            }}
          />
        </Stack>
      </Card>
      {editing && (
        <DepartmentModal
          department={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </>
  );
}
