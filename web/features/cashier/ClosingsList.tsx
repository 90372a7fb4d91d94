import { Card, Group, Select, Stack, Title } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CashClosing } from '../../../contracts/billing-reports';
import type { Column } from '../../components/DataTable';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { PagedList, useListParams } from '../../components/PagedList';
import { DifferenceBadge } from './DifferenceBadge';
import { useCashClosings, useCashiers } from './queries';

const PAGE_SIZE = 10;

/**
 * Closed days, newest first: the cashier's own, or for those who read billing reports every
 * cashier's, with a filter by cashier.
 */
export function ClosingsList() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const everyone = can('billing-reports:read');
  const { params, page, set } = useListParams();
  const cashierId = everyone ? params.get('cashier') : null;
  const list = useCashClosings(cashierId, page, PAGE_SIZE);
  const cashiers = useCashiers(everyone && can('staff:read'));
  const currency = list.data?.currency ?? 'INR';
  const money = (minor: number) => f.money(minor, currency);

  const columns: Column<CashClosing>[] = [
    { key: 'day', header: t('cashClosing.day'), cell: (c) => f.date(c.businessDate), nowrap: true },
    ...(everyone
      ? [
          {
            key: 'cashier',
            header: t('cashClosing.cashier'),
            cell: (c: CashClosing) => c.cashierName ?? t('cashClosing.someoneElse'),
          },
        ]
      : []),
    {
      key: 'expected',
      header: t('cashClosing.expected'),
      cell: (c) => money(c.expectedCashMinor),
      nowrap: true,
    },
    {
      key: 'counted',
      header: t('cashClosing.countedShort'),
      cell: (c) => money(c.countedCashMinor),
      nowrap: true,
    },
    {
      key: 'difference',
      header: t('cashClosing.difference'),
      cell: (c) => <DifferenceBadge differenceMinor={c.differenceMinor} currency={currency} size="sm" />,
      nowrap: true,
    },
    { key: 'notes', header: t('cashClosing.notes'), cell: (c) => c.notes ?? '—', visibleFrom: 'lg' },
    {
      key: 'closedAt',
      header: t('cashClosing.closedAtColumn'),
      cell: (c) => f.dateTime(c.closedAt),
      nowrap: true,
      visibleFrom: 'md',
    },
  ];

  return (
    <Card>
      <Stack>
        <Group justify="space-between" align="flex-end" gap="sm">
          <Title order={2} fz="h4">
            {everyone ? t('cashClosing.historyAll') : t('cashClosing.history')}
          </Title>
          {everyone && cashiers.data && (
            <Select
              label={t('cashClosing.cashier')}
              placeholder={t('cashClosing.allCashiers')}
              data={cashiers.data.map((s) => ({ value: s.userId, label: s.fullName }))}
              value={cashierId}
              onChange={(v) => set('cashier', v)}
              clearable
              searchable
              w={{ base: '100%', xs: 260 }}
              data-testid="cashier-filter"
            />
          )}
        </Group>
        <PagedList
          query={list}
          columns={columns}
          caption={t('cashClosing.history')}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(p) => set('page', String(p))}
          empty={{
            icon: <IconCash size={28} aria-hidden />,
            title: t('cashClosing.emptyTitle'),
            description: t('cashClosing.emptyBody'),
          }}
        />
      </Stack>
    </Card>
  );
}
