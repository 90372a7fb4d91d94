import { useQuery } from '@tanstack/react-query';
import type { StockAlerts, StockTake, StockValuation } from '../../../contracts/stock-control';
import { get } from '../../lib/api';

export function useStockAlerts() {
  return useQuery({
    queryKey: ['stock', 'alerts'],
    queryFn: ({ signal }) => get<StockAlerts>('/api/stock/alerts', undefined, signal),
  });
}

export function useValuation(storeId: string | null) {
  return useQuery({
    queryKey: ['stock', 'valuation', storeId],
    queryFn: ({ signal }) => get<StockValuation>('/api/stock/valuation', { storeId }, signal),
    placeholderData: (previous) => previous,
  });
}

export type StockTakeSummary = Omit<StockTake, 'lines'>;

export function useStockTakes(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['stock-takes', page, pageSize],
    queryFn: ({ signal }) =>
      get<{ items: StockTakeSummary[]; total: number }>(
        '/api/stock-takes',
        { limit: pageSize, offset: (page - 1) * pageSize },
        signal,
      ),
    placeholderData: (previous) => previous,
  });
}

export const stockTakeKey = (id: string, reveal: boolean) =>
  ['stock-takes', id, reveal ? 'revealed' : 'blind'] as const;

/** A stock take; blind (no expected quantities) unless `reveal`. */
export function useStockTake(id: string, reveal: boolean, enabled = true) {
  return useQuery({
    enabled,
    queryKey: stockTakeKey(id, reveal),
    queryFn: ({ signal }) =>
      get<StockTake>(`/api/stock-takes/${id}`, reveal ? { reveal: 'true' } : undefined, signal),
    // Counts typed on this screen must not be replaced by a refetch behind the person's back.
    refetchOnWindowFocus: false,
  });
}
