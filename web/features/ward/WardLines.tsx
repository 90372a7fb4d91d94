import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WardRequest } from '../../../contracts/pharmacy-orders';
import { useFormat } from '../../lib/format';
import { DataTable, type Column } from '../../components/DataTable';
import { PicksList } from '../dispensing/PicksList';
import { picksByBatch } from './issue-picks';
import type { WardRequestLine } from './queries';

/** A request's lines: asked, issued (with the batches it came from) and received on the ward. */
export function WardLines({ request }: { request: WardRequest }) {
  const { t } = useTranslation();
  const f = useFormat();
  const columns: Column<WardRequestLine>[] = [
    {
      key: 'medicine',
      header: t('ward.medicine'),
      cell: (l) => (
        <div>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {l.medicineName}
          </Text>
          <PicksList picks={picksByBatch(l.picks)} />
        </div>
      ),
    },
    {
      key: 'requested',
      header: t('ward.requested'),
      cell: (l) => f.amount(l.quantityRequested, l.dispensingUnit),
      nowrap: true,
    },
    { key: 'issued', header: t('ward.issued'), cell: (l) => f.number(l.quantityIssued), nowrap: true },
    {
      key: 'received',
      header: t('ward.receivedCol'),
      cell: (l) => f.number(l.quantityReceived),
      nowrap: true,
    },
  ];
  return (
    <DataTable
      caption={t('ward.items')}
      columns={columns}
      rows={request.lines}
      rowKey={(l) => l.id}
      empty={null}
    />
  );
}
