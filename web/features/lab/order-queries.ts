// What the lab order screens read from the API, and how they refresh it after a change.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { LabTest, LabTestPage } from '../../../contracts/lab';
import type { LabOrder, LabOrderPage } from '../../../contracts/lab-orders';
import { MAX_LIMIT } from '../../../contracts/common';
import { get } from '../../lib/api';
import type { WorklistFilter } from './lab-orders';

export const LAB_ORDERS_KEY = ['lab-orders'] as const;
export const labOrderKey = (id: string) => [...LAB_ORDERS_KEY, 'one', id] as const;

/** A page of the worklist: orders of a status whose number, patient name or MRN holds `q`. */
export function useLabOrders(filter: WorklistFilter, q: string, page: number, pageSize: number) {
  const query = {
    status: filter,
    q: q.trim() || undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  return useQuery({
    queryKey: [...LAB_ORDERS_KEY, 'list', query],
    queryFn: ({ signal }) => get<LabOrderPage>('/api/lab/orders', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every order placed from one consultation, whatever its status. */
export function useConsultationLabOrders(consultationId: string) {
  const query = { consultationId, status: 'all', limit: MAX_LIMIT };
  return useQuery({
    queryKey: [...LAB_ORDERS_KEY, 'list', query],
    queryFn: ({ signal }) => get<LabOrderPage>('/api/lab/orders', query, signal),
  });
}

/** The report of an order's verified tests: staff of its hospital, and the patient, print it. */
export const labReportPath = (id: string) => `/api/lab/orders/${id}/report.pdf`;

export function useLabOrder(id: string) {
  return useQuery({
    queryKey: labOrderKey(id),
    queryFn: ({ signal }) => get<LabOrder>(`/api/lab/orders/${id}`, undefined, signal),
  });
}

/** One test of the catalog with its analytes as they are now: what a results form asks for. */
export function useLabTest(id: string, enabled = true) {
  return useQuery({
    queryKey: ['lab-tests', 'one', id],
    queryFn: ({ signal }) => get<LabTest>(`/api/lab/tests/${id}`, undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

/**
 * The tests that can be ordered (those in use), whole, with the hospital's currency: a catalog
 * holds tens to a few hundred, so the picker searches them in the browser.
 */
export function useOrderableTests() {
  return useQuery({
    queryKey: ['lab-tests', 'orderable'],
    queryFn: async ({ signal }) => {
      const tests: LabTest[] = [];
      let currency = 'INR';
      for (let offset = 0; offset < 2000; offset += MAX_LIMIT) {
        const page = await get<LabTestPage>(
          '/api/lab/tests',
          { active: 'true', limit: MAX_LIMIT, offset },
          signal,
        );
        currency = page.currency;
        tests.push(...page.items);
        if (tests.length >= page.total || page.items.length === 0) break;
      }
      return { tests, currency };
    },
    staleTime: 60_000,
  });
}

/** After an order changed: its page, the lists, and the bills it is on. */
export async function refreshLabOrders(client: QueryClient, order?: LabOrder): Promise<void> {
  if (order) client.setQueryData(labOrderKey(order.id), order);
  await Promise.all([
    client.invalidateQueries({ queryKey: [...LAB_ORDERS_KEY, 'list'] }),
    client.invalidateQueries({ queryKey: ['invoices'] }),
  ]);
}
