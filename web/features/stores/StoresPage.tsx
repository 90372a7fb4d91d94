import { Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Store } from '../../../contracts/pharmacy';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { post } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { storesQuery } from './queries';

const KIND_COLOR: Record<Store['kind'], string> = { main: 'blue', pharmacy: 'teal', ward: 'grape' };

/**
 * The active hospital's stores: the main store and the pharmacy come with the hospital; an admin
 * adds a store for each ward that keeps stock, which nurses then request medicines for.
 */
export default function StoresPage() {
  const { t } = useTranslation();
  const { activeHospital } = useSession();
  const client = useQueryClient();
  const stores = useQuery({ ...storesQuery, select: (d) => d.items });
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('stores.nameRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const made = await post<Store>('/api/stores', { name: name.trim(), kind: 'ward' });
      notifySuccess(t('stores.added', { name: made.name }));
      setName('');
      await client.invalidateQueries({ queryKey: ['stores'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('stores.title')} description={activeHospital?.name} />
      <Stack>
        <Card>
          <form onSubmit={add} noValidate>
            <Group align="flex-start" wrap="wrap">
              <TextInput
                label={t('stores.newWard')}
                description={t('stores.newWardHint')}
                placeholder={t('stores.namePlaceholder')}
                value={name}
                maxLength={120}
                onChange={(e) => setName(e.currentTarget.value)}
                error={error}
                style={{ flex: '1 1 240px' }}
              />
              <Button
                type="submit"
                loading={busy}
                leftSection={<IconPlus size={16} aria-hidden />}
                mt={{ base: 0, sm: 46 }}
              >
                {t('stores.add')}
              </Button>
            </Group>
          </form>
        </Card>
        <Card>
          {stores.isError ? (
            <LoadError error={stores.error} onRetry={() => void stores.refetch()} />
          ) : (
            <Table.ScrollContainer minWidth={0}>
              <Table verticalSpacing="sm" aria-label={t('stores.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('stores.name')}</Table.Th>
                    <Table.Th>{t('stores.kind')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(stores.data ?? []).map((s) => (
                    <Table.Tr key={s.id} data-testid="data-row">
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {s.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={KIND_COLOR[s.kind]}>
                          {t(`stores.kinds.${s.kind}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      </Stack>
    </>
  );
}
