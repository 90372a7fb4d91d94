// What the patient's bill screens read from the API (their own bills at every hospital).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Invoice, MyBills } from '../../../contracts/billing';
import { get } from '../../lib/api';

export function useMyBills(page: number, pageSize: number) {
  const query = { limit: pageSize, offset: (page - 1) * pageSize };
  return useQuery({
    queryKey: ['my-bills', query],
    queryFn: ({ signal }) => get<MyBills>('/api/billing/mine', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMyBill(id: string) {
  return useQuery({
    queryKey: ['my-bill', id],
    queryFn: ({ signal }) => get<Invoice>(`/api/billing/mine/${id}`, undefined, signal),
  });
}

export const myBillPdfPath = (id: string) => `/api/billing/mine/${id}/pdf`;
