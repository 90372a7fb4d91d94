import { Card, Stack, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '../../../contracts/pharmacy';
import type { Column } from '../../components/DataTable';
import { useFormat } from '../../lib/format';
import { readLedgerReason } from './ledger-reason';
import { useLedger } from './queries';
import { PagedList } from '../../components/PagedList';

const PAGE_SIZE = 15;

/** Why stock moved, in words: the reason code translated, a typed note as written. */
export function ReasonText({ entry }: { entry: Pick<LedgerEntry, 'kind' | 'reason'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const r = readLedgerReason(entry);
  switch (r.kind) {
    case 'none':
      return <Text size="sm">—</Text>;
    case 'adjustment':
      return (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t(`adjustReasons.${r.reason}`)}
          {r.note ? `: ${r.note}` : ''}
        </Text>
      );
    case 'expired':
      return <Text size="sm">{t('ledger.expiredOn', { date: f.date(r.date) })}</Text>;
    case 'text':
      return (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {r.text}
        </Text>
      );
  }
}

/** A signed quantity: green when stock came in, red when it went out. */
export function SignedQuantity({ n }: { n: number }) {
  const f = useFormat();
  return (
    <Text size="sm" fw={500} c={n > 0 ? 'teal' : 'red'}>
      {n > 0 ? '+' : '−'}
      {f.number(Math.abs(n))}
    </Text>
  );
}

/** Every stock movement of a medicine, newest first, a page at a time. */
export function LedgerCard({ medicineId }: { medicineId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const ledger = useLedger(medicineId, page, PAGE_SIZE);

  const columns: Column<LedgerEntry>[] = [
    {
      key: 'when',
      header: t('ledger.when'),
      nowrap: true,
      cell: (e) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {t(`ledgerKinds.${e.kind}`)}
          </Text>
          <Text size="xs" c="dimmed">
            {f.dateTime(e.occurredAt)}
          </Text>
        </Stack>
      ),
    },
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
      key: 'batch',
      header: t('ledger.batch'),
      cell: (e) => (
        <Text size="sm">
          <Text span ff="monospace" size="sm">
            {e.batchNumber}
          </Text>{' '}
          · {e.storeName}
        </Text>
      ),
    },
    { key: 'reason', header: t('ledger.reason'), cell: (e) => <ReasonText entry={e} /> },
    {
      key: 'by',
      header: t('ledger.by'),
      visibleFrom: 'md',
      cell: (e) => <Text size="sm">{e.actorName ?? t('ledger.system')}</Text>,
    },
  ];

  return (
    <Card>
      <Title order={2} fz="h4" mb="sm">
        {t('ledger.title')}
      </Title>
      <PagedList
        query={ledger}
        columns={columns}
        caption={t('ledger.title')}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        skeletonRows={4}
        empty={{
          icon: <IconHistory size={28} aria-hidden />,
          title: t('ledger.emptyTitle'),
          description: t('ledger.emptyBody'),
        }}
      />
    </Card>
  );
}
