import type { ErasureRequest, ErasureStatus } from '../../../contracts/privacy';
import type { Executor } from '../../db/client';
import { findUserNames } from '../identity';
import { patientBriefs } from '../patients';
import type { ErasureRow } from './privacy.repo';

/**
 * Erasure requests as the API shows them: the patient by the record's name now (the placeholder,
 * once erased) and by the MRN at `hospitalId` (null for the patient themself), the reviewer by name.
 */
export async function presentErasureRequests(
  exec: Executor,
  rows: ErasureRow[],
  hospitalId: string | null,
): Promise<ErasureRequest[]> {
  const [patients, people] = await Promise.all([
    patientBriefs(
      exec,
      rows.map((r) => r.patientId),
      hospitalId,
    ),
    findUserNames(
      exec,
      rows.map((r) => r.decidedBy),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    status: r.status as ErasureStatus,
    reason: r.reason,
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    decidedByName: r.decidedBy ? (people.get(r.decidedBy) ?? null) : null,
    decisionNote: r.decisionNote,
    patient: {
      id: r.patientId,
      name: patients.get(r.patientId)?.name ?? '',
      mrn: hospitalId ? (patients.get(r.patientId)?.mrn ?? null) : null,
    },
    erased: (r.erased as Record<string, number> | null) ?? null,
  }));
}
