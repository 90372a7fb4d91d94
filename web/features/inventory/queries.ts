import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Hospital } from '../../../contracts/organisation';
import type { Batch, LedgerEntry, Medicine, MedicineForm } from '../../../contracts/pharmacy';
import { storesQuery } from '../stores/queries';
import { get, getAllPages } from '../../lib/api';
import { useSession } from '../../lib/session';

type Page<T> = { items: T[]; total: number; limit: number; offset: number };

export interface CatalogFilters {
  q: string;
  form: MedicineForm | null;
  low: boolean;
  includeInactive: boolean;
  page: number;
  pageSize: number;
}

/** The query string of a catalog search. */
export function catalogQuery(
  f: Omit<CatalogFilters, 'page' | 'pageSize'> & { limit: number; offset: number },
) {
  return {
    q: f.q.trim() || undefined,
    form: f.form ?? undefined,
    low: f.low ? 'true' : undefined,
    includeInactive: f.includeInactive ? 'true' : undefined,
    limit: f.limit,
    offset: f.offset,
  };
}

/** A page of the catalog, searched on the server (typo-tolerant names, exact barcodes). */
export function useMedicineSearch(f: CatalogFilters) {
  const query = catalogQuery({ ...f, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return useQuery({
    queryKey: ['medicines', query],
    queryFn: ({ signal }) => get<Page<Medicine>>('/api/medicines', query, signal),
    placeholderData: (previous) => previous,
  });
}

export const medicineKey = (id: string) => ['medicine', id] as const;

export function useMedicine(id: string) {
  return useQuery({
    queryKey: medicineKey(id),
    queryFn: ({ signal }) => get<Medicine>(`/api/medicines/${id}`, undefined, signal),
  });
}

/** A medicine's batches with stock, soonest expiry first (a handful per medicine). */
export function useBatches(medicineId: string, enabled = true) {
  return useQuery({
    queryKey: ['stock', 'batches', medicineId],
    queryFn: ({ signal }) => getAllPages<Batch>('/api/stock/batches', { medicineId }, signal, 500),
    enabled,
  });
}

export function useLedger(medicineId: string, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: ['stock', 'ledger', medicineId, page, pageSize],
    queryFn: ({ signal }) =>
      get<Page<LedgerEntry>>(
        '/api/stock/ledger',
        { medicineId, limit: pageSize, offset: (page - 1) * pageSize },
        signal,
      ),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useStores(enabled = true) {
  return useQuery({
    ...storesQuery,
    select: (d) => d.items.filter((s) => s.active),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The active hospital's currency, for amounts typed before any medicine carries it. */
export function useHospitalCurrency(): string | undefined {
  const { me, can } = useSession();
  const id = me.activeHospitalId;
  // The same query (and cache) the app shell reads the hospital's time zone from.
  const { data } = useQuery({
    queryKey: ['hospital', id],
    queryFn: ({ signal }) => get<Hospital>(`/api/hospitals/${id}`, undefined, signal),
    enabled: !!id && can('hospitals:read'),
    staleTime: 10 * 60_000,
  });
  return data?.currency;
}

/** After stock moved: every figure that depends on it is stale. */
export async function refreshStock(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['stock'] }),
    client.invalidateQueries({ queryKey: ['medicine'] }),
    client.invalidateQueries({ queryKey: ['medicines'] }),
    client.invalidateQueries({ queryKey: ['stock-takes'] }),
    client.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);
}
