import type { PublicDoctor, PublicDoctorQuery } from '../../../contracts/organisation';
import type { Db, Executor } from '../../db/client';
import { notFound } from '../../platform/errors';
import * as doctors from './doctors.repo';

function toPublicDoctor(r: doctors.PublicDoctorRow): PublicDoctor {
  return {
    id: r.id,
    fullName: r.fullName,
    specialty: r.specialty,
    qualifications: r.qualifications,
    languages: r.languages,
    bio: r.bio,
    consultationFeeMinor: r.consultationFeeMinor,
    currency: r.currency,
    hospital: { id: r.hospitalId, name: r.hospitalName, city: r.hospitalCity },
    department: r.departmentId ? { id: r.departmentId, name: r.departmentName ?? '' } : null,
  };
}

/** The public doctor directory: approved doctors in service at active hospitals, with no private data. */
export async function listPublicDoctors(
  db: Db,
  q: PublicDoctorQuery,
): Promise<{ items: PublicDoctor[]; total: number; limit: number; offset: number }> {
  const { rows, total } = await doctors.listPublicDoctors(
    db,
    { hospitalId: q.hospitalId, departmentId: q.departmentId, specialty: q.specialty, q: q.q },
    q,
  );
  return {
    items: rows.map(toPublicDoctor),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

/**
 * One directory entry by id, however far down the alphabet the doctor is: a booking page reached
 * with a doctor chosen. A doctor who is not (or no longer) bookable is not found, like an unknown id.
 */
export async function getPublicDoctor(db: Db, id: string): Promise<PublicDoctor> {
  const row = await doctors.findPublicDoctor(db, id);
  if (!row) throw notFound('Doctor');
  return toPublicDoctor(row);
}

/** What other modules (scheduling, billing) need of a bookable doctor. */
export interface BookableDoctor {
  id: string;
  userId: string;
  hospitalId: string;
  departmentId: string | null;
  consultationFeeMinor: number;
  currency: string;
}

/**
 * A doctor profile that can be booked at the hospital: approved, holding the doctor role there,
 * at an active hospital. Null otherwise (including another hospital's doctor).
 */
export async function findBookableDoctor(
  exec: Executor,
  hospitalId: string,
  doctorId: string,
): Promise<BookableDoctor | null> {
  const r = await doctors.findPublicDoctor(exec, doctorId, hospitalId);
  if (!r) return null;
  return {
    id: r.id,
    userId: r.userId,
    hospitalId: r.hospitalId,
    departmentId: r.departmentId,
    consultationFeeMinor: r.consultationFeeMinor,
    currency: r.currency,
  };
}
