import { Card, EmptyState, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMoodCheck, IconTrashX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '../../../contracts/pharmacy';
import type { ExpiringBatch } from '../../../contracts/stock-control';
import { ConfirmButton } from '../../components/ConfirmButton';
import { TableEmpty } from '../../components/DataTable';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { refreshStock } from '../inventory/queries';
import { groupExpiredByStore } from './expiry';
import { ExpiryTable } from './ExpiryTable';

/** Expired batches still on the shelves, per store, each store written off in one action. */
export function ExpiredCard({ batches, currency }: { batches: ExpiringBatch[]; currency: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const client = useQueryClient();
  const stores = groupExpiredByStore(batches);

  const writeOff = async (storeId: string, storeName: string) => {
    const res = await post<{ entries: LedgerEntry[] }>('/api/stock/write-off-expired', { storeId });
    await refreshStock(client);
    notifySuccess(t('stockAlerts.writtenOff', { count: res.entries.length, store: storeName }));
  };

  return (
    <Card id="expired">
      <Title order={2} fz="h4" mb="sm">
        {t('stockAlerts.expiredTitle', { count: batches.length })}
      </Title>
      {stores.length === 0 ? (
        <TableEmpty>
          <EmptyState
            icon={<IconMoodCheck size={28} aria-hidden />}
            withIndicatorBackground
            title={t('stockAlerts.noExpired')}
          />
        </TableEmpty>
      ) : (
        <Stack>
          {stores.map((s) => (
            <Paper key={s.storeId} withBorder p="sm" data-testid={`expired-store-${s.storeName}`}>
              <Group justify="space-between" mb="xs" gap="xs">
                <div>
                  <Title order={3} fz="h5">
                    {s.storeName}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t('stockAlerts.storeExpired', {
                      count: s.batches.length,
                      units: f.number(s.units),
                      value: f.money(s.valueMinor, currency),
                    })}
                  </Text>
                </div>
                {can('stock:manage') && (
                  <ConfirmButton
                    color="red"
                    variant="light"
                    size="sm"
                    leftSection={<IconTrashX size={16} aria-hidden />}
                    title={t('stockAlerts.writeOffTitle', { store: s.storeName })}
                    message={t('stockAlerts.writeOffMessage', {
                      count: s.batches.length,
                      units: f.number(s.units),
                      value: f.money(s.valueMinor, currency),
                    })}
                    confirmLabel={t('stockAlerts.writeOff')}
                    destructive
                    onConfirm={() => writeOff(s.storeId, s.storeName)}
                    aria-label={t('stockAlerts.writeOffNamed', { store: s.storeName })}
                  >
                    {t('stockAlerts.writeOff')}
                  </ConfirmButton>
                )}
              </Group>
              <ExpiryTable
                rows={s.batches}
                currency={currency}
                caption={s.storeName}
                showStore={false}
                empty={null}
              />
            </Paper>
          ))}
        </Stack>
      )}
    </Card>
  );
}
