// What the patient's lab report screens read from the API: their own orders at every hospital,
// with results only for the tests the lab has verified.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LabOrder, LabOrderPage } from '../../../contracts/lab-orders';
import { get } from '../../lib/api';

export function useMyLabOrders(page: number, pageSize: number) {
  const query = { limit: pageSize, offset: (page - 1) * pageSize };
  return useQuery({
    queryKey: ['my-lab-orders', query],
    queryFn: ({ signal }) => get<LabOrderPage>('/api/lab/my-orders', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMyLabOrder(id: string) {
  return useQuery({
    queryKey: ['my-lab-order', id],
    queryFn: ({ signal }) => get<LabOrder>(`/api/lab/my-orders/${id}`, undefined, signal),
  });
}
