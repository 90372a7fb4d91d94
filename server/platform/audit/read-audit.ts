// Audit rows for reads of patient data, written in batches. Every read must be in the log before
// its answer leaves (ADR 2), but a transaction and an fsync per read would make the audit row the
// most expensive part of a read. Rows queued while one batch is being written go out together in
// the next one, a single multi-row INSERT and commit: group commit, done by the application. The
// reader's promise settles only when the batch holding its row has committed, so the guarantee is
// unchanged; under load a read waits for at most one batch ahead of its own.
import type { Database } from '../../db/client';
import type { NewAuditRow } from './audit.repo';

interface Pending {
  row: NewAuditRow & { id: string };
  resolve(): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 500;

// One statement for any batch size: the rows travel as one JSON array, read back server-side by
// `json_to_recordset`. Thirteen column arrays cost the read path a PostgreSQL array literal each
// (node-postgres builds them in JavaScript, escaping every element: about 2.8 KB of garbage per read
// in an allocation profile), and `unnest` of arrays is planned for each new batch size, where
// `json_to_recordset` is sized the same whatever it holds (booking-facts.repo.ts found the same).
const INSERT = `
  insert into audit_events (id, actor_user_id, actor_role, hospital_id, patient_id, action, entity_type,
                            entity_id, outcome, before, after, ip, request_id)
  select id, "actorUserId", "actorRole", "hospitalId", "patientId", action, "entityType",
         "entityId", outcome, before, after, ip, "requestId"
    from json_to_recordset($1::json) as r(id uuid, "actorUserId" uuid, "actorRole" text, "hospitalId" uuid,
         "patientId" uuid, action text, "entityType" text, "entityId" text, outcome text, before jsonb,
         after jsonb, ip text, "requestId" text)`;

export class ReadAuditLog {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly database: Database) {}

  /** Resolves once the row is committed; rejects (and the read must fail) if it could not be. */
  record(row: NewAuditRow & { id: string }): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Waits for every queued row (graceful shutdown). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    // Let the rows of requests already being handled join the first batch.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.write(batch.map((p) => p.row));
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.writing = null;
  }

  protected async write(rows: (NewAuditRow & { id: string })[]): Promise<void> {
    // The rows as they are: `json_to_recordset` reads each column by its property name, and a
    // missing key or a JSON null is SQL NULL.
    await this.database.pool.query({
      name: 'audit_read_batch',
      text: INSERT,
      values: [JSON.stringify(rows)],
    });
  }
}
