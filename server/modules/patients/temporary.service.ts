// A temporary record for someone admitted as an emergency before anyone knows who they are: a
// name to call them by ("Unknown man, about 40"), perhaps their sex, and an MRN at once, so their
// care is charted and billed from the first minute. The front desk completes the details later and
// clears the flag (PATCH /api/patients/:id with temporary: false); a duplicate check is not run,
// since there are no details to compare yet.
import type { z } from 'zod';
import type { Sex } from '../../../contracts/identity';
import type { Tx } from '../../db/client';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import * as repo from './patients.repo';
import { registerAt } from './registration.service';

export interface TemporaryPatient {
  /** What staff call the patient until their name is known. */
  name: string;
  sex?: z.infer<typeof Sex>;
}

/** Creates the temporary record and registers it at the hospital, in the caller's transaction. */
export async function createTemporaryPatient(
  tx: Tx,
  ctx: Ctx,
  hospitalId: string,
  p: TemporaryPatient,
): Promise<{ patientId: string; mrn: string }> {
  const row = await repo.insertPatient(tx, {
    givenName: p.name,
    familyName: '',
    sex: p.sex ?? 'unknown',
    temporary: true,
    createdBy: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: 'patient.created',
    entityType: 'patient',
    entityId: row.id,
    patientId: row.id,
    after: { givenName: p.name, sex: p.sex ?? 'unknown', temporary: true },
  });
  const reg = await registerAt(tx, ctx, row.id, hospitalId);
  return { patientId: row.id, mrn: reg.mrn };
}
