// Test data builders. They write rows directly (the one place outside *.repo.ts allowed to), so a
// test states only what matters to it and stays fast; behaviour under test goes through the API.
import { randomBytes } from 'node:crypto';
import type { HospitalRole } from '../../contracts/roles';
import type { Db } from '../db/client';
import { hashPassword } from '../modules/identity/identity.crypto';
import { sessions, users } from '../modules/identity/identity.tables';
import {
  departments,
  doctorProfiles,
  hospitals,
  memberships,
} from '../modules/organisation/organisation.tables';
import { patientRegistrations, patients } from '../modules/patients/patients.tables';

export const TEST_PASSWORD = 'Correct-Horse-Battery-42';
let passwordHash: Promise<string> | null = null;
const uniq = () => randomBytes(5).toString('hex');

export type HospitalRow = typeof hospitals.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type PatientRow = typeof patients.$inferSelect;

export async function createHospital(
  db: Db,
  o: Partial<typeof hospitals.$inferInsert> = {},
): Promise<HospitalRow> {
  const [row] = await db
    .insert(hospitals)
    .values({
      code: `H${uniq().toUpperCase()}`,
      name: `Hospital ${uniq()}`,
      timeZone: 'Asia/Kolkata',
      currency: 'INR',
      ...o,
    })
    .returning();
  return row!;
}

export async function createDepartment(db: Db, hospital: HospitalRow, name = `Dept ${uniq()}`) {
  const [row] = await db.insert(departments).values({ hospitalId: hospital.id, name }).returning();
  return row!;
}

export async function createUser(db: Db, o: Partial<typeof users.$inferInsert> = {}): Promise<UserRow> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [row] = await db
    .insert(users)
    .values({
      email: `user-${uniq()}@example.org`,
      fullName: `Test User ${uniq()}`,
      passwordHash: await passwordHash,
      ...o,
    })
    .returning();
  return row!;
}

export async function addMembership(
  db: Db,
  user: UserRow,
  hospital: HospitalRow | null,
  role: HospitalRole | 'platform_admin',
) {
  await db.insert(memberships).values({ userId: user.id, hospitalId: hospital?.id ?? null, role });
}

/** A user holding `role` at `hospital` (doctors also get an approved profile). */
export async function createStaff(
  db: Db,
  hospital: HospitalRow,
  role: HospitalRole,
  o: Partial<typeof users.$inferInsert> = {},
) {
  const user = await createUser(db, o);
  await addMembership(db, user, hospital, role);
  if (role === 'doctor') {
    await db.insert(doctorProfiles).values({
      userId: user.id,
      hospitalId: hospital.id,
      specialty: 'General Medicine',
      registrationNumber: `REG-${uniq()}`,
      status: 'approved',
    });
  }
  return user;
}

export async function createPlatformAdmin(db: Db) {
  const user = await createUser(db);
  await addMembership(db, user, null, 'platform_admin');
  return user;
}

/** A patient record, registered at `hospital` when given, linked to `user` when given. */
export async function createPatient(
  db: Db,
  o: { hospital?: HospitalRow; user?: UserRow; values?: Partial<typeof patients.$inferInsert> } = {},
): Promise<PatientRow & { mrn: string | null }> {
  const [row] = await db
    .insert(patients)
    .values({ givenName: 'Test', familyName: `Patient ${uniq()}`, userId: o.user?.id ?? null, ...o.values })
    .returning();
  let mrn: string | null = null;
  if (o.hospital) {
    mrn = `T-${uniq()}`;
    await db.insert(patientRegistrations).values({ patientId: row!.id, hospitalId: o.hospital.id, mrn });
  }
  return { ...row!, mrn };
}

/** A patient who signed up: an account with a linked patient record. */
export async function createPatientUser(db: Db, o: { hospital?: HospitalRow } = {}) {
  const user = await createUser(db);
  const patient = await createPatient(db, { user, hospital: o.hospital });
  return { user, patient };
}

export interface AuthHeaders {
  cookie: string;
  'x-csrf-token': string;
  'x-hospital-id'?: string;
  [header: string]: string | undefined;
}

/** Headers of a signed-in browser session for `user`, acting at `hospital` if given. */
export async function sessionHeaders(
  db: Db,
  user: UserRow,
  hospital?: HospitalRow | null,
): Promise<AuthHeaders> {
  const { sha256, randomToken } = await import('../modules/identity/identity.crypto');
  const token = randomToken(32);
  const csrf = randomToken(24);
  await db.insert(sessions).values({
    id: sha256(token),
    userId: user.id,
    csrfToken: csrf,
    expiresAt: new Date(Date.now() + 3600_000),
  });
  const h: AuthHeaders = { cookie: `hsid=${token}`, 'x-csrf-token': csrf };
  if (hospital) h['x-hospital-id'] = hospital.id;
  return h;
}
