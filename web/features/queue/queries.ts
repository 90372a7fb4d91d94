import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Hospital } from '../../../contracts/organisation';
import type { MyQueue } from '../../../contracts/queue';
import type { Appointment } from '../../../contracts/scheduling';
import { get, getAllPages } from '../../lib/api';

/** Today's date (YYYY-MM-DD) on the clock of a time zone. */
export function localToday(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const v = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${v('year')}-${v('month')}-${v('day')}`;
}

/** The active hospital (its code names the queue screen; its zone says what today is). */
export function useHospital(id: string | null) {
  return useQuery({
    queryKey: ['hospital', id],
    queryFn: ({ signal }) => get<Hospital>(`/api/hospitals/${id}`, undefined, signal),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

export const dayKey = (date: string) => ['appointments', 'day', date] as const;

/** Every appointment of the active hospital on a local day (the front desk's list). */
export function useDayAppointments(date: string | null) {
  return useQuery({
    queryKey: dayKey(date ?? ''),
    queryFn: ({ signal }) => getAllPages<Appointment>('/api/appointments', { date }, signal, 1000),
    enabled: !!date,
    refetchInterval: 30_000,
  });
}

export const MY_QUEUE_KEY = ['queue', 'mine'] as const;

/** The signed-in doctor's day at the active hospital; refreshed often, as patients check in. */
export function useMyQueue() {
  return useQuery({
    queryKey: MY_QUEUE_KEY,
    queryFn: ({ signal }) => get<MyQueue>('/api/queue/mine', undefined, signal),
    refetchInterval: 15_000,
  });
}

/** After a check-in, a walk-in, a call or a send-back: the lists that show the queue. */
export function useRefreshQueue() {
  const client = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: ['appointments'] }),
      client.invalidateQueries({ queryKey: ['queue'] }),
    ]);
  }, [client]);
}
