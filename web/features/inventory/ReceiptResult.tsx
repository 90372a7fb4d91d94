import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LedgerEntry } from '../../../contracts/pharmacy';
import { DataTable, type Column } from '../../components/DataTable';
import { useFormat } from '../../lib/format';
import { SignedQuantity } from './LedgerCard';

/** What a receipt wrote to the ledger: one row per batch, with the batch's balance after it. */
export function ReceiptResult({ entries, onAgain }: { entries: LedgerEntry[]; onAgain: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const columns: Column<LedgerEntry>[] = [
    {
      key: 'medicine',
      header: t('receive.medicine'),
      cell: (e) => (
        <Anchor component={Link} to={`/app/inventory/${e.medicineId}`} size="sm" fw={500}>
          {e.medicineName}
        </Anchor>
      ),
    },
    {
      key: 'batch',
      header: t('receive.batchNumber'),
      cell: (e) => (
        <Text size="sm" ff="monospace">
          {e.batchNumber}
        </Text>
      ),
    },
    { key: 'store', header: t('receive.store'), cell: (e) => <Text size="sm">{e.storeName}</Text> },
    {
      key: 'change',
      header: t('ledger.change'),
      nowrap: true,
      cell: (e) => <SignedQuantity n={e.quantity} />,
    },
    {
      key: 'balance',
      header: t('ledger.balance'),
      nowrap: true,
      cell: (e) => <Text size="sm">{f.number(e.balanceAfter)}</Text>,
    },
    {
      key: 'when',
      header: t('ledger.when'),
      nowrap: true,
      visibleFrom: 'md',
      cell: (e) => <Text size="sm">{f.dateTime(e.occurredAt)}</Text>,
    },
  ];
  return (
    <Stack>
      <Alert color="teal" icon={<IconCircleCheck aria-hidden />} title={t('receive.doneTitle')} role="status">
        {t('receive.doneBody', { count: entries.length })}
      </Alert>
      <Card>
        <DataTable
          caption={t('receive.doneTitle')}
          columns={columns}
          rows={entries}
          rowKey={(e) => e.id}
          empty={null}
        />
      </Card>
      <Group>
        <Button onClick={onAgain}>{t('receive.again')}</Button>
        <Button component={Link} to="/app/inventory" variant="default">
          {t('receive.toInventory')}
        </Button>
      </Group>
    </Stack>
  );
}
