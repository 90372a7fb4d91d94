import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contracts/identity';
import { get, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';

/** A readable device name from a user-agent string. */
function describeAgent(ua: string | null, unknown: string): string {
  if (!ua) return unknown;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return [browser, os].filter(Boolean).join(' · ') || ua.slice(0, 60);
}

/** Where the person is signed in; any session but this one can be ended here. */
export function SessionsCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: ['sessions'],
    queryFn: ({ signal }) => get<{ items: SessionInfo[] }>('/api/auth/sessions', undefined, signal),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => post(`/api/auth/sessions/${id}/revoke`),
    onSuccess: async () => {
      notifySuccess(t('profile.sessionEnded'));
      await client.invalidateQueries({ queryKey: ['sessions'] });
    },
  });

  return (
    <Card>
      <Title order={2} fz="h4" mb={4}>
        {t('profile.sessions')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('profile.sessionsHint')}
      </Text>
      {sessions.isPending && <TableSkeleton rows={2} />}
      {sessions.isError && <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} />}
      <Stack gap="sm">
        {sessions.data?.items.map((s) => (
          <Group
            key={s.id}
            justify="space-between"
            wrap="wrap"
            gap="xs"
            p="sm"
            style={{
              border: '1px solid var(--mantine-color-default-border)',
              borderRadius: 'var(--mantine-radius-md)',
            }}
            data-testid="session-row"
          >
            <div style={{ minWidth: 0 }}>
              <Group gap="xs">
                <Text fw={500}>{describeAgent(s.userAgent, t('profile.unknownDevice'))}</Text>
                {s.current && (
                  <Badge size="sm" variant="light">
                    {t('profile.thisDevice')}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {t('profile.sessionDetails', { lastSeen: f.dateTime(s.lastSeenAt), ip: s.ip ?? '—' })}
              </Text>
            </div>
            {!s.current && (
              <ConfirmButton
                variant="default"
                size="xs"
                title={t('profile.endSessionTitle')}
                message={t('profile.endSessionMessage')}
                confirmLabel={t('profile.endSession')}
                destructive
                onConfirm={() => revoke.mutateAsync(s.id)}
              >
                {t('profile.endSession')}
              </ConfirmButton>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
