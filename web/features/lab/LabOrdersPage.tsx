import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconBarcode, IconPlus, IconTestPipe } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LabOrder } from '../../../contracts/lab-orders';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PagedList, useListParams } from '../../components/PagedList';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { SearchBox } from '../cashier/SearchBox';
import { StatusFilter } from '../dispensing/StatusFilter';
import { LabStatusBadge, UrgentBadge } from './LabOrderBadges';
import { sampleProgress, WORKLIST_FILTERS, worklistFilter } from './lab-orders';
import { overdueCount, resultsProgress } from './lab-results';
import { useLabOrders } from './order-queries';
import { useSampleScan } from './useSampleScan';
import { useSearchText } from './useSearchText';

const PAGE_SIZE = 20;

/**
 * The lab's worklist: orders still waiting for a sample (urgent first, then the oldest), or those
 * collected, cancelled, or all; searched by order number, patient name or MRN. A sample's barcode
 * scanned into the search box (its accession number, then Enter) opens its order.
 */
export default function LabOrdersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { params, page, set } = useListParams();
  const filter = worklistFilter(params.get('status'));
  const q = params.get('q') ?? '';
  const [text, setText, flushText] = useSearchText(q, (v) => set('q', v));
  const list = useLabOrders(filter, q, page, PAGE_SIZE);
  const scan = useSampleScan();

  const columns: Column<LabOrder>[] = [
    {
      key: 'number',
      header: t('labOrders.number'),
      cell: (o) => (
        <Group gap="xs" wrap="nowrap">
          <Anchor component={Link} to={`/app/lab-orders/${o.id}`} fw={600} size="sm" ff="monospace">
            {o.number}
          </Anchor>
          <UrgentBadge priority={o.priority} />
        </Group>
      ),
      nowrap: true,
    },
    {
      key: 'patient',
      header: t('labOrders.patient'),
      cell: (o) => (
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {o.patient.name}
          </Text>
          {o.patient.mrn && (
            <Text size="xs" c="dimmed" ff="monospace">
              {o.patient.mrn}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'tests',
      header: t('labOrders.tests'),
      cell: (o) => (
        <Text
          size="sm"
          ff="monospace"
          style={{ overflowWrap: 'anywhere' }}
          title={o.items.map((i) => i.name).join(', ')}
        >
          {o.items.map((i) => i.code).join(', ')}
        </Text>
      ),
    },
    {
      key: 'ordered',
      header: t('labOrders.orderedAt'),
      cell: (o) => f.dateTime(o.orderedAt),
      nowrap: true,
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (o) => {
        const { collected, total } = sampleProgress(o);
        const { toEnter, toVerify, toRelease } =
          o.status === 'cancelled' ? { toEnter: 0, toVerify: 0, toRelease: 0 } : resultsProgress(o);
        const late = overdueCount(o);
        const line = { size: 'xs', style: { whiteSpace: 'nowrap' } } as const;
        return (
          <Stack gap={2} align="flex-start" data-testid="order-progress">
            <LabStatusBadge status={o.status} />
            {o.status === 'awaiting_sample' && collected > 0 && (
              <Text {...line} c="dimmed">
                {t('labOrders.progress', { collected, total })}
              </Text>
            )}
            {toEnter > 0 && (
              <Text {...line} c="dimmed" data-testid="to-enter">
                {t('labResults.toEnter', { count: toEnter })}
              </Text>
            )}
            {toVerify > 0 && (
              <Text {...line} fw={600} c="var(--mantine-color-violet-light-color)" data-testid="to-verify">
                {t('labResults.toVerify', { count: toVerify })}
              </Text>
            )}
            {toRelease > 0 && (
              <Text {...line} fw={600} c="var(--mantine-color-violet-light-color)" data-testid="to-release">
                {t('labCorrections.toRelease', { count: toRelease })}
              </Text>
            )}
            {late > 0 && (
              <Text {...line} fw={600} c="var(--mantine-color-red-light-color)" data-testid="overdue">
                {t('labResults.overdue', { count: late })}
              </Text>
            )}
          </Stack>
        );
      },
    },
  ];

  const searching = !!q.trim();
  return (
    <>
      <PageHeader
        title={t('labOrders.title')}
        description={t('labOrders.description')}
        actions={
          can('lab-orders:create') && (
            <Button
              component={Link}
              to="/app/lab-orders/new"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('labOrders.new')}
            </Button>
          )
        }
      />
      <Card>
        <Stack>
          <Group align="flex-end" gap="md">
            {/*
              A hand scanner types the accession number and Enter, which submits the form. The
              address takes the text first: its change, were it left to come a moment later, would
              cancel the way to the scanned order.
            */}
            <form
              role="search"
              style={{ flex: '1 1 16rem', display: 'flex' }}
              onSubmit={(e) => {
                e.preventDefault();
                flushText();
                scan.scan(text);
              }}
            >
              <SearchBox
                label={t('labOrders.searchLabel')}
                placeholder={t('labOrders.scanPlaceholder')}
                value={text}
                onChange={(v) => {
                  scan.clear();
                  setText(v);
                }}
                searching={scan.looking || text !== q || (list.isFetching && !list.isPending)}
              />
            </form>
            <StatusFilter
              label={t('labOrders.filter')}
              value={filter}
              onChange={(v) => set('status', v === 'open' ? null : v)}
              data={WORKLIST_FILTERS.map((s) => ({ value: s, label: t(`labOrders.filters.${s}`) }))}
            />
          </Group>
          {scan.missing && (
            <Alert
              color="orange"
              icon={<IconBarcode size={18} aria-hidden />}
              title={t('labOrders.scanMissingTitle', { accession: scan.missing })}
              role="alert"
              data-testid="scan-missing"
            >
              {t('labOrders.scanMissingBody')}
            </Alert>
          )}
          <PagedList
            query={list}
            columns={columns}
            caption={t('labOrders.caption')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconTestPipe size={28} aria-hidden />,
              title: searching ? t('labOrders.noMatchTitle') : t(`labOrders.empty.${filter}`),
              description: searching ? t('labOrders.noMatchBody') : t('labOrders.emptyBody'),
            }}
          />
        </Stack>
      </Card>
    </>
  );
}
