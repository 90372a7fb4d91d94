// Checkpoints of the audit chain's head, kept outside the database. The hash chain shows an edited
// or removed row in the middle, but deleting the newest rows leaves a shorter chain that is still
// valid. So, after sealing, the sealer writes the head (position and hash) at most once a minute to
// DATA_DIR/audit-checkpoints.jsonl, fsynced, each line signed with a key kept in the database: to
// hide a truncation, someone would have to change both the database and that file, and forge the
// file's signatures with a key only the database holds. `hospitium verify-audit` checks the chain
// against every checkpoint (ADR 2).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client';
import type { ChainBreak } from './audit.repo';

export interface Checkpoint {
  /** Position of the head row in the chain (`chain_seq`). */
  chainSeq: number;
  hash: string;
  at: string;
  /** HMAC-SHA256 of the three fields above, hex. */
  mac: string;
}

export function checkpointFile(dataDir: string): string {
  return path.join(dataDir, 'audit-checkpoints.jsonl');
}

function sign(key: string, c: Omit<Checkpoint, 'mac'>): string {
  return crypto.createHmac('sha256', key).update(`${c.chainSeq}|${c.hash}|${c.at}`).digest('hex');
}

/** The chain's current head, or null for an empty (or wholly unsealed) log. */
async function head(database: Database): Promise<{ chainSeq: number; hash: string } | null> {
  const { rows } = await database.query<{ chain_seq: string; hash: string }>(
    'select chain_seq, hash from audit_events where chain_seq is not null order by chain_seq desc limit 1',
  );
  const r = rows[0];
  return r ? { chainSeq: Number(r.chain_seq), hash: r.hash } : null;
}

/** Appends the head as a signed line (if it moved since `last`), fsynced; returns what was written. */
export async function writeCheckpoint(
  database: Database,
  dataDir: string,
  key: string,
  last: Checkpoint | null,
): Promise<Checkpoint | null> {
  const h = await head(database);
  if (!h || (last && last.chainSeq === h.chainSeq && last.hash === h.hash)) return null;
  const body = { chainSeq: h.chainSeq, hash: h.hash, at: new Date().toISOString() };
  const checkpoint: Checkpoint = { ...body, mac: sign(key, body) };
  fs.mkdirSync(dataDir, { recursive: true });
  const fd = fs.openSync(checkpointFile(dataDir), 'a', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(checkpoint) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return checkpoint;
}

/** Every checkpoint line, and the line numbers of any that are malformed or not signed with `key`. */
export function readCheckpoints(dataDir: string, key: string): { valid: Checkpoint[]; forged: number[] } {
  let text = '';
  try {
    text = fs.readFileSync(checkpointFile(dataDir), 'utf8');
  } catch {
    return { valid: [], forged: [] };
  }
  const valid: Checkpoint[] = [];
  const forged: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const c = JSON.parse(line) as Checkpoint;
      const expected = sign(key, { chainSeq: c.chainSeq, hash: c.hash, at: c.at });
      if (typeof c.mac === 'string' && crypto.timingSafeEqual(Buffer.from(c.mac), Buffer.from(expected))) {
        valid.push(c);
      } else {
        forged.push(i + 1);
      }
    } catch {
      forged.push(i + 1);
    }
  });
  return { valid, forged };
}

/**
 * Checks the chain against each checkpoint: the row at its position must still be there with the
 * same hash. A missing position means the newest rows were deleted (or the log was replaced).
 */
export async function checkAgainstCheckpoints(
  database: Database,
  checkpoints: Checkpoint[],
): Promise<ChainBreak[]> {
  const breaks: ChainBreak[] = [];
  const last = checkpoints.at(-1);
  if (!last) return breaks;
  const now = await head(database);
  if (!now || now.chainSeq < last.chainSeq) {
    breaks.push({
      seq: last.chainSeq,
      reason:
        `the log ends at chain position ${now?.chainSeq ?? 0}, but a checkpoint at ${last.at} recorded position ` +
        `${last.chainSeq}: the newest rows were removed`,
    });
  }
  const positions = [...new Set(checkpoints.map((c) => c.chainSeq))];
  const { rows } = await database.query<{ chain_seq: string; hash: string; seq: string }>(
    'select chain_seq, hash, seq from audit_events where chain_seq = any($1::bigint[])',
    [positions],
  );
  const byPos = new Map(rows.map((r) => [Number(r.chain_seq), r]));
  for (const c of checkpoints) {
    const row = byPos.get(c.chainSeq);
    if (row && row.hash !== c.hash) {
      breaks.push({
        seq: Number(row.seq),
        reason: `differs from the checkpoint written at ${c.at} (the chain was rebuilt from there)`,
      });
    } else if (!row && (now?.chainSeq ?? 0) >= c.chainSeq) {
      breaks.push({ seq: c.chainSeq, reason: `chain position ${c.chainSeq} of a checkpoint is missing` });
    }
  }
  return breaks;
}
