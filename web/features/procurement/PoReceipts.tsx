import { Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { useFormat } from '../../lib/format';
import { useReceipts } from './queries';

/** The deliveries received against the order, each with its batches. */
export function PoReceipts({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const receipts = useReceipts(orderId);
  return (
    <Card>
      <Title order={2} fz="h4" mb="sm">
        {t('po.receipts')}
      </Title>
      {receipts.isError && <LoadError error={receipts.error} onRetry={() => void receipts.refetch()} />}
      {receipts.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('po.noReceipts')}
        </Text>
      )}
      <Stack gap="md">
        {receipts.data?.map((r) => (
          <div key={r.id} data-testid="receipt">
            <Text size="sm" fw={500}>
              {t('po.receiptBy', { date: f.dateTime(r.receivedAt), name: r.receivedBy })}
            </Text>
            {r.deliveryNote && (
              <Text size="xs" c="dimmed">
                {t('po.deliveryNote', { note: r.deliveryNote })}
              </Text>
            )}
            <List size="sm" spacing={2} mt={4}>
              {r.lines.map((l, i) => (
                <List.Item key={`${l.orderLineId}-${i}`}>
                  {t('po.receiptLine', {
                    medicine: l.medicineName,
                    packs: f.number(l.packsAccepted),
                    batch: l.batchNumber,
                    expiry: f.date(l.expiryDate),
                  })}
                  {l.packsDamaged > 0 && ` · ${t('po.receiptDamaged', { count: l.packsDamaged })}`}
                </List.Item>
              ))}
            </List>
          </div>
        ))}
      </Stack>
    </Card>
  );
}
