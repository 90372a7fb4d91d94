import { and, count, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { documents } from './documents.tables';

export type DocumentRow = typeof documents.$inferSelect;

export async function insertDocument(
  exec: Executor,
  values: typeof documents.$inferInsert,
): Promise<DocumentRow> {
  const [row] = await exec.insert(documents).values(values).returning();
  return row!;
}

export async function findDocument(exec: Executor, id: string): Promise<DocumentRow | undefined> {
  const [row] = await exec.select().from(documents).where(eq(documents.id, id)).limit(1);
  return row;
}

/** Marks an active document withdrawn; the row (or null when it was not active) afterwards. */
export async function withdrawDocument(exec: Executor, id: string, by: string): Promise<DocumentRow | null> {
  const [row] = await exec
    .update(documents)
    .set({ status: 'withdrawn', withdrawnAt: new Date(), withdrawnBy: by })
    .where(and(eq(documents.id, id), eq(documents.status, 'active')))
    .returning();
  return row ?? null;
}

/** Whether the patient is registered at the hospital (the patients module owns the table). */
export async function isRegisteredAt(
  exec: Executor,
  patientId: string,
  hospitalId: string,
): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(
    exec,
    sql`select exists(select 1 from patient_registrations where patient_id = ${patientId} and hospital_id = ${hospitalId}) as ok`,
  );
  return rows[0]?.ok === true;
}

export interface DocumentFilter {
  patientId: string;
  /** Staff: only what their hospital uploaded and what the patient uploaded; unset for the patient. */
  hospitalId?: string;
  kind?: string;
}

function where(f: DocumentFilter): SQL | undefined {
  return and(
    eq(documents.patientId, f.patientId),
    f.hospitalId ? or(eq(documents.hospitalId, f.hospitalId), isNull(documents.hospitalId)) : undefined,
    f.kind ? eq(documents.kind, f.kind) : undefined,
  );
}

/** A page of a patient's documents, newest first, and how many there are in all. */
export async function listDocuments(exec: Executor, f: DocumentFilter, limit: number, offset: number) {
  const rows = await exec
    .select()
    .from(documents)
    .where(where(f))
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(limit)
    .offset(offset);
  const [total] = await exec.select({ n: count() }).from(documents).where(where(f));
  return { rows, total: Number(total?.n ?? 0) };
}

/** For other modules: a patient's own active document of a kind (an uploaded prescription), or null. */
export async function findPatientDocument(
  exec: Executor,
  id: string,
  patientId: string,
  kind: string,
): Promise<{ id: string; title: string | null } | null> {
  const [row] = await exec
    .select({ id: documents.id, title: documents.title })
    .from(documents)
    .where(
      and(
        eq(documents.id, id),
        eq(documents.patientId, patientId),
        eq(documents.kind, kind),
        eq(documents.status, 'active'),
      ),
    )
    .limit(1);
  return row ?? null;
}
