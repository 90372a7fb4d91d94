import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StockTake } from '../../../contracts/stock-control';

const COLOR = { counting: 'blue', posted: 'teal', cancelled: 'gray' } as const;

export function StockTakeStatusBadge({ status }: { status: StockTake['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light" tt="none">
      {t(`stockTake.status.${status}`)}
    </Badge>
  );
}
