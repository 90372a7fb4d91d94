import { Alert, Button, Card, Switch, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelPreference, Preferences } from '../../../contracts/notifications';
import { get, put } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';

const KEY = ['notifications', 'preferences'] as const;
const CHANNELS = ['email', 'sms', 'inApp'] as const;
type ChannelField = (typeof CHANNELS)[number];

/** A switch per kind and channel. Security mails are sent whatever is chosen, which the card says. */
export function PreferencesCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const prefs = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => get<Preferences>('/api/notifications/preferences', undefined, signal),
  });
  // Unsaved changes; null shows what the server has.
  const [edits, setEdits] = useState<ChannelPreference[] | null>(null);
  const items = edits ?? prefs.data?.items ?? null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (kind: string, field: ChannelField, on: boolean) =>
    setEdits(items?.map((i) => (i.kind === kind ? { ...i, [field]: on } : i)) ?? null);

  const save = async () => {
    if (!items) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await put<Preferences>('/api/notifications/preferences', { items });
      client.setQueryData(KEY, saved);
      setEdits(null);
      notifySuccess(t('notices.saved'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const dirty = !!edits && JSON.stringify(edits) !== JSON.stringify(prefs.data?.items);
  return (
    <Card>
      <Title order={2} fz="h4" mb={4}>
        {t('notices.preferences')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('notices.preferencesHint')}
      </Text>
      {prefs.isError && <LoadError error={prefs.error} onRetry={() => void prefs.refetch()} />}
      {prefs.isPending && <TableSkeleton rows={4} />}
      {items && (
        <>
          <Table.ScrollContainer minWidth={280} maw={720}>
            <Table verticalSpacing="xs" horizontalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('notices.kind')}</Table.Th>
                  {CHANNELS.map((c) => (
                    <Table.Th key={c} ta="center">
                      {t(`notices.channels.${c}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.kind}>
                    <Table.Td>{t(`notices.kinds.${item.kind}`)}</Table.Td>
                    {CHANNELS.map((c) => (
                      <Table.Td key={c}>
                        <Switch
                          mx="auto"
                          w="fit-content"
                          checked={item[c]}
                          onChange={(e) => toggle(item.kind, c, e.currentTarget.checked)}
                          aria-label={`${t(`notices.kinds.${item.kind}`)}: ${t(`notices.channels.${c}`)}`}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Alert color="blue" variant="light" mt="md" maw={720} role="note">
            {t('notices.mandatoryNote')}
          </Alert>
          {error && (
            <Alert color="red" role="alert" mt="md">
              {error}
            </Alert>
          )}
          <div>
            <Button mt="md" onClick={() => void save()} loading={busy} disabled={!dirty}>
              {t('actions.save')}
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}
