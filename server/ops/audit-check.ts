// What `hospitium verify-audit` checks, shared with the check after a restore: the hash chain, and
// the chain against the signed checkpoints in DATA_DIR/audit-checkpoints.jsonl.
import type { Database } from '../db/client';
import { auditCheckpointKey } from '../modules/identity';
import { verifyChain, type ChainBreak } from '../platform/audit/audit.repo';
import { checkAgainstCheckpoints, readCheckpoints, type Checkpoint } from '../platform/audit/checkpoints';

export interface AuditFindings {
  checked: number;
  head: string;
  breaks: ChainBreak[];
  /** The checkpoint lines signed with this installation's key. */
  checkpoints: Checkpoint[];
  key: string;
}

export async function checkAudit(database: Database, dataDir: string): Promise<AuditFindings> {
  const result = await verifyChain(database);
  const key = await auditCheckpointKey(database.db);
  const checkpoints = readCheckpoints(dataDir, key);
  const breaks = [...result.breaks, ...(await checkAgainstCheckpoints(database, checkpoints.valid))];
  for (const line of checkpoints.forged) {
    breaks.push({
      seq: 0,
      reason: `checkpoint file line ${line} is not signed with this installation's key`,
    });
  }
  return { checked: result.checked, head: result.head, breaks, checkpoints: checkpoints.valid, key };
}
