import { useTranslation } from 'react-i18next';
import type { StockTake } from '../../../contracts/stock-control';
import { StatusBadge } from '../../components/StatusBadge';

const COLOR = { counting: 'blue', posted: 'teal', cancelled: 'gray' } as const;

export function StockTakeStatusBadge({ status }: { status: StockTake['status'] }) {
  const { t } = useTranslation();
  return <StatusBadge color={COLOR[status]} label={t(`stockTake.status.${status}`)} />;
}
