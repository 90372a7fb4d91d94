// What the procurement screens read from the API, and what they refresh after a change.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  GoodsReceipt,
  ProcurementInsights,
  ProcurementSettings,
  PurchaseOrder,
  PurchaseOrderStatus,
  PurchaseOrderSummary,
  ReorderSuggestions,
  Supplier,
  SupplierItem,
  SupplierReturn,
} from '../../../contracts/procurement';
import { storesQuery } from '../stores/queries';
import { get, getAllPages } from '../../lib/api';

type Page<T> = { items: T[]; total: number };

export type ActiveFilter = 'true' | 'false' | 'all';

export function useSuppliers(q: string, active: ActiveFilter, page: number, pageSize: number) {
  const query = { q: q.trim() || undefined, active, limit: pageSize, offset: (page - 1) * pageSize };
  return useQuery({
    queryKey: ['suppliers', query],
    queryFn: ({ signal }) => get<Page<Supplier>>('/api/suppliers', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every supplier in use, by name (for pickers: a hospital has tens, not thousands). */
export function useActiveSuppliers(enabled = true) {
  return useQuery({
    queryKey: ['suppliers', 'all-active'],
    queryFn: ({ signal }) => getAllPages<Supplier>('/api/suppliers', { active: 'true' }, signal, 1000),
    staleTime: 60_000,
    enabled,
  });
}

export const supplierKey = (id: string) => ['supplier', id] as const;

export function useSupplier(id: string) {
  return useQuery({
    queryKey: supplierKey(id),
    queryFn: ({ signal }) => get<Supplier>(`/api/suppliers/${id}`, undefined, signal),
  });
}

export const supplierItemsKey = (id: string) => ['supplier', id, 'items'] as const;

export function useSupplierItems(id: string | null) {
  return useQuery({
    queryKey: supplierItemsKey(id ?? ''),
    queryFn: ({ signal }) => get<{ items: SupplierItem[] }>(`/api/suppliers/${id}/items`, undefined, signal),
    select: (d) => d.items,
    enabled: !!id,
  });
}

export function usePurchaseOrders(status: PurchaseOrderStatus | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['purchase-orders', status, page, pageSize],
    queryFn: ({ signal }) =>
      get<Page<PurchaseOrderSummary>>(
        '/api/purchase-orders',
        { status, limit: pageSize, offset: (page - 1) * pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export const orderKey = (id: string) => ['purchase-order', id] as const;

export function usePurchaseOrder(id: string) {
  return useQuery({
    queryKey: orderKey(id),
    queryFn: ({ signal }) => get<PurchaseOrder>(`/api/purchase-orders/${id}`, undefined, signal),
  });
}

export function useReceipts(orderId: string, enabled = true) {
  return useQuery({
    queryKey: ['purchase-order', orderId, 'receipts'],
    queryFn: ({ signal }) =>
      get<{ items: GoodsReceipt[] }>(`/api/purchase-orders/${orderId}/receipts`, undefined, signal),
    select: (d) => d.items,
    enabled,
  });
}

export function useSuggestions(storeId: string | null) {
  return useQuery({
    queryKey: ['procurement', 'suggestions', storeId],
    queryFn: ({ signal }) => get<ReorderSuggestions>('/api/procurement/suggestions', { storeId }, signal),
    // Packs typed into the table must not be replaced by a refetch behind the person's back.
    refetchOnWindowFocus: false,
  });
}

export function useProcurementSettings() {
  return useQuery({
    queryKey: ['procurement', 'settings'],
    queryFn: ({ signal }) => get<ProcurementSettings>('/api/procurement/settings', undefined, signal),
    staleTime: 60_000,
  });
}

export function useInsights() {
  return useQuery({
    queryKey: ['procurement', 'insights'],
    queryFn: ({ signal }) => get<ProcurementInsights>('/api/procurement/insights', undefined, signal),
    staleTime: 60_000,
  });
}

export function useSupplierReturns(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['supplier-returns', page, pageSize],
    queryFn: ({ signal }) =>
      get<Page<SupplierReturn>>(
        '/api/supplier-returns',
        { limit: pageSize, offset: (page - 1) * pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** The stores goods from suppliers go to: the main store and the pharmacy. */
export function useReceivingStores() {
  return useQuery({
    ...storesQuery,
    select: (d) => d.items.filter((s) => s.active && (s.kind === 'main' || s.kind === 'pharmacy')),
    staleTime: 5 * 60_000,
  });
}

/** After an order moved: its lists, the figures on the dashboard and the suggestions are stale. */
export async function refreshOrders(client: QueryClient): Promise<void> {
  await Promise.all(
    ['purchase-orders', 'purchase-order', 'procurement', 'dashboard'].map((root) =>
      client.invalidateQueries({ queryKey: [root] }),
    ),
  );
}
