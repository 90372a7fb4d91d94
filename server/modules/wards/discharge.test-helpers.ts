// Shared by the discharge tests: a stay with a history (stays moved back in time by SQL so they
// cross known midnights of the hospital's zone), a ward stocked from its own store, medicines
// given through the nursing record, and a valid discharge body.
import type { Store } from '../../../contracts/pharmacy';
import type { Admission, DischargePatientInput } from '../../../contracts/wards';
import type { TestApp } from '../../test/harness';
import { inDays, key, medicine, receive, type Pharmacy } from '../pharmacy/pharmacy.test-helpers';
import { call, type Site } from './wards.test-helpers';

export const summaryBody = (o: Partial<DischargePatientInput> = {}): DischargePatientInput => ({
  summary: 'Community-acquired pneumonia treated with IV antibiotics; afebrile for 48 hours.',
  condition: 'improved',
  diagnoses: [{ code: 'J18.9', primary: true }, { description: 'Dehydration, corrected' }],
  procedures: ['Chest X-ray', 'IV cannulation'],
  medicines: [{ name: 'Amoxicillin 500 mg capsule', directions: '1 three times a day for 5 days' }],
  followUp: 'Review in the chest clinic in two weeks, sooner if breathless.',
  ...o,
});

/** The ward's own store, stocked with `units` of a new medicine at `price` (12% tax). */
export async function stockedStore(
  t: TestApp,
  s: Site,
  p: Pharmacy,
  wardId: string,
  units: number,
  price: number,
) {
  const made = await call(t, 'POST', '/api/stores', s.admin, { name: `Store ${key()}`, kind: 'ward' });
  if (made.statusCode !== 201) throw new Error(`store: ${made.body}`);
  const store = made.json<Store>();
  const set = await call(t, 'PATCH', `/api/wards/${wardId}`, s.admin, { storeId: store.id });
  if (set.statusCode !== 200) throw new Error(`ward store: ${set.body}`);
  const m = await medicine(t, p, { salePriceMinor: price, taxRateBp: 1200 });
  await receive(
    t,
    p,
    m.id,
    [{ batchNumber: `W-${key()}`, expiryDate: inDays(200), quantity: units }],
    store.id,
  );
  return m;
}

export async function give(t: TestApp, s: Site, admissionId: string, medicineId: string, quantity: number) {
  const res = await call(t, 'POST', `/api/wards/admissions/${admissionId}/medications`, s.nurse, {
    idempotencyKey: key(),
    medicineId,
    quantity,
    dose: `${quantity} tablets`,
    route: 'oral',
  });
  if (res.statusCode !== 201) throw new Error(`give: ${res.statusCode} ${res.body}`);
}

/**
 * Moves an admission's stays back in time, in the hospital zone (Asia/Kolkata in the tests):
 * each [day offset from today, local time] pair is where a stay starts, oldest first; the admission
 * starts with the first, and each stay ends where the next begins (the last stays open).
 */
export async function backdate(t: TestApp, a: Admission, starts: [number, string][]) {
  const local = (days: number, time: string) =>
    `((now() at time zone 'Asia/Kolkata')::date + ${days} + time '${time}') at time zone 'Asia/Kolkata'`;
  // Newest first, so a stay never overlaps the one after it on the way.
  const stays = a.stays.map((s, i) => ({ bedId: s.bedId, start: starts[i]!, next: starts[i + 1] }));
  for (const s of [...stays].reverse()) {
    await t.database.query(
      `update bed_occupancies set started_at = ${local(...s.start)},
              ended_at = ${s.next ? local(...s.next) : 'ended_at'}
        where admission_id = $1 and bed_id = $2`,
      [a.id, s.bedId],
    );
  }
  await t.database.query(`update admissions set admitted_at = ${local(...starts[0]!)} where id = $1`, [a.id]);
}
