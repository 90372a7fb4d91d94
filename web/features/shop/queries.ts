import { keepPreviousData, useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { DocumentInfo } from '../../../contracts/documents';
import type { PublicHospital } from '../../../contracts/organisation';
import type { ShopItem } from '../../../contracts/pharmacy-orders';
import { get } from '../../lib/api';
import type { CartLine } from './cart';

type ShopPage = { items: ShopItem[]; total: number };

const shopPage = (hospitalId: string, q: string, limit: number, offset: number, signal?: AbortSignal) =>
  get<ShopPage>('/api/shop/medicines', { hospitalId, q: q || undefined, limit, offset }, signal);

/** The hospitals a patient can order from. */
export function useHospitals() {
  return useQuery({
    queryKey: ['public', 'hospitals'],
    queryFn: ({ signal }) => get<{ items: PublicHospital[] }>('/api/public/hospitals', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** A page of a hospital's shop, matching a search. */
export function useShop(hospitalId: string | null, q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['shop', hospitalId, q, page, pageSize],
    queryFn: ({ signal }) => shopPage(hospitalId!, q, pageSize, (page - 1) * pageSize, signal),
    enabled: !!hospitalId,
    placeholderData: keepPreviousData,
  });
}

/**
 * What the shop says now about the items in the cart (price, tax, what can be had), found by
 * searching each item's name. `complete` once every search answered.
 */
export function useCurrentItems(hospitalId: string | null, lines: readonly CartLine[]) {
  const names = [...new Set(lines.map((l) => l.item.genericName))].sort();
  const results = useQueries({
    queries: names.map((name) => ({
      queryKey: ['shop', hospitalId, name, 1, 100],
      queryFn: ({ signal }: { signal: AbortSignal }) => shopPage(hospitalId!, name, 100, 0, signal),
      enabled: !!hospitalId,
    })),
  });
  const complete = results.every((r) => r.isSuccess);
  const fetching = results.some((r) => r.isFetching);
  const stamp = results.map((r) => r.dataUpdatedAt).join();
  const items = useMemo(() => {
    const map = new Map<string, ShopItem>();
    for (const r of results) for (const i of r.data?.items ?? []) map.set(i.id, i);
    return map;
    // The answers change only when one of them was updated.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stamp]);
  const refetch = () => Promise.all(results.map((r) => r.refetch()));
  return { items, complete, fetching, refetch };
}

const PRESCRIPTIONS_PAGE = 20;

/** The patient's uploaded prescriptions, newest first, 20 at a time (`fetchNextPage` for older ones). */
export function usePrescriptionDocuments(patientId: string | null) {
  return useInfiniteQuery({
    queryKey: ['patient', patientId, 'documents', 'prescription', 'pages'],
    queryFn: ({ pageParam, signal }) =>
      get<{ items: DocumentInfo[]; total: number }>(
        `/api/patients/${patientId}/documents`,
        { kind: 'prescription', limit: PRESCRIPTIONS_PAGE, offset: pageParam },
        signal,
      ),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const shown = pages.reduce((n, p) => n + p.items.length, 0);
      return shown < last.total && last.items.length > 0 ? shown : undefined;
    },
    enabled: !!patientId,
  });
}
