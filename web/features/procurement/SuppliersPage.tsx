import { Anchor, Badge, Button, Card, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconBuildingFactory2, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Supplier } from '../../../contracts/procurement';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { StatusFilter } from '../dispensing/StatusFilter';
import { ImportCsvModal } from '../inventory/ImportCsvModal';
import { PagedList, useListParams } from '../../components/PagedList';
import { useSuppliers, type ActiveFilter } from './queries';
import { readSupplierImportReason, SUPPLIER_TEMPLATE_HEADER } from './supplier-import';
import { SupplierModal } from './SupplierModal';

const PAGE_SIZE = 20;
const FILTERS: ActiveFilter[] = ['true', 'false', 'all'];

/** The hospital's suppliers: searched on the server, those in use by default. */
export default function SuppliersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { params, page, set } = useListParams();
  const [importOpened, importModal] = useDisclosure(false);
  const [adding, setAdding] = useState(false);
  const q = params.get('q') ?? '';
  const active = (FILTERS as string[]).includes(params.get('active') ?? '')
    ? (params.get('active') as ActiveFilter)
    : 'true';
  const [debounced] = useDebouncedValue(q, 250);
  const list = useSuppliers(debounced, active, page, PAGE_SIZE);
  const filtered = !!debounced || active !== 'true';

  const columns: Column<Supplier>[] = [
    {
      key: 'name',
      header: t('suppliers.name'),
      cell: (s) => (
        <Anchor component={Link} to={`/app/suppliers/${s.id}`} fw={500} size="sm">
          {s.name}
        </Anchor>
      ),
    },
    {
      key: 'contact',
      header: t('suppliers.contact'),
      cell: (s) => (
        <Stack gap={0} style={{ minWidth: 0 }}>
          {[s.contactName, s.email, s.phone].filter(Boolean).map((v) => (
            <Text key={v} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {v}
            </Text>
          ))}
        </Stack>
      ),
      visibleFrom: 'sm',
    },
    { key: 'taxId', header: t('suppliers.taxId'), cell: (s) => s.taxId ?? '—', visibleFrom: 'lg' },
    {
      key: 'terms',
      header: t('suppliers.paymentTerms'),
      cell: (s) => s.paymentTerms ?? '—',
      visibleFrom: 'lg',
    },
    {
      key: 'lead',
      header: t('suppliers.leadTimeDays'),
      cell: (s) => t('suppliers.leadTime', { count: s.leadTimeDays }),
      nowrap: true,
    },
    { key: 'items', header: t('suppliers.items'), cell: (s) => f.number(s.itemCount), nowrap: true },
    {
      key: 'status',
      header: t('suppliers.status'),
      cell: (s) => (
        <Badge variant="light" color={s.active ? 'teal' : 'gray'}>
          {s.active ? t('suppliers.inUse') : t('suppliers.outOfUse')}
        </Badge>
      ),
      nowrap: true,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('suppliers.title')}
        description={t('suppliers.description')}
        actions={
          can('suppliers:manage') && (
            <>
              <Button
                variant="default"
                onClick={importModal.open}
                leftSection={<IconFileImport size={16} aria-hidden />}
              >
                {t('suppliers.import')}
              </Button>
              <Button onClick={() => setAdding(true)} leftSection={<IconPlus size={16} aria-hidden />}>
                {t('suppliers.add')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <Stack>
          <Group align="flex-end" gap="md">
            <TextInput
              label={t('suppliers.searchLabel')}
              placeholder={t('suppliers.searchPlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              rightSection={
                q !== debounced || (list.isFetching && !list.isPending) ? (
                  <Loader size="xs" role="status" aria-label={t('common.searching')} />
                ) : null
              }
              value={q}
              onChange={(e) => set('q', e.currentTarget.value)}
              role="searchbox"
              data-testid="supplier-search"
              style={{ flex: '1 1 16rem' }}
            />
            <StatusFilter
              label={t('suppliers.show')}
              value={active}
              onChange={(v) => set('active', v === 'true' ? null : v)}
              data={FILTERS.map((v) => ({ value: v, label: t(`suppliers.filters.${v}`) }))}
            />
          </Group>
          <PagedList
            query={list}
            columns={columns}
            caption={t('suppliers.title')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconBuildingFactory2 size={28} aria-hidden />,
              title: filtered ? t('suppliers.noMatchTitle') : t('suppliers.emptyTitle'),
              description: filtered ? t('suppliers.noMatchBody') : t('suppliers.emptyBody'),
            }}
          />
        </Stack>
      </Card>
      {adding && (
        <SupplierModal
          supplier={null}
          onClose={() => setAdding(false)}
          onSaved={async (s) => {
            await client.invalidateQueries({ queryKey: ['suppliers'] });
            void navigate(`/app/suppliers/${s.id}`);
          }}
        />
      )}
      {can('suppliers:manage') && (
        <ImportCsvModal
          opened={importOpened}
          onClose={importModal.close}
          kind={{
            path: '/api/suppliers/import',
            refresh: 'suppliers',
            header: SUPPLIER_TEMPLATE_HEADER,
            filename: 'suppliers-template.csv',
            title: t('suppliers.importTitle'),
            intro: t('suppliers.importIntro'),
            rules: t('suppliers.importRules'),
            readReason: readSupplierImportReason,
          }}
        />
      )}
    </>
  );
}
