// What the ward screens read from the API, and what they refresh after a change. The bed board is
// one query every screen shares (the board page, the bed pickers); its live stream writes into it.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Admission, BedBoard, WardList } from '../../../contracts/wards';
import { get } from '../../lib/api';

type Page<T> = { items: T[]; total: number };

export const BOARD_KEY = ['wards', 'board'] as const;
export const WARD_LIST_KEY = ['wards', 'list'] as const;
export const admissionKey = (id: string) => ['wards', 'admission', id] as const;
/** The stay's ward charges, under the admission's key so a ward change refreshes them too. */
export const wardChargesKey = (id: string) => [...admissionKey(id), 'service-charges'] as const;

export type AdmissionStatus = 'active' | 'discharged' | 'all';

export const fetchBoard = (signal?: AbortSignal) => get<BedBoard>('/api/wards/board', undefined, signal);

/** Every open ward's beds, their state and patient, and the free beds. */
export function useBedBoard() {
  return useQuery({ queryKey: BOARD_KEY, queryFn: ({ signal }) => fetchBoard(signal), staleTime: 10_000 });
}

/** The wards with their rooms and beds, closed ones included, and the hospital's currency. */
export function useWardList() {
  return useQuery({
    queryKey: WARD_LIST_KEY,
    queryFn: ({ signal }) => get<WardList>('/api/wards', undefined, signal),
  });
}

/** Admissions, newest first, by status. */
export function useAdmissions(status: AdmissionStatus, page: number, pageSize: number) {
  const query = { status, limit: pageSize, offset: (page - 1) * pageSize };
  return useQuery({
    queryKey: ['wards', 'admissions', query],
    queryFn: ({ signal }) => get<Page<Admission>>('/api/wards/admissions', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The patient's open admission at the active hospital, or null. */
export function useOpenAdmission(patientId: string, enabled: boolean) {
  const query = { status: 'active', patientId, limit: 1 };
  return useQuery({
    queryKey: ['wards', 'admissions', query],
    queryFn: ({ signal }) =>
      get<Page<Admission>>('/api/wards/admissions', query, signal).then((p) => p.items[0] ?? null),
    enabled,
  });
}

export function useAdmission(id: string) {
  return useQuery({
    queryKey: admissionKey(id),
    queryFn: ({ signal }) => get<Admission>(`/api/wards/admissions/${id}`, undefined, signal),
  });
}

/** After any bed, ward or admission change: the board, the set-up, admissions, the dashboard's figures. */
export async function refreshWards(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['wards'] }),
    client.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);
}
