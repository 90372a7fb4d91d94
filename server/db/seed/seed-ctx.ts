// The context the demo seed acts in when it writes through a module's own rules (bills, lab
// orders): a member of staff at a hospital, whose "database" is the seed's transaction.
import type { Role } from '../../../contracts/roles';
import { buildActor } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../client';

export function staffCtx(tx: Tx, userId: string, hospitalId: string, role: Role): Ctx {
  const actor = buildActor(
    {
      userId,
      email: '',
      fullName: '',
      patientId: null,
      memberships: [{ hospitalId, role: role as 'receptionist' }],
    },
    { via: 'session', sessionId: 'demo-seed', csrfToken: '' },
    hospitalId,
  );
  // A service's own transaction inside it is a savepoint of the seed's.
  return { db: tx as unknown as Db, actor, role, ip: '', requestId: 'demo-seed' };
}
