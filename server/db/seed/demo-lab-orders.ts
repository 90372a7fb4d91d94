// City General's lab this morning: a few walk-ins' orders taken at the front desk, written through
// the lab's own rules (numbered, billed as drafts, audited), some waiting for their samples (one
// urgent), one with its first sample in, and the demo patient's fully collected with its results
// entered, waiting for the senior technician to verify them (which tells the patient the report is
// ready): the lab's worklist and dashboard have something to show from the first sign-in.
import { sql } from 'drizzle-orm';
import { collectSample, createOrder, enterResults } from '../../modules/lab';
import { queryRows, type Tx } from '../client';
import { staffCtx } from './seed-ctx';

interface DemoLabOrder {
  /** The patient, by place in the demo's out-patients (the first is the demo patient's account). */
  patient: number;
  tests: string[];
  priority: 'routine' | 'urgent';
  note: string;
  minutesAgo: number;
  /** How many of its samples are in, first to last. */
  collected: number;
  /** Results entered for its tests, by test code and analyte name (waiting for a second person). */
  results?: Record<string, Record<string, number | string>>;
}

const ORDERS: DemoLabOrder[] = [
  {
    patient: 0,
    tests: ['CBC', 'LIPID'],
    priority: 'routine',
    note: 'Annual check-up; fasting since 9 pm.',
    minutesAgo: 95,
    collected: 2,
    results: {
      CBC: {
        Haemoglobin: 14.2,
        'Total leucocyte count': 7.8,
        'Platelet count': 245,
        'Haematocrit (PCV)': 43.1,
        'RBC count': 4.92,
        'Peripheral smear': 'Normocytic normochromic red cells; no abnormal cells seen.',
      },
      LIPID: {
        'Total cholesterol': 212,
        Triglycerides: 168,
        'HDL cholesterol': 38,
        'LDL cholesterol': 140,
        'VLDL cholesterol': 34,
      },
    },
  },
  {
    patient: 1,
    tests: ['HBA1C', 'RFT'],
    priority: 'routine',
    note: 'Known diabetic on metformin.',
    minutesAgo: 70,
    collected: 1,
  },
  { patient: 2, tests: ['FBS', 'URINE-RE'], priority: 'routine', note: '', minutesAgo: 40, collected: 0 },
  {
    patient: 3,
    tests: ['CBC'],
    priority: 'urgent',
    note: 'Fever for 5 days; rule out dengue.',
    minutesAgo: 15,
    collected: 0,
  },
];

/** Writes the orders in `tx`; `patientIds` are out-patients registered at CGH. Returns how many. */
export async function writeDemoLabOrders(
  tx: Tx,
  o: { now: Date; hospitalId: string; patientIds: string[]; receptionist: string; lab: string },
): Promise<number> {
  const desk = staffCtx(tx, o.receptionist, o.hospitalId, 'receptionist');
  const lab = staffCtx(tx, o.lab, o.hospitalId, 'lab_technician');
  const tests = await queryRows<{ id: string; code: string }>(
    tx,
    sql`select id, code from lab_tests where hospital_id = ${o.hospitalId}`,
  );
  const testId = new Map(tests.map((r) => [r.code, r.id]));
  for (const [i, d] of ORDERS.entries()) {
    const order = await createOrder(desk, {
      idempotencyKey: `demo-lab-order-${i + 1}`,
      patientId: o.patientIds[d.patient]!,
      testIds: d.tests.map((c) => testId.get(c)!),
      priority: d.priority,
      clinicalNote: d.note,
    });
    for (const item of order.items.slice(0, d.collected)) {
      await collectSample(lab, order.id, item.id, { note: '' });
    }
    for (const item of order.items) {
      const values = d.results?.[item.code];
      if (!values) continue;
      const analytes = await queryRows<{ id: string; name: string; kind: string }>(
        tx,
        sql`select id, name, kind from lab_test_analytes where test_id = ${item.testId} order by position`,
      );
      await enterResults(lab, order.id, item.id, {
        values: analytes.map((a) => {
          const v = values[a.name]!;
          return {
            analyteId: a.id,
            value: typeof v === 'number' ? v : null,
            text: typeof v === 'string' ? v : '',
          };
        }),
        comment: '',
      });
    }
    // Ordered, collected and resulted over the morning, not all at the seed's one instant.
    const at = new Date(o.now.getTime() - d.minutesAgo * 60_000);
    const collectedAt = new Date(at.getTime() + 10 * 60_000);
    await tx.execute(
      sql`update lab_orders set created_at = ${at}, updated_at = ${at} where id = ${order.id}`,
    );
    await tx.execute(
      sql`update lab_order_items set collected_at = ${collectedAt}
           where order_id = ${order.id} and collected_at is not null`,
    );
    // Results an hour after ordering (the demo has none verified: that is the senior's to do).
    await tx.execute(
      sql`update lab_order_items set resulted_at = ${new Date(at.getTime() + 60 * 60_000)}
           where order_id = ${order.id} and resulted_at is not null`,
    );
  }
  return ORDERS.length;
}
