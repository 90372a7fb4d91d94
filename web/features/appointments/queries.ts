import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { PublicDoctor, PublicHospital } from '../../../contracts/organisation';
import type { Appointment, NextFreeList, SlotList } from '../../../contracts/scheduling';
import { get, getAllPages } from '../../lib/api';

type Page<T> = { items: T[]; total: number; limit: number; offset: number };

/** Active hospitals and their departments (the public list). */
export function usePublicHospitals() {
  return useQuery({
    queryKey: ['public', 'hospitals'],
    queryFn: ({ signal }) => get<{ items: PublicHospital[] }>('/api/public/hospitals', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** The next free time of each of these doctors (the finder's cards), keyed by doctor. */
export function useNextFree(doctorIds: string[]) {
  const ids = doctorIds.join(',');
  return useQuery({
    queryKey: ['appointments', 'next-free', ids],
    queryFn: ({ signal }) => get<NextFreeList>('/api/doctors/next-free', { ids }, signal),
    enabled: doctorIds.length > 0,
    staleTime: 30_000,
    select: (d) => new Map(d.items.map((i) => [i.doctorId, i])),
  });
}

/** Bookable doctors (the public directory) of a hospital, optionally one department or a search. */
export function useBookableDoctors(
  f: { hospitalId: string | null; departmentId?: string | null; q?: string },
  enabled = true,
) {
  return useQuery({
    queryKey: ['public', 'doctors', 'bookable', f.hospitalId, f.departmentId ?? '', f.q ?? ''],
    queryFn: ({ signal }) =>
      get<Page<PublicDoctor>>(
        '/api/public/doctors',
        {
          hospitalId: f.hospitalId,
          departmentId: f.departmentId,
          q: f.q?.trim() || undefined,
          limit: 100,
        },
        signal,
      ),
    enabled: enabled && !!f.hospitalId,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/**
 * Every bookable doctor of a hospital, however many (the front desk's doctor list), so a doctor
 * past the hundredth by name can still be chosen.
 */
export function useHospitalDoctors(hospitalId: string | null) {
  return useQuery({
    queryKey: ['public', 'doctors', 'all', hospitalId],
    queryFn: ({ signal }) => getAllPages<PublicDoctor>('/api/public/doctors', { hospitalId }, signal),
    enabled: !!hospitalId,
    staleTime: 60_000,
  });
}

const bookableDoctorKey = (doctorId: string | null) => ['public', 'doctors', 'one', doctorId] as const;

/** One bookable doctor by id (a booking page reached with the doctor chosen); a 404 once they are not. */
export function useBookableDoctor(doctorId: string | null) {
  return useQuery({
    queryKey: bookableDoctorKey(doctorId),
    queryFn: ({ signal }) => get<PublicDoctor>(`/api/public/doctors/${doctorId}`, undefined, signal),
    enabled: !!doctorId,
    staleTime: 60_000,
  });
}

/** Keeps a doctor chosen from a list as the one `useBookableDoctor` answers, so no fetch stands between. */
export function useRememberDoctor(): (doctor: PublicDoctor) => void {
  const client = useQueryClient();
  return useCallback((doctor) => client.setQueryData(bookableDoctorKey(doctor.id), doctor), [client]);
}

export const slotsKey = (doctorId: string) => ['slots', doctorId] as const;

/** A doctor's free slots between two of the hospital's local dates. */
export function useSlots(doctorId: string | null, range: { from: string; to: string }) {
  return useQuery({
    queryKey: [...slotsKey(doctorId ?? ''), range.from, range.to],
    queryFn: ({ signal }) => get<SlotList>(`/api/doctors/${doctorId}/slots`, range, signal),
    enabled: !!doctorId,
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === doctorId ? prev : undefined),
  });
}

export function useMyAppointments(when: 'upcoming' | 'past', page: number, pageSize: number) {
  return useQuery({
    queryKey: ['appointments', 'mine', when, page],
    queryFn: ({ signal }) =>
      get<Page<Appointment>>(
        '/api/appointments/mine',
        { when, limit: pageSize, offset: (page - 1) * pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** After a booking, a move or a cancellation: the lists and the slots it changed. */
export function useRefreshAfterChange() {
  const client = useQueryClient();
  return useCallback(
    async (doctorId?: string) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['appointments'] }),
        doctorId
          ? client.invalidateQueries({ queryKey: slotsKey(doctorId) })
          : client.invalidateQueries({ queryKey: ['slots'] }),
      ]);
    },
    [client],
  );
}
