// The audit log shows who acted by name; people's names live in the identity module, which the
// platform does not import. The lookup is handed in through this port (server/modules/index.ts).
import type { Executor } from '../../db/client';

export type ActorNames = (exec: Executor, ids: (string | null)[]) => Promise<Map<string, string>>;

let lookup: ActorNames = async () => new Map();

export function provideActorNames(fn: ActorNames): void {
  lookup = fn;
}

export function actorNames(exec: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  return lookup(exec, ids);
}
