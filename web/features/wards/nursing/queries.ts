// The nursing record of a stay, read from the API; keys sit under the admission's, so a ward
// change that refreshes the admission refreshes these too.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MedicationAdministrationList,
  NursingNoteList,
  VitalsChart,
} from '../../../../contracts/nursing';
import { get } from '../../../lib/api';
import { admissionKey } from '../queries';

type Part = 'vitals' | 'notes' | 'medications';
const key = (admissionId: string, part: Part) => [...admissionKey(admissionId), part] as const;

function usePart<T>(admissionId: string, part: Part) {
  return useQuery({
    queryKey: key(admissionId, part),
    queryFn: ({ signal }) => get<T>(`/api/wards/admissions/${admissionId}/${part}`, undefined, signal),
  });
}

export const useVitals = (id: string) => usePart<VitalsChart>(id, 'vitals');
export const useNursingNotes = (id: string) => usePart<NursingNoteList>(id, 'notes');
export const useMedicationRecord = (id: string) => usePart<MedicationAdministrationList>(id, 'medications');

/** Reads one part of the record again after an entry was added to it. */
export function useRefreshPart(admissionId: string, part: Part) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: key(admissionId, part) });
}
