import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WardRequest } from '../../../contracts/pharmacy-orders';
import { storesQuery } from '../stores/queries';
import { get } from '../../lib/api';

export type WardRequestStatus = WardRequest['status'];
export type WardRequestLine = WardRequest['lines'][number];

export const wardRequestKey = (id: string) => ['ward-request', id] as const;

export function useWardRequests(status: WardRequestStatus | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['ward-requests', status, page, pageSize],
    queryFn: ({ signal }) =>
      get<{ items: WardRequest[]; total: number }>(
        '/api/ward-requests',
        { status, limit: pageSize, offset: (page - 1) * pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useWardRequest(id: string) {
  return useQuery({
    queryKey: wardRequestKey(id),
    queryFn: ({ signal }) => get<WardRequest>(`/api/ward-requests/${id}`, undefined, signal),
  });
}

/** The active hospital's ward stores (the places a request delivers to). */
export function useWardStores() {
  return useQuery({
    ...storesQuery,
    select: (d) => d.items.filter((s) => s.kind === 'ward' && s.active),
  });
}

/** Still to issue on a line, and issued but not yet confirmed by the ward. */
export const toIssue = (l: WardRequestLine) => Math.max(0, l.quantityRequested - l.quantityIssued);
export const inTransit = (l: WardRequestLine) => Math.max(0, l.quantityIssued - l.quantityReceived);
