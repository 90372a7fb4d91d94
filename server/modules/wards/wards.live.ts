// The bed board's live topic: every change to a hospital's beds or who lies in them announces
// itself here, on commit, to every app instance (platform/live). Subscribers read the board again.
import type { Executor } from '../../db/client';
import { publish } from '../../platform/live/live';

export const bedBoardTopic = (hospitalId: string) => `beds:${hospitalId}`;

/** Announces (on commit) that the hospital's bed board changed. */
export async function publishBedChange(tx: Executor, hospitalId: string): Promise<void> {
  await publish(tx, bedBoardTopic(hospitalId), hospitalId);
}
