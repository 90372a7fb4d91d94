// What the cashier's and the administrator's money screens read from the API, and what they
// refresh after a change.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { BillingService, DepartmentFee } from '../../../contracts/price-list';
import type {
  CashClosing,
  CashDay,
  OutstandingPage,
  RevenueGrouping,
  RevenueReport,
} from '../../../contracts/billing-reports';
import type { StaffMember } from '../../../contracts/organisation';
import { get, getAllPages } from '../../lib/api';

type Page<T> = { items: T[]; total: number };
const offsetOf = (page: number, size: number) => (page - 1) * size;

/** The caller's takings on a day (today at the hospital when `date` is null), and its closing. */
export function useCashDay(date: string | null) {
  return useQuery({
    queryKey: ['cash-day', date],
    queryFn: ({ signal }) => get<CashDay>('/api/billing/cash-day', { date }, signal),
  });
}

/** Closed days, newest first: one's own, or (with the reports permission) a cashier's or everyone's. */
export function useCashClosings(cashierId: string | null, page: number, pageSize: number) {
  const query = { cashierId, limit: pageSize, offset: offsetOf(page, pageSize) };
  return useQuery({
    queryKey: ['cash-closings', query],
    queryFn: ({ signal }) =>
      get<Page<CashClosing> & { currency: string }>('/api/billing/cash-closings', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The people who can take money here, for the cashier filter (hundreds of staff at most). */
export function useCashiers(enabled: boolean) {
  return useQuery({
    queryKey: ['staff', 'cashiers'],
    queryFn: ({ signal }) => getAllPages<StaffMember>('/api/staff', {}, signal),
    select: (staff) =>
      staff.filter((s) =>
        s.roles.some((r) => r === 'receptionist' || r === 'pharmacist' || r === 'hospital_admin'),
      ),
    staleTime: 60_000,
    enabled,
  });
}

/** After a day is closed: the day itself and the list of closings. */
export async function refreshClosings(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['cash-day'] }),
    client.invalidateQueries({ queryKey: ['cash-closings'] }),
    client.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);
}

export function useRevenue(from: string, to: string, by: RevenueGrouping, enabled: boolean) {
  return useQuery({
    queryKey: ['revenue', from, to, by],
    queryFn: ({ signal }) => get<RevenueReport>('/api/billing/reports/revenue', { from, to, by }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOutstanding(q: string, page: number, pageSize: number) {
  const query = { q: q.trim() || undefined, limit: pageSize, offset: offsetOf(page, pageSize) };
  return useQuery({
    queryKey: ['outstanding', query],
    queryFn: ({ signal }) => get<OutstandingPage>('/api/billing/reports/outstanding', query, signal),
    placeholderData: keepPreviousData,
  });
}

export type ActiveFilter = 'true' | 'false' | 'all';

export function useBillingServices(q: string, active: ActiveFilter, page: number, pageSize: number) {
  const query = { q: q.trim() || undefined, active, limit: pageSize, offset: offsetOf(page, pageSize) };
  return useQuery({
    queryKey: ['billing-services', query],
    queryFn: ({ signal }) =>
      get<Page<BillingService> & { currency: string }>('/api/billing/services', query, signal),
    placeholderData: keepPreviousData,
  });
}

export type DepartmentFees = { items: DepartmentFee[]; currency: string };

export const DEPARTMENT_FEES_KEY = ['consultation-fees'] as const;

export function useDepartmentFees() {
  return useQuery({
    queryKey: DEPARTMENT_FEES_KEY,
    queryFn: ({ signal }) => get<DepartmentFees>('/api/billing/consultation-fees', undefined, signal),
  });
}
