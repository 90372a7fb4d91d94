import { Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../../contracts/organisation';
import { getAllPages, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';

/** Open invitations of the active hospital; each can be withdrawn. */
export function InvitationsCard({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: ({ signal }) => getAllPages<Invitation>('/api/staff/invitations', {}, signal),
  });
  if (invitations.isPending) return <TableSkeleton rows={2} />;
  if (invitations.isError)
    return <LoadError error={invitations.error} onRetry={() => void invitations.refetch()} />;
  if (invitations.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('staff.noInvitations')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {invitations.data.map((i) => (
        <Group key={i.id} justify="space-between" wrap="wrap" gap="xs" data-testid="invitation-row">
          <div style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {i.email}
              </Text>
              <Badge variant="light" tt="none" radius="sm">
                {t(`roles.${i.role}`)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {t('staff.invitedBy', { name: i.invitedBy.fullName ?? '—', expires: f.day(i.expiresAt) })}
            </Text>
          </div>
          {manage && (
            <ConfirmButton
              size="compact-sm"
              variant="subtle"
              color="red"
              title={t('staff.revokeTitle')}
              message={t('staff.revokeMessage', { email: i.email })}
              confirmLabel={t('staff.revoke')}
              destructive
              onConfirm={async () => {
                await post(`/api/staff/invitations/${i.id}/revoke`, {});
                notifySuccess(t('staff.revoked'));
                await client.invalidateQueries({ queryKey: ['invitations'] });
              }}
            >
              {t('staff.revoke')}
            </ConfirmButton>
          )}
        </Group>
      ))}
    </Stack>
  );
}
