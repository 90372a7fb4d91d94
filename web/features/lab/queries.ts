// What the lab's screens read from the API.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LabTestPage } from '../../../contracts/lab';
import { get } from '../../lib/api';

export type ActiveFilter = 'true' | 'false' | 'all';
export const LAB_TESTS_KEY = ['lab-tests'] as const;

/** A page of the catalog: tests whose code or name holds `q`, those in use or not, or all. */
export function useLabTests(q: string, active: ActiveFilter, page: number, pageSize: number) {
  const query = { q: q.trim() || undefined, active, limit: pageSize, offset: (page - 1) * pageSize };
  return useQuery({
    queryKey: [...LAB_TESTS_KEY, query],
    queryFn: ({ signal }) => get<LabTestPage>('/api/lab/tests', query, signal),
    placeholderData: keepPreviousData,
  });
}
