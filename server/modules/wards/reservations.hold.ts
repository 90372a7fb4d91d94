// What a reservation means when a patient is put into a bed (admission or transfer). The bed's live
// reservations are locked first, so a cancel or another admission waits: one naming this patient is
// consumed by the admission; one naming somebody else refuses the bed (409 BED_RESERVED) unless
// the caller overrides it with a reason, which ends it, audited. On admission, a reservation the
// patient holds on another bed is consumed too: they have a bed now, and that one is freed.
import type { Tx } from '../../db/client';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import * as repo from './reservations.repo';

export interface Hold {
  bedId: string;
  /** The patient's own reservation (of this bed or another), to consume. */
  own: repo.ReservationRow | null;
  /** Reservations of this bed for others that the caller overrode, to end. */
  overridden: repo.ReservationRow[];
  override: string | null;
}

/** Checks the bed's reservations before `patientId` goes into it; throws BED_RESERVED when refused. */
export async function checkHold(
  tx: Tx,
  hospitalId: string,
  bedId: string,
  patientId: string,
  opts: { override: string | undefined; admitting: boolean },
): Promise<Hold> {
  const override = opts.override;
  const holding = await repo.lockLiveOfBed(tx, bedId);
  const here = holding.find((r) => r.patientId === patientId) ?? null;
  const others = holding.filter((r) => r.patientId !== patientId);
  // Named here: the patient takes the bed they were promised; a later reservation of it stays.
  if (here) return { bedId, own: here, overridden: [], override: null };
  if (others.length > 0 && !override) {
    throw new AppError(
      'BED_RESERVED',
      'This bed is reserved for another patient. Choose another bed, or give the reason to put this patient in it.',
    );
  }
  // A patient being moved keeps a reservation of another bed (a step-down planned for later).
  const own = opts.admitting ? await lockOwnElsewhere(tx, hospitalId, patientId) : null;
  return { bedId, own, overridden: others, override: others.length > 0 ? override! : null };
}

/**
 * The patient's reservation of another bed, locked as cancelling and admitting lock them: its bed
 * first, then the reservation, read again (settleHold frees that bed). Locking the reservation
 * first would wait for a cancel holding the bed while the cancel waits for it: a deadlock.
 */
async function lockOwnElsewhere(tx: Tx, hospitalId: string, patientId: string) {
  const seen = await repo.liveOfPatient(tx, hospitalId, patientId);
  if (!seen) return null;
  await repo.lockBed(tx, seen.bedId);
  return repo.lockIfLive(tx, seen.id);
}

/** Ends what the hold found, once the patient is in the bed (`admissionId`), audited. */
export async function settleHold(tx: Tx, ctx: Ctx, hold: Hold, admissionId: string): Promise<void> {
  const by = ctx.actor.userId;
  if (hold.own) {
    const r = hold.own;
    await repo.endReservation(tx, r.id, { status: 'consumed', endedBy: by, admissionId });
    if (r.bedId !== hold.bedId) await repo.releaseBed(tx, r.bedId);
    await audit(tx, ctx, {
      action: 'wards.reservation.consumed',
      entityType: 'bed_reservation',
      entityId: r.id,
      patientId: r.patientId,
      before: { status: 'active', bedId: r.bedId },
      after: { status: 'consumed', admissionId, bedId: hold.bedId },
    });
  }
  for (const r of hold.overridden) {
    await repo.endReservation(tx, r.id, { status: 'cancelled', endedBy: by, endReason: hold.override });
    await audit(tx, ctx, {
      action: 'wards.reservation.overridden',
      entityType: 'bed_reservation',
      entityId: r.id,
      patientId: r.patientId,
      before: { status: 'active', bedId: r.bedId },
      after: { status: 'cancelled', reason: hold.override, admissionId },
    });
  }
}
