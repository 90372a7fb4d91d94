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

// One statement for any batch size: each column travels as an array and is unnested server-side.
const INSERT = `
  insert into audit_events (id, actor_user_id, actor_role, hospital_id, patient_id, action, entity_type,
                            entity_id, outcome, before, after, ip, request_id)
  select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[],
                       $8::text[], $9::text[], $10::jsonb[], $11::jsonb[], $12::text[], $13::text[])`;

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
    const col = <K extends keyof NewAuditRow | 'id'>(k: K) => rows.map((r) => r[k as keyof typeof r] ?? null);
    const json = (k: 'before' | 'after') => rows.map((r) => (r[k] == null ? null : JSON.stringify(r[k])));
    await this.database.pool.query({
      name: 'audit_read_batch',
      text: INSERT,
      values: [
        col('id'),
        col('actorUserId'),
        col('actorRole'),
        col('hospitalId'),
        col('patientId'),
        col('action'),
        col('entityType'),
        col('entityId'),
        col('outcome'),
        json('before'),
        json('after'),
        col('ip'),
        col('requestId'),
      ],
    });
  }
}
