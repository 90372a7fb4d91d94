import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AccessLogEntry, Patient, PatientPage, TimelineEvent } from '../../../contracts/patients';
import { get } from '../../lib/api';

export const patientKey = (id: string) => ['patient', id] as const;

export function usePatientSearch(q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['patients', q, page, pageSize],
    queryFn: ({ signal }) =>
      get<PatientPage>(
        '/api/patients',
        { q: q.trim() || undefined, limit: pageSize, offset: (page - 1) * pageSize },
        signal,
      ),
    placeholderData: (previous) => previous,
  });
}

/** A record: `me` for the patient's own, otherwise an id at the active hospital. */
export function usePatient(id: string | 'me') {
  return useQuery({
    queryKey: patientKey(id),
    queryFn: ({ signal }) => get<Patient>(`/api/patients/${id}`, undefined, signal),
  });
}

type HistoryPage<T> = { items: T[]; nextCursor: number | null };

export function useTimeline(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['patient', id, 'timeline'],
    queryFn: ({ pageParam, signal }) =>
      get<HistoryPage<TimelineEvent>>(
        `/api/patients/${id}/timeline`,
        { cursor: pageParam, limit: 30 },
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useAccessLog(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['patient', id, 'access-log'],
    queryFn: ({ pageParam, signal }) =>
      get<HistoryPage<AccessLogEntry>>(
        `/api/patients/${id}/access-log`,
        { cursor: pageParam, limit: 30 },
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}
