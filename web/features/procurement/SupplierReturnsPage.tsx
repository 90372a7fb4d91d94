import { Anchor, Button, Card, Stack, Text } from '@mantine/core';
import { IconPlus, IconTruckReturn } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SupplierReturn } from '../../../contracts/procurement';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { PagedList, useListParams } from '../../components/PagedList';
import { useSupplierReturns } from './queries';

const PAGE_SIZE = 20;

/** Stock sent back to suppliers, newest first. */
export default function SupplierReturnsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { page, set } = useListParams();
  const list = useSupplierReturns(page, PAGE_SIZE);

  const columns: Column<SupplierReturn>[] = [
    { key: 'when', header: t('supplierReturns.when'), cell: (r) => f.dateTime(r.createdAt), nowrap: true },
    {
      key: 'supplier',
      header: t('supplierReturns.supplier'),
      cell: (r) => (
        <Anchor component={Link} to={`/app/suppliers/${r.supplierId}`} size="sm">
          {r.supplierName}
        </Anchor>
      ),
    },
    {
      key: 'reason',
      header: t('supplierReturns.reason'),
      cell: (r) => {
        const { reason, note } = r;
        return (
          <Stack gap={0}>
            {reason && <Text size="sm">{t(`supplierReturns.reasons.${reason}`)}</Text>}
            {note && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {note}
              </Text>
            )}
          </Stack>
        );
      },
    },
    {
      key: 'items',
      header: t('supplierReturns.items'),
      cell: (r) => (
        <Stack gap={0}>
          {r.lines.map((l) => (
            <Text key={l.batchId} size="sm">
              {t('supplierReturns.line', {
                medicine: l.medicineName,
                batch: l.batchNumber,
                units: f.number(l.units),
                count: l.units,
              })}
            </Text>
          ))}
        </Stack>
      ),
    },
    { key: 'by', header: t('supplierReturns.by'), cell: (r) => r.createdBy, visibleFrom: 'md' },
  ];

  return (
    <>
      <PageHeader
        title={t('supplierReturns.title')}
        description={t('supplierReturns.description')}
        actions={
          can('goods:receive') && (
            <Button
              component={Link}
              to="/app/supplier-returns/new"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('supplierReturns.new')}
            </Button>
          )
        }
      />
      <Card>
        <PagedList
          query={list}
          columns={columns}
          caption={t('supplierReturns.caption')}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(p) => set('page', String(p))}
          empty={{
            icon: <IconTruckReturn size={28} aria-hidden />,
            title: t('supplierReturns.emptyTitle'),
            description: t('supplierReturns.emptyBody'),
          }}
        />
      </Card>
    </>
  );
}
