// What the patient's "My stays" reads from the API: their own stays at every hospital.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OwnReservations } from '../../../contracts/bed-reservations';
import type { OwnStayPage } from '../../../contracts/discharge';
import { get } from '../../lib/api';

export function useMyStays(page: number, pageSize: number) {
  const query = { limit: pageSize, offset: (page - 1) * pageSize };
  return useQuery({
    queryKey: ['my-stays', query],
    queryFn: ({ signal }) => get<OwnStayPage>('/api/me/admissions', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Beds reserved for the patient now or later (a planned admission), at every hospital. */
export function useMyReservations() {
  return useQuery({
    queryKey: ['my-bed-reservations'],
    queryFn: ({ signal }) => get<OwnReservations>('/api/me/bed-reservations', undefined, signal),
  });
}
