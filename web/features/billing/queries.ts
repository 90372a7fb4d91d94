// What the billing screens read from the API, and what they refresh after a change.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  Invoice,
  InvoiceSource,
  InvoiceStatus,
  InvoiceSummary,
  PatientAccount,
} from '../../../contracts/billing';
import type { BillingService } from '../../../contracts/price-list';
import type { Department } from '../../../contracts/organisation';
import type { Patient } from '../../../contracts/patients';
import { get } from '../../lib/api';
import { patientKey } from '../patients/queries';

type Page<T> = { items: T[]; total: number };

export interface InvoiceFilters {
  status: InvoiceStatus | null;
  source: InvoiceSource | null;
  unpaid: boolean;
  q: string;
  from: string | null;
  to: string | null;
}

export function useInvoices(filters: InvoiceFilters, page: number, pageSize: number) {
  const query = {
    status: filters.status,
    source: filters.source,
    unpaid: filters.unpaid ? 'true' : undefined,
    q: filters.q.trim() || undefined,
    from: filters.from,
    to: filters.to,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  return useQuery({
    queryKey: ['invoices', query],
    queryFn: ({ signal }) => get<Page<InvoiceSummary>>('/api/billing/invoices', query, signal),
    placeholderData: keepPreviousData,
  });
}

export const invoiceKey = (id: string) => ['invoice', id] as const;

export function useInvoice(id: string) {
  return useQuery({
    queryKey: invoiceKey(id),
    queryFn: ({ signal }) => get<Invoice>(`/api/billing/invoices/${id}`, undefined, signal),
  });
}

/** What a service search shows of a service: enough to choose it and price it. */
export type PricedService = Pick<BillingService, 'id' | 'code' | 'name' | 'priceMinor' | 'taxRateBp'>;
/**
 * Where services in use are searched: the price list itself, or another module's view of it for
 * those who may choose a service there but not manage the list (ward charges, a lab test's billing).
 */
export type ServiceSource = 'price-list' | 'ward' | 'lab';

const SERVICE_DOORS: Record<Exclude<ServiceSource, 'price-list'>, string> = {
  ward: '/api/wards/chargeable-services',
  lab: '/api/lab/billable-services',
};

/** The price list's services in use matching `q` (all of the first page when empty), and the currency. */
export function useBillingServices(q: string, enabled = true, source: ServiceSource = 'price-list') {
  return useQuery({
    queryKey: ['billing', 'services', source, q],
    queryFn: ({ signal }) =>
      source === 'price-list'
        ? get<Page<PricedService> & { currency: string }>(
            '/api/billing/services',
            { q: q || undefined, active: 'true', limit: 20 },
            signal,
          )
        : get<Page<PricedService> & { currency: string }>(
            SERVICE_DOORS[source],
            { q: q || undefined, limit: 20 },
            signal,
          ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The hospital's currency, as the price list states it (bills are made in it). */
export function useBillingCurrency() {
  return useQuery({
    queryKey: ['billing', 'services', 'currency'],
    queryFn: ({ signal }) =>
      get<{ currency: string }>('/api/billing/services', { limit: 1 }, signal).then((r) => r.currency),
    staleTime: 5 * 60_000,
  });
}

export const accountKey = (patientId: string) => ['billing', 'account', patientId] as const;

/** What a patient owes here and holds in advance, and their open bills. */
export function usePatientAccount(patientId: string | null, enabled = true) {
  return useQuery({
    queryKey: accountKey(patientId ?? ''),
    queryFn: ({ signal }) =>
      get<PatientAccount>(`/api/billing/patients/${patientId}/account`, undefined, signal),
    enabled: enabled && !!patientId,
  });
}

/** A patient of the active hospital (a bill started from their page), when one is named. */
export function usePatientRecord(id: string | null) {
  return useQuery({
    queryKey: patientKey(id ?? ''),
    queryFn: ({ signal }) => get<Patient>(`/api/patients/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments', 'billing'],
    queryFn: ({ signal }) => get<{ items: Department[] }>('/api/departments', undefined, signal),
    select: (d) => d.items.filter((x) => x.active),
    staleTime: 5 * 60_000,
  });
}

/** After money or a bill moved: lists, the bill, patients' accounts and the dashboard's figures are stale. */
export async function refreshBilling(client: QueryClient): Promise<void> {
  await Promise.all(
    ['invoices', 'invoice', 'billing', 'dashboard'].map((root) =>
      client.invalidateQueries({ queryKey: [root] }),
    ),
  );
}
