import { Alert, Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconReceipt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyBills } from '../../../contracts/billing';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { InvoiceStatusBadge } from '../billing/InvoiceStatusBadge';
import { PagedList, useListParams } from '../../components/PagedList';
import { BalancesCards } from './BalancesCards';
import { billState } from './bill-state';
import { useMyBills } from './queries';

const PAGE_SIZE = 20;
type Bill = MyBills['items'][number];

/** The patient's bills at every hospital, newest first, with what they owe at each hospital on top. */
export default function MyBillsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { page, set } = useListParams();
  const list = useMyBills(page, PAGE_SIZE);

  const columns: Column<Bill>[] = [
    {
      key: 'number',
      header: t('myBills.number'),
      cell: (b) => (
        <Anchor component={Link} to={`/app/my-bills/${b.id}`} fw={500} size="sm">
          {b.number ?? '—'}
        </Anchor>
      ),
      nowrap: true,
    },
    { key: 'hospital', header: t('myBills.hospital'), cell: (b) => b.hospitalName },
    {
      key: 'date',
      header: t('myBills.date'),
      cell: (b) => (b.issuedOn ? f.date(b.issuedOn) : '—'),
      nowrap: true,
    },
    {
      key: 'total',
      header: t('myBills.total'),
      cell: (b) => f.money(b.totalMinor, b.currency),
      nowrap: true,
    },
    {
      key: 'balance',
      header: t('myBills.balance'),
      cell: (b) => (
        <Text size="sm" fw={b.balanceMinor > 0 ? 600 : undefined} span>
          {f.money(b.balanceMinor, b.currency)}
        </Text>
      ),
      nowrap: true,
    },
    {
      key: 'status',
      header: t('myBills.status'),
      cell: (b) => (
        <Group gap={4} wrap="nowrap">
          <InvoiceStatusBadge status={b.status} />
          {billState(b) === 'paid' && (
            <Badge color="teal" variant="filled" tt="none" data-testid="bill-paid">
              {t('myBills.paid')}
            </Badge>
          )}
        </Group>
      ),
      nowrap: true,
    },
  ];

  return (
    <>
      <PageHeader title={t('myBills.title')} description={t('myBills.description')} />
      <Stack>
        {list.data && <BalancesCards balances={list.data.balances} />}
        <Alert
          color="blue"
          variant="light"
          icon={<IconInfoCircle aria-hidden />}
          data-testid="where-to-pay"
          role="note"
        >
          {t('myBills.whereToPay')}
        </Alert>
        <Card>
          <PagedList
            query={list}
            columns={columns}
            caption={t('myBills.title')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconReceipt size={28} aria-hidden />,
              title: t('myBills.emptyTitle'),
              description: t('myBills.emptyBody'),
            }}
          />
        </Card>
      </Stack>
    </>
  );
}
