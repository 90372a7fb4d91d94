import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconMailPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../contracts/organisation';
import { getAllPages, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { BreakableText } from '../../components/BreakableText';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ClientTable } from '../../components/ClientTable';
import { useClientTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { InvitationsCard } from './InvitationsCard';
import { InviteModal } from './InviteModal';
import { RolesModal } from './RolesModal';

/** The people who work at the active hospital: their roles, invitations, suspension. */
export default function StaffPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can, me } = useSession();
  const client = useQueryClient();
  const manage = can('staff:manage');
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const staff = useQuery({
    queryKey: ['staff'],
    queryFn: ({ signal }) => getAllPages<StaffMember>('/api/staff', {}, signal),
  });
  const refresh = useCallback(async () => {
    await client.invalidateQueries({ queryKey: ['staff'] });
    await client.invalidateQueries({ queryKey: ['dashboard'] });
  }, [client]);

  const columns = useMemo<Column<StaffMember>[]>(
    () => [
      {
        key: 'name',
        header: t('staff.name'),
        cell: (s) => (
          <div>
            <Text size="sm" fw={500}>
              {s.fullName}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'break-word' }}>
              <BreakableText text={s.email} />
            </Text>
          </div>
        ),
        sortValue: (s) => s.fullName.toLowerCase(),
      },
      {
        key: 'roles',
        header: t('staff.roles'),
        cell: (s) => (
          <Group gap={4}>
            {s.roles.map((r) => (
              <Badge key={r} variant="light" tt="none" radius="sm">
                {t(`roles.${r}`)}
              </Badge>
            ))}
          </Group>
        ),
        sortValue: (s) => s.roles.join(','),
      },
      {
        key: 'status',
        header: t('common.status'),
        cell: (s) => (
          <Badge color={s.active ? 'teal' : 'gray'} variant="light">
            {s.active ? t('staff.active') : t('staff.suspended')}
          </Badge>
        ),
        sortValue: (s) => (s.active ? 0 : 1),
        visibleFrom: 'sm',
      },
      {
        key: 'since',
        header: t('staff.since'),
        cell: (s) => <Text size="sm">{f.day(s.since)}</Text>,
        sortValue: (s) => s.since,
        visibleFrom: 'md',
      },
      ...(manage
        ? [
            {
              key: 'actions',
              header: t('common.actions'),
              cell: (s: StaffMember) => (
                <Group gap={6} wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => setEditing(s)}
                    aria-label={t('staff.changeRolesOf', { name: s.fullName })}
                  >
                    {t('staff.changeRoles')}
                  </Button>
                  {s.userId !== me.user.id &&
                    (s.active ? (
                      <ConfirmButton
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        title={t('staff.deactivateTitle', { name: s.fullName })}
                        message={t('staff.deactivateMessage')}
                        confirmLabel={t('staff.deactivate')}
                        destructive
                        onConfirm={async () => {
                          await post(`/api/staff/${s.userId}/deactivate`, {});
                          notifySuccess(t('staff.deactivated', { name: s.fullName }));
                          await refresh();
                        }}
                      >
                        {t('staff.deactivate')}
                      </ConfirmButton>
                    ) : (
                      <ConfirmButton
                        size="compact-sm"
                        variant="subtle"
                        title={t('staff.reactivateTitle', { name: s.fullName })}
                        message={t('staff.reactivateMessage')}
                        confirmLabel={t('staff.reactivate')}
                        onConfirm={async () => {
                          await post(`/api/staff/${s.userId}/reactivate`, {});
                          notifySuccess(t('staff.reactivated', { name: s.fullName }));
                          await refresh();
                        }}
                      >
                        {t('staff.reactivate')}
                      </ConfirmButton>
                    ))}
                </Group>
              ),
            },
          ]
        : []),
    ],
    [t, f, manage, me.user.id, refresh],
  );
  const matches = useCallback(
    (s: StaffMember, q: string) =>
      s.fullName.toLowerCase().includes(q) ||
      s.email.includes(q) ||
      s.roles.some((r) => t(`roles.${r}`).toLowerCase().includes(q)),
    [t],
  );
  const table = useClientTable(staff.data, {
    columns,
    matches,
    initialSort: { key: 'name', direction: 'asc' },
  });

  return (
    <>
      <PageHeader
        title={t('staff.title')}
        description={t('staff.description')}
        actions={
          manage && (
            <Button leftSection={<IconMailPlus size={16} aria-hidden />} onClick={() => setInviting(true)}>
              {t('staff.invite')}
            </Button>
          )
        }
      />
      <Stack>
        <Card>
          <Stack>
            <TextInput
              aria-label={t('staff.search')}
              placeholder={t('staff.search')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={table.query}
              onChange={(e) => table.setQuery(e.currentTarget.value)}
              maw={360}
            />
            <ClientTable
              query={staff}
              table={table}
              columns={columns}
              caption={t('staff.title')}
              rowKey={(s) => s.userId}
              empty={{
                icon: <IconUsersGroup size={28} aria-hidden />,
                title: t('staff.emptyTitle'),
                description: t('staff.emptyBody'),
              }}
            />
          </Stack>
        </Card>
        {can('staff:read') && (
          <Card>
            <Title order={2} fz="h4" mb="sm">
              {t('staff.invitations')}
            </Title>
            <InvitationsCard manage={manage} />
          </Card>
        )}
      </Stack>
      {manage && <InviteModal opened={inviting} onClose={() => setInviting(false)} />}
      {manage && editing && (
        <RolesModal member={editing} onClose={() => setEditing(null)} onSaved={refresh} />
      )}
    </>
  );
}
