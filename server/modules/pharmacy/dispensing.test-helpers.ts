// What the dispensing tests share: entering a paper prescription and dispensing it through the API,
// and reading back prescriptions, stock and row counts. Bound to the test file's app, which its
// beforeAll builds (hence the getter).
import type { BuiltApp } from '../../app';
import type { Dispensing, Prescription } from '../../../contracts/dispensing';
import { createPatient } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { inDays, key, type Pharmacy } from './pharmacy.test-helpers';

export type Headers = Record<string, string | undefined>;
export const NO_SUCH_ID = '01900000-0000-7000-8000-000000000000';

export interface LineIn {
  medicineId: string;
  quantity: number;
  directions?: string;
}

/** The body of a paper prescription for these lines. */
export const entry = (patientId: string, lines: LineIn[]) => ({
  patientId,
  prescriberName: 'Dr. A. Rao',
  writtenOn: inDays(-1),
  notes: 'Review in a week',
  lines,
});

/** Which batches a dispensing took for a line, and how many of each. */
export const picksOf = (d: Dispensing, lineId: string) =>
  d.lines.find((l) => l.lineId === lineId)!.picks.map((x) => [x.batchNumber, x.quantity]);

/** Each line as [dispensed, prescribed]. */
export const dispensed = (pr: Prescription) =>
  pr.lines.map((l) => [l.quantityDispensed, l.quantityPrescribed]);

/** Today's date where the hospital is (expiry is judged in the hospital's own time zone). */
export const localDate = (timeZone: string, offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + offsetDays * 86_400_000));

export function dispensingHelpers(app: () => TestApp) {
  const post = (url: string, headers: Headers, payload: unknown) =>
    app().app.inject({
      method: 'POST',
      url,
      headers: headers as Record<string, string>,
      payload: payload as object,
    });
  const get = (url: string, headers: Headers) =>
    app().app.inject({ method: 'GET', url, headers: headers as Record<string, string> });

  return {
    post,
    get,

    /** A paper prescription entered through the API, for a new patient registered here unless given. */
    async prescribe(p: Pharmacy, lines: LineIn[], patientId?: string): Promise<Prescription> {
      const who = patientId ?? (await createPatient(app().database.db, { hospital: p.hospital })).id;
      const res = await post('/api/prescriptions', p.headers, entry(who, lines));
      if (res.statusCode !== 201) throw new Error(`prescribe: ${res.statusCode} ${res.body}`);
      return res.json() as Prescription;
    },

    /** Dispenses these lines, with a new key unless given, through this app or another instance. */
    dispense: (
      p: { headers: Headers },
      id: string,
      lines: { lineId: string; quantity: number }[],
      idempotencyKey = key(),
      instance: BuiltApp['app'] = app().app,
    ) =>
      instance.inject({
        method: 'POST',
        url: `/api/prescriptions/${id}/dispense`,
        headers: p.headers as Record<string, string>,
        payload: { idempotencyKey, lines },
      }),

    /** The prescription as the pharmacy sees it now. */
    current: async (p: Pharmacy, id: string) =>
      (await get(`/api/prescriptions/${id}`, p.headers)).json() as Prescription,

    async count(table: 'prescriptions' | 'dispensings', hospitalId: string): Promise<number> {
      const { rows } = await app().database.query<{ n: number }>(
        `select count(*)::int as n from ${table} where hospital_id = $1`,
        [hospitalId],
      );
      return rows[0]!.n;
    },

    /** Units on hand in each batch of a medicine, by batch number. */
    async batchOnHand(medicineId: string): Promise<Record<string, number>> {
      const { rows } = await app().database.query<{ batch_number: string; on_hand: number }>(
        'select batch_number, on_hand from stock_batches where medicine_id = $1 order by batch_number',
        [medicineId],
      );
      return Object.fromEntries(rows.map((r) => [r.batch_number, Number(r.on_hand)]));
    },
  };
}
