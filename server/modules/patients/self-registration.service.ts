import type { Executor } from '../../db/client';
import { insertPatient } from './patients.repo';

/** As identity's sign-up step hands it over (see server/modules/identity/identity.ports.ts). */
export interface NewSelfPatient {
  userId: string;
  givenName: string;
  familyName: string;
  email: string;
  phone: string | null;
  dateOfBirth: string | null;
  sex: 'female' | 'male' | 'other' | 'unknown';
}

/** The patient record of a person who signed up alone: linked to their account, registered at no hospital yet. */
export async function createPatientForUser(tx: Executor, p: NewSelfPatient): Promise<string> {
  const row = await insertPatient(tx, { ...p, createdBy: p.userId });
  return row.id;
}
