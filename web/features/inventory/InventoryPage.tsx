import { Button, Card, Checkbox, Group, Loader, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconFileImport, IconPackageImport, IconPill, IconPlus, IconScan } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { MEDICINE_FORMS, type Medicine, type MedicineForm } from '../../../contracts/pharmacy';
import { PageHeader } from '../../components/PageHeader';
import { get } from '../../lib/api';
import { notifyError } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ImportCsvModal } from './ImportCsvModal';
import { useMedicineColumns } from './MedicineColumns';
import { catalogQuery, useMedicineSearch } from './queries';
import { PagedList, useListParams } from '../../components/PagedList';

const PAGE_SIZE = 20;

/**
 * The medicine catalog with its stock. The search runs on the server as you type (typo-tolerant
 * names; an exact barcode finds its item), and a USB scanner works too: it types the code and
 * presses Enter, which opens the item when the code is that medicine's barcode.
 */
export default function InventoryPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const { params, page, set } = useListParams();
  const [importOpened, importModal] = useDisclosure(false);
  const q = params.get('q') ?? '';
  const form = (params.get('form') as MedicineForm | null) ?? null;
  const low = params.get('low') === 'true';
  const includeInactive = params.get('inactive') === 'true';
  const [debounced] = useDebouncedValue(q, 250);
  const search = useMedicineSearch({ q: debounced, form, low, includeInactive, page, pageSize: PAGE_SIZE });
  const columns = useMedicineColumns();
  const filtered = !!debounced || !!form || low;

  // A scanner presses Enter right after the code, before the debounced search has run: look the
  // code up now, across the whole catalog, and open the medicine whose barcode it is.
  const openScanned = async () => {
    const code = q.trim();
    if (!code) return;
    try {
      const hit = await get<{ items: Medicine[] }>(
        '/api/medicines',
        catalogQuery({ q: code, form: null, low: false, includeInactive, limit: 2, offset: 0 }),
      );
      const only = hit.items.length === 1 ? hit.items[0] : undefined;
      if (only && only.barcode === code) void navigate(`/app/inventory/${only.id}`);
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <>
      <PageHeader
        title={t('inventory.title')}
        description={t('inventory.description')}
        actions={
          <>
            {can('stock:manage') && (
              <Button
                component={Link}
                to="/app/inventory/receive"
                variant="default"
                leftSection={<IconPackageImport size={16} aria-hidden />}
              >
                {t('inventory.receive')}
              </Button>
            )}
            {can('medicines:manage') && (
              <>
                <Button
                  variant="default"
                  onClick={importModal.open}
                  leftSection={<IconFileImport size={16} aria-hidden />}
                >
                  {t('inventory.import')}
                </Button>
                <Button
                  component={Link}
                  to="/app/inventory/new"
                  leftSection={<IconPlus size={16} aria-hidden />}
                >
                  {t('inventory.add')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Card>
        <Stack>
          <TextInput
            label={t('inventory.searchLabel')}
            description={t('inventory.searchHint')}
            placeholder={t('inventory.searchPlaceholder')}
            leftSection={<IconScan size={16} aria-hidden />}
            rightSection={
              q !== debounced || (search.isFetching && !search.isPending) ? (
                <Loader size="xs" role="status" aria-label={t('common.searching')} />
              ) : null
            }
            value={q}
            onChange={(e) => set('q', e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void openScanned();
              }
            }}
            autoFocus
            role="searchbox"
            data-testid="medicine-search"
          />
          <Group gap="md" align="flex-end">
            <Select
              label={t('inventory.formFilter')}
              placeholder={t('inventory.allForms')}
              data={MEDICINE_FORMS.map((f) => ({ value: f, label: t(`dosageForms.${f}`) }))}
              value={form}
              onChange={(v) => set('form', v)}
              clearable
              searchable
              w={{ base: '100%', xs: 220 }}
            />
            <Checkbox
              label={t('inventory.lowOnly')}
              checked={low}
              onChange={(e) => set('low', e.currentTarget.checked ? 'true' : null)}
              mb={8}
            />
            {can('medicines:manage') && (
              <Checkbox
                label={t('inventory.includeInactive')}
                checked={includeInactive}
                onChange={(e) => set('inactive', e.currentTarget.checked ? 'true' : null)}
                mb={8}
              />
            )}
          </Group>
          <PagedList
            query={search}
            columns={columns}
            caption={t('inventory.title')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconPill size={28} aria-hidden />,
              title: debounced
                ? t('inventory.noMatchTitle', { q: debounced })
                : filtered
                  ? t('inventory.noFilterMatchTitle')
                  : t('inventory.emptyTitle'),
              description: filtered ? t('inventory.noMatchBody') : t('inventory.emptyBody'),
            }}
          />
        </Stack>
      </Card>
      {can('medicines:manage') && <ImportCsvModal opened={importOpened} onClose={importModal.close} />}
    </>
  );
}
