// Ward charges' queries (the table in service-charges.tables.ts; void-only by trigger, migration 0026).
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { admissionServiceCharges as charges } from './service-charges.tables';

export type ChargeRow = typeof charges.$inferSelect;

/** Inserts the charge unless its idempotency key is taken (then null). */
export async function claimCharge(tx: Tx, v: typeof charges.$inferInsert): Promise<ChargeRow | null> {
  const [row] = await tx.insert(charges).values(v).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findChargeByKey(exec: Executor, hospitalId: string, key: string) {
  const [row] = await exec
    .select()
    .from(charges)
    .where(and(eq(charges.hospitalId, hospitalId), eq(charges.idempotencyKey, key)));
  return row ?? null;
}

/** The stay's charges (or some of them by id), voided ones too, in the order they were given. */
export function listCharges(exec: Executor, admissionId: string, ids?: string[]): Promise<ChargeRow[]> {
  const where = [eq(charges.admissionId, admissionId)];
  if (ids) where.push(inArray(charges.id, ids));
  return exec
    .select()
    .from(charges)
    .where(and(...where))
    .orderBy(asc(charges.givenAt), asc(charges.id));
}

/** Voids a charge of the stay not voided yet; null when there is none such. */
export async function voidCharge(
  tx: Tx,
  admissionId: string,
  id: string,
  v: { by: string; reason: string },
): Promise<ChargeRow | null> {
  const [row] = await tx
    .update(charges)
    .set({ voidedAt: sql`now()`, voidedBy: v.by, voidReason: v.reason })
    .where(and(eq(charges.admissionId, admissionId), eq(charges.id, id), isNull(charges.voidedAt)))
    .returning();
  return row ?? null;
}

export interface BilledService {
  serviceId: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
  taxRateBp: number;
}

/** The stay's charges not voided, one entry per service, name, price and tax, first given first. */
export function chargesForBill(exec: Executor, admissionId: string): Promise<BilledService[]> {
  return queryRows<BilledService>(
    exec,
    sql`select service_id as "serviceId", name, sum(quantity)::int as quantity,
               unit_price_minor::float8 as "unitPriceMinor", tax_rate_bp as "taxRateBp"
          from admission_service_charges
         where admission_id = ${admissionId} and voided_at is null
         group by service_id, name, unit_price_minor, tax_rate_bp
         order by min(given_at), service_id`,
  );
}
