import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Prescription, PrescriptionStatus } from '../../../contracts/dispensing';
import { get } from '../../lib/api';

export const prescriptionKey = (id: string) => ['prescription', id] as const;

/** The active hospital's prescriptions, newest first; one status or all. */
export function usePrescriptions(status: PrescriptionStatus | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['prescriptions', status, page, pageSize],
    queryFn: ({ signal }) =>
      get<{ items: Prescription[]; total: number }>(
        '/api/prescriptions',
        { status, limit: pageSize, offset: (page - 1) * pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function usePrescription(id: string) {
  return useQuery({
    queryKey: prescriptionKey(id),
    queryFn: ({ signal }) => get<Prescription>(`/api/prescriptions/${id}`, undefined, signal),
  });
}

/** What is still to be dispensed on a line. */
export const leftOf = (l: { quantityPrescribed: number; quantityDispensed: number }) =>
  Math.max(0, l.quantityPrescribed - l.quantityDispensed);
