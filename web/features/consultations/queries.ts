import { useQuery } from '@tanstack/react-query';
import type { Consultation, Icd10Code } from '../../../contracts/clinical';
import { ApiError, get, getFile } from '../../lib/api';
import { fieldErrorMessage } from '../../lib/messages';

export const consultationKey = (id: string) => ['consultation', id] as const;

export function useConsultation(id: string) {
  return useQuery({
    queryKey: consultationKey(id),
    queryFn: ({ signal }) => get<Consultation>(`/api/consultations/${id}`, undefined, signal),
  });
}

export const searchIcd10 = (q: string, signal?: AbortSignal) =>
  get<{ items: Icd10Code[] }>('/api/icd10', { q, limit: 15 }, signal);

/** Opens the printed prescription in a new tab (fetched with the active hospital, as the API wants). */
export async function openPrescriptionPdf(consultationId: string): Promise<void> {
  // Opened first, while the click still counts as the person's: a tab opened after the download
  // would be blocked as a pop-up.
  const tab = window.open('', '_blank');
  try {
    const { blob } = await getFile(`/api/consultations/${consultationId}/prescription.pdf`);
    const url = URL.createObjectURL(blob);
    if (tab) tab.location.href = url;
    else window.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab?.close();
    throw err;
  }
}

/** The field problems of a refused request, worded for people (for lists under a form). */
export function fieldProblems(err: unknown): string[] {
  if (!(err instanceof ApiError)) return [];
  const code = err.code === 'NETWORK' ? undefined : err.code;
  return Object.values(err.fields).map((f) => fieldErrorMessage(f, code));
}

/** Whole years between a date of birth and today. */
export function ageOf(dateOfBirth: string | null): number | null {
  if (!dateOfBirth) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const now = new Date();
  const [y, m, d] = [now.getFullYear(), now.getMonth() + 1, now.getDate()];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** BMI to one decimal from kilograms and centimetres, as the server works it out. */
export function bmiOf(weightKg: number | null, heightCm: number | null): number | null {
  if (!weightKg || !heightCm) return null;
  const m = heightCm / 100;
  return Math.round((weightKg / (m * m)) * 10) / 10;
}
