import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { ledgerDifferences } from './stock.query.repo';

/** Recomputes every batch from the ledger (`hospitium verify-stock`). */
export async function verifyStock(exec: Executor): Promise<{
  checked: number;
  differences: {
    batchId: string;
    batchNumber: string;
    medicineName: string;
    onHand: number;
    ledger: number;
  }[];
}> {
  const [count] = await queryRows<{ n: number }>(exec, sql`select count(*)::int as n from stock_batches`);
  const rows = await ledgerDifferences(exec);
  return {
    checked: Number(count?.n ?? 0),
    differences: rows.map((r) => ({
      batchId: r.batch_id,
      batchNumber: r.batch_number,
      medicineName: r.medicine_name,
      onHand: Number(r.on_hand),
      ledger: Number(r.ledger),
    })),
  };
}
