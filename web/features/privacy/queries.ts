// What the privacy screens read from the API: a patient's consents, and erasure requests (the
// patient's own, or those of the active hospital's patients for its admin).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ConsentEntry,
  ConsentOverview,
  ErasureRequest,
  ErasureStatus,
  RecordConsentBody,
} from '../../../contracts/privacy';
import { get, post } from '../../lib/api';

type ErasurePage = { items: ErasureRequest[]; total: number };

/** Under the patient's key: a merge or a switch of hospital that drops the record drops these too. */
export const consentsKey = (patientId: string) => ['patient', patientId, 'consents'] as const;
const ERASURE_KEY = ['erasure-requests'] as const;

export function useConsents(patientId: string) {
  return useQuery({
    queryKey: consentsKey(patientId),
    queryFn: ({ signal }) => get<ConsentOverview>(`/api/patients/${patientId}/consents`, undefined, signal),
  });
}

/** Records a decision (staff say how they were given it; a patient sends no method), then reads them again. */
export function useRecordConsent(patientId: string) {
  const client = useQueryClient();
  return async (body: z.input<typeof RecordConsentBody>): Promise<ConsentEntry> => {
    const entry = await post<ConsentEntry>(`/api/patients/${patientId}/consents`, body);
    await client.invalidateQueries({ queryKey: consentsKey(patientId) });
    return entry;
  };
}

export function useErasureRequests(
  status: ErasureStatus | undefined,
  page: number,
  pageSize: number,
  mine = false,
) {
  const query = { status, limit: pageSize, offset: (page - 1) * pageSize, mine: mine ? 'true' : undefined };
  return useQuery({
    queryKey: [...ERASURE_KEY, query],
    queryFn: ({ signal }) => get<ErasurePage>('/api/erasure-requests', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** A patient's own requests, newest first (a handful at most: one may be pending at a time). */
export function useMyErasureRequests() {
  // `mine`: an admin who is also a patient sees their own here, not the hospital's queue.
  return useErasureRequests(undefined, 1, 20, true);
}

export function useErasureRequest(id: string, initialData?: ErasureRequest) {
  return useQuery({
    queryKey: [...ERASURE_KEY, id],
    queryFn: ({ signal }) => get<ErasureRequest>(`/api/erasure-requests/${id}`, undefined, signal),
    initialData,
  });
}

/** Sends an action on a request (cancel, refuse, complete) and reads every list of requests again. */
export function useErasureAction() {
  const client = useQueryClient();
  return async (id: string, action: 'cancel' | 'refuse' | 'complete', body?: object) => {
    let done: ErasureRequest;
    try {
      done = await post<ErasureRequest>(`/api/erasure-requests/${id}/${action}`, body);
    } catch (err) {
      // Decided meanwhile (ALREADY_DECIDED) or refused: what is on screen may be out of date.
      await client.invalidateQueries({ queryKey: ERASURE_KEY });
      throw err;
    }
    client.setQueryData([...ERASURE_KEY, id], done);
    await client.invalidateQueries({ queryKey: ERASURE_KEY, predicate: (q) => q.queryKey[1] !== id });
    return done;
  };
}
