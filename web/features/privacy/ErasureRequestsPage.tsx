import { Badge, Button, Card, Stack, Text } from '@mantine/core';
import { IconEraser } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErasureRequest } from '../../../contracts/privacy';
import type { Column } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { PagedList, useListParams } from '../../components/PagedList';
import { StatusFilter } from '../dispensing/StatusFilter';
import { ErasureStatusBadge } from './ConsentBadges';
import { ErasureRequestModal } from './ErasureRequestModal';
import { ERASURE_FILTERS, erasureFilter, statusOf } from './privacy';
import { useErasureRequests } from './queries';

const PAGE_SIZE = 20;
const wrap = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

/**
 * The hospital admin's queue of patients' requests to erase their data (waiting ones first in
 * view), each opened to complete (anonymise) or refuse with a note the patient reads.
 */
export default function ErasureRequestsPage() {
  const { t } = useTranslation();
  const { params, page, set } = useListParams();
  const filter = erasureFilter(params.get('status'));
  const list = useErasureRequests(statusOf(filter), page, PAGE_SIZE);
  const [open, setOpen] = useState<ErasureRequest | null>(null);

  const columns: Column<ErasureRequest>[] = [
    {
      key: 'patient',
      header: t('erasureRequests.patient'),
      cell: (r) => (
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} style={wrap} data-testid="erasure-patient">
            {r.patient.name}
          </Text>
          {r.patient.mrn && (
            <Badge variant="outline" tt="none" radius="sm" mt={2}>
              {t('patient.mrnShort')} {r.patient.mrn}
            </Badge>
          )}
        </div>
      ),
    },
    {
      key: 'requested',
      header: t('erasureRequests.requestedAt'),
      cell: (r) => <DateTime iso={r.requestedAt} />,
    },
    {
      key: 'reason',
      header: t('erasureRequests.reason'),
      cell: (r) =>
        r.reason ? (
          <Text size="sm" lineClamp={2} style={wrap}>
            {r.reason}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('erasureRequests.noReason')}
          </Text>
        ),
      visibleFrom: 'md',
      wide: true,
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (r) => <ErasureStatusBadge status={r.status} />,
      nowrap: true,
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (r) => (
        <Button
          size="xs"
          variant={r.status === 'pending' ? 'filled' : 'default'}
          aria-label={t('erasureRequests.reviewNamed', { name: r.patient.name })}
          onClick={() => setOpen(r)}
        >
          {t('erasureRequests.review')}
        </Button>
      ),
      nowrap: true,
    },
  ];

  return (
    <>
      <PageHeader title={t('erasureRequests.title')} description={t('erasureRequests.description')} />
      <Card>
        <Stack>
          <StatusFilter
            label={t('erasureRequests.filter')}
            value={filter}
            onChange={(v) => set('status', v)}
            data={ERASURE_FILTERS.map((s) => ({ value: s, label: t(`erasureRequests.filters.${s}`) }))}
          />
          <PagedList
            query={list}
            columns={columns}
            caption={t('erasureRequests.title')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconEraser size={28} aria-hidden />,
              title: t(`erasureRequests.empty.${filter}`),
              description: t('erasureRequests.emptyBody'),
            }}
          />
        </Stack>
      </Card>
      {open && <ErasureRequestModal request={open} onClose={() => setOpen(null)} />}
    </>
  );
}
