import { Anchor, Button, Card, EmptyState, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconDownload, IconPackages, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { StockValuation } from '../../../contracts/stock-control';
import { DataTable, TableEmpty, TablePager, useClientTable, type Column } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/Skeletons';
import { apiUrl, getFile } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../lib/forms';
import { useStores } from '../inventory/queries';
import { useValuation } from './queries';

type Row = StockValuation['rows'][number];

/** Saves a file the API answered with, under the name it gave. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Stock held and its value at cost, per medicine and store, with a CSV for spreadsheets. */
export default function StockValuationPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const storeId = params.get('store');
  const stores = useStores();
  const valuation = useValuation(storeId);
  const [downloading, setDownloading] = useState(false);
  const currency = valuation.data?.currency;

  const columns: Column<Row>[] = [
    {
      key: 'medicine',
      header: t('valuation.medicine'),
      sortValue: (r) => r.medicineName,
      cell: (r) => (
        <Anchor component={Link} to={`/app/inventory/${r.medicineId}`} size="sm" fw={500}>
          {r.medicineName}
        </Anchor>
      ),
    },
    {
      key: 'store',
      header: t('valuation.store'),
      sortValue: (r) => r.storeName,
      cell: (r) => <Text size="sm">{r.storeName}</Text>,
    },
    {
      key: 'onHand',
      header: t('valuation.onHand'),
      nowrap: true,
      sortValue: (r) => r.onHand,
      cell: (r) => <Text size="sm">{f.number(r.onHand)}</Text>,
    },
    {
      key: 'value',
      header: t('valuation.value'),
      nowrap: true,
      sortValue: (r) => r.valueMinor,
      cell: (r) => <Text size="sm">{currency && f.money(r.valueMinor, currency)}</Text>,
    },
  ];
  const table = useClientTable(valuation.data?.rows, {
    columns,
    matches: (r, q) => r.medicineName.toLowerCase().includes(q) || r.storeName.toLowerCase().includes(q),
    initialSort: { key: 'value', direction: 'desc' },
    pageSize: 25,
  });

  const csvQuery = { storeId: storeId ?? undefined, format: 'csv' };
  const download = async () => {
    setDownloading(true);
    try {
      const file = await getFile('/api/stock/valuation', csvQuery);
      save(file.blob, file.filename ?? 'stock-valuation.csv');
    } catch (err) {
      notifyError(err);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('valuation.title')}
        description={t('valuation.description')}
        actions={
          <Button
            component="a"
            href={apiUrl('/api/stock/valuation', csvQuery)}
            onClick={(e: React.MouseEvent) => {
              // Fetched with the active hospital (a plain link would get the default one).
              e.preventDefault();
              void download();
            }}
            loading={downloading}
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('valuation.download')}
          </Button>
        }
      />
      <Card>
        <Stack>
          <Group align="flex-end" gap="md">
            <Select
              label={t('valuation.store')}
              placeholder={t('valuation.allStores')}
              data={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={storeId}
              onChange={(v) => setParams(v ? { store: v } : {}, { replace: true })}
              clearable
              w={{ base: '100%', xs: 240 }}
            />
            <TextInput
              label={t('valuation.search')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={table.query}
              onChange={(e) => table.setQuery(e.currentTarget.value)}
              style={{ flex: '1 1 14rem' }}
            />
          </Group>
          {valuation.data && (
            <Group gap="xl" data-testid="valuation-total">
              <div>
                <Text size="xs" c="dimmed" fw={500}>
                  {t('valuation.total')}
                </Text>
                <Text fz={28} fw={700} lh={1.2}>
                  {f.money(valuation.data.totalMinor, valuation.data.currency)}
                </Text>
              </div>
              <div>
                <Text size="xs" c="dimmed" fw={500}>
                  {t('valuation.lines')}
                </Text>
                <Text fz={28} fw={700} lh={1.2}>
                  {f.number(valuation.data.rows.length)}
                </Text>
              </div>
            </Group>
          )}
          {valuation.isPending && <TableSkeleton />}
          {valuation.isError && (
            <LoadError error={valuation.error} onRetry={() => void valuation.refetch()} />
          )}
          {valuation.data && (
            <div aria-busy={valuation.isFetching}>
              <DataTable
                caption={t('valuation.title')}
                columns={columns}
                rows={table.pageRows}
                rowKey={(r) => `${r.medicineId}:${r.storeId}`}
                sort={table.sort}
                onSort={table.setSort}
                empty={
                  <TableEmpty>
                    <EmptyState
                      icon={<IconPackages size={28} aria-hidden />}
                      withIndicatorBackground
                      title={table.query ? t('valuation.noMatch') : t('valuation.emptyTitle')}
                      description={table.query ? undefined : t('valuation.emptyBody')}
                    />
                  </TableEmpty>
                }
              />
              <TablePager
                page={table.page}
                pageSize={table.pageSize}
                total={table.total}
                onChange={table.setPage}
              />
            </div>
          )}
        </Stack>
      </Card>
    </>
  );
}
