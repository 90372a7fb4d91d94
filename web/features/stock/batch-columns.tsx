import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { Column } from '../../components/DataTable';
import type { StockTakeLine } from './stock-take';

/** The first two columns of a stock take's lines, counting or in review: the medicine and its batch. */
export function batchColumns(t: TFunction): Column<StockTakeLine>[] {
  return [
    {
      key: 'medicine',
      header: t('stockTake.medicine'),
      sortValue: (l) => l.medicineName,
      cell: (l) => (
        <Text size="sm" fw={500}>
          {l.medicineName}
        </Text>
      ),
    },
    {
      key: 'batch',
      header: t('batches.batchNumber'),
      sortValue: (l) => l.batchNumber,
      cell: (l) => (
        <Text size="sm" ff="monospace">
          {l.batchNumber}
        </Text>
      ),
    },
  ];
}
