// What a new account becomes besides an account is decided by other modules: a patient gets a
// patient record (patients), a doctor files an application for a hospital to approve
// (organisation). Identity depends on neither: the steps are handed in through this port, connected
// once per process by server/modules/index.ts.
import type { DoctorApplication } from '../../../contracts/identity';
import type { Executor } from '../../db/client';

export interface NewSelfPatient {
  userId: string;
  givenName: string;
  familyName: string;
  email: string;
  phone: string | null;
  dateOfBirth: string | null;
  sex: 'female' | 'male' | 'other' | 'unknown';
}

export interface SignUpSteps {
  /** Creates the patient record of a person who signed up alone; returns its id. */
  patient(tx: Executor, p: NewSelfPatient): Promise<string>;
  /** Files a doctor's application for the hospital's admins to approve. */
  doctor(tx: Executor, userId: string, application: DoctorApplication): Promise<unknown>;
}

let steps: SignUpSteps | null = null;

export function provideSignUpSteps(s: SignUpSteps): void {
  steps = s;
}

export function signUpSteps(): SignUpSteps {
  if (!steps) throw new Error('identity: no sign-up steps (server/modules/index.ts wires them)');
  return steps;
}
