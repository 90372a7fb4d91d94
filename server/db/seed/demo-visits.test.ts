import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitPage } from '../../../contracts/clinical';
import type { Dashboard } from '../../../contracts/dashboard';
import type { Prescription } from '../../../contracts/dispensing';
import { localDateOf } from '../../modules/scheduling/local-time';
import { bearerHeaders, buildTestApp, type TestApp } from '../../test/harness';
import { queryRows } from '../client';
import { demoSlots } from './demo-availability';
import { DEMO_PASSWORD } from './demo-data';
import { DEMO_MEDICINES } from './demo-medicines';
import { planDemoVisits } from './demo-visits';
import { seedDemoIfEmpty } from '.';

let t: TestApp;
let seededAt: number;
const logged: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  seededAt = Date.now();
  await seedDemoIfEmpty(t.database, (m) => logged.push(m));
});
afterAll(() => t.close());

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.app.db, q);
const KOLKATA = 'Asia/Kolkata';

interface Seen {
  appointment_id: string;
  patient_id: string;
  login: string;
  starts_ms: number;
  queue_date: string;
  token: number;
  status: string;
  child: boolean;
  consultation_status: string | null;
  opened_ms: number | null;
  closed_ms: number | null;
  vitals: number;
  primary_codes: string[];
  in_bed: boolean;
  registered_ms: number;
}

const seen = () =>
  rows<Seen>(
    sql`select a.id as appointment_id, a.patient_id, split_part(u.email, '@', 1) as login,
               (extract(epoch from a.starts_at) * 1000)::float8 as starts_ms, a.queue_date::text, a.token, a.status,
               p.date_of_birth > (now() - interval '18 years')::date as child,
               c.status as consultation_status,
               (extract(epoch from c.opened_at) * 1000)::float8 as opened_ms,
               (extract(epoch from c.closed_at) * 1000)::float8 as closed_ms,
               (select count(*)::int from vital_signs v where v.consultation_id = c.id) as vitals,
               array(select d.code from consultation_diagnoses d join icd10_codes i on i.code = d.code and i.active
                      where d.consultation_id = c.id and d.is_primary) as primary_codes,
               exists (select 1 from admissions ad where ad.patient_id = a.patient_id
                         and ad.admitted_at <= a.ends_at
                         and coalesce(ad.discharged_at, 'infinity') >= a.starts_at) as in_bed,
               (select extract(epoch from r.registered_at) * 1000 from patient_registrations r
                 where r.patient_id = a.patient_id and r.hospital_id = a.hospital_id)::float8 as registered_ms
          from appointments a
          join doctor_profiles d on d.id = a.doctor_profile_id
          join users u on u.id = d.user_id
          join patients p on p.id = a.patient_id
          left join consultations c on c.appointment_id = a.id
         where a.starts_at < to_timestamp(${seededAt / 1000})
         order by a.starts_at`,
  );

describe('the demo past visits', () => {
  it('are completed appointments of the last month, each with its closed consultation, vitals and an ICD-10 diagnosis', async () => {
    const visits = await seen();
    expect(visits.length).toBeGreaterThanOrEqual(5);
    expect(logged.join('\n')).toContain(`${visits.length} past visits`);
    for (const v of visits) {
      expect([v.status, v.consultation_status], v.appointment_id).toEqual(['completed', 'closed']);
      expect(v.starts_ms).toBeGreaterThan(seededAt - 36 * 86_400_000);
      expect(v.opened_ms!).toBeGreaterThanOrEqual(v.starts_ms);
      expect(v.closed_ms!).toBeGreaterThan(v.opened_ms!);
      expect(v.closed_ms!).toBeLessThan(seededAt);
      expect(v.vitals).toBe(1);
      expect(v.primary_codes).toHaveLength(1);
      // No one is seen in the clinic while in a bed, and children see the paediatrician.
      expect(v.in_bed, v.appointment_id).toBe(false);
      expect(v.registered_ms).toBeLessThan(v.starts_ms);
      expect(v.login === 'paediatrician').toBe(v.child);
      const offered = demoSlots(v.login, 'CGH', v.queue_date, localDateOf(seededAt, KOLKATA), KOLKATA);
      expect(offered.map((s) => s.start)).toContain(v.starts_ms);
    }
    expect(new Set(visits.map((v) => v.login))).toEqual(new Set(['doctor', 'cardiologist', 'paediatrician']));
  });

  it("gives each doctor's day its queue tokens from 1, in the order the patients were seen", async () => {
    const byDay = new Map<string, number[]>();
    for (const v of await seen()) {
      expect(v.queue_date).toBe(localDateOf(v.starts_ms, KOLKATA));
      const key = `${v.login}/${v.queue_date}`;
      byDay.set(key, [...(byDay.get(key) ?? []), v.token]);
    }
    for (const tokens of byDay.values()) expect(tokens).toEqual(tokens.map((_, i) => i + 1));
  });

  it('dispenses the prescriptions of two days ago and more from the ledger, and leaves the later ones in the queue', async () => {
    const lines = await rows<{
      status: string;
      written_days_ago: number;
      prescribed: number;
      dispensed: number;
      from_ledger: number;
    }>(
      sql`select p.status, ((now() at time zone ${KOLKATA})::date - p.written_on)::int as written_days_ago,
                 l.quantity_prescribed as prescribed, l.quantity_dispensed as dispensed,
                 coalesce((select -sum(s.quantity) from stock_ledger s join dispensings d on d.id = s.reference_id
                            where s.reference_type = 'dispensing' and s.kind = 'dispense'
                              and d.prescription_id = p.id and s.medicine_id = l.medicine_id), 0)::int as from_ledger
            from prescriptions p join prescription_lines l on l.prescription_id = p.id
            join consultations c on c.prescription_id = p.id and c.status = 'closed'`,
    );
    expect(lines.some((l) => l.status === 'open')).toBe(true);
    expect(lines.some((l) => l.status === 'dispensed')).toBe(true);
    for (const l of lines) {
      expect(l.dispensed).toBe(l.from_ledger);
      if (l.status === 'open') expect([l.written_days_ago, l.dispensed]).toEqual([1, 0]);
      if (l.status === 'dispensed') expect(l.dispensed).toBe(l.prescribed);
    }
    // Every dispensing's ledger rows are taken from the pharmacy, at the dispensing's moment.
    const [odd] = await rows<{ n: number }>(
      sql`select count(*)::int as n from stock_ledger s join dispensings d on d.id = s.reference_id
           join stores st on st.id = s.store_id
           where s.reference_type = 'dispensing' and (st.kind <> 'pharmacy' or s.occurred_at <> d.dispensed_at)`,
    );
    expect(odd!.n).toBe(0);
  });

  it("bills each consultation with its own line, on the visit's day, and each dispensing for what left the shelf", async () => {
    // (A visit of last year is billed on New Year's Day: invoice numbers are of this year's series.)
    const consultations = await rows<{ bills: number; own_line: boolean; same_day: boolean; status: string }>(
      sql`select count(i.id)::int as bills, bool_and(l.kind = 'consultation' and l.ref_id = c.id) as own_line,
                 bool_and(i.issued_on = greatest((c.closed_at at time zone ${KOLKATA})::date,
                                                 date_trunc('year', now() at time zone ${KOLKATA})::date)) as same_day,
                 min(i.status) as status
            from consultations c
            left join invoices i on i.source = 'consultation' and i.source_id = c.id
            left join invoice_lines l on l.invoice_id = i.id and l.position = 1
           group by c.id`,
    );
    expect(consultations.length).toBeGreaterThan(0);
    for (const c of consultations)
      expect(c).toEqual({ bills: 1, own_line: true, same_day: true, status: 'final' });
    const dispensings = await rows<{ billed: number; charged: number; taken: number; paid: boolean }>(
      sql`select count(distinct i.id)::int as billed,
                 (select coalesce(sum(l.quantity), 0) from invoice_lines l join invoices i2 on i2.id = l.invoice_id
                   where i2.source = 'dispensing' and i2.source_id = d.id)::int as charged,
                 (select -sum(s.quantity) from stock_ledger s where s.reference_id = d.id)::int as taken,
                 bool_and(i.paid_minor = i.total_minor and i.status = 'final') as paid
            from dispensings d join invoices i on i.source = 'dispensing' and i.source_id = d.id
           group by d.id`,
    );
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from dispensings`);
    expect(dispensings).toHaveLength(count!.n);
    for (const d of dispensings)
      expect(d).toEqual({ billed: 1, charged: d.taken, taken: d.taken, paid: true });
  });

  it('shows the doctor patients seen, the patient a visit history, and the pharmacist prescriptions to dispense', async () => {
    const [cgh] = await rows<{ id: string }>(sql`select id from hospitals where code = 'CGH'`);
    const at = (h: Record<string, string>) => ({ ...h, 'x-hospital-id': cgh!.id });
    const doctor = at(await bearerHeaders(t, 'doctor@hospitium.example', DEMO_PASSWORD));
    const dashboard = (
      await t.app.inject({ method: 'GET', url: '/api/dashboard', headers: doctor })
    ).json() as Dashboard;
    const patients = new Set((await seen()).filter((v) => v.login === 'doctor').map((v) => v.patient_id));
    expect(dashboard.cards.find((c) => c.key === 'patientsSeen')).toEqual({
      key: 'patientsSeen',
      available: true,
      value: patients.size,
    });

    const patient = await bearerHeaders(t, 'patient@hospitium.example', DEMO_PASSWORD);
    const history = await t.app.inject({ method: 'GET', url: '/api/me/visits', headers: patient });
    expect(history.statusCode, history.body).toBe(200);
    const visits = (history.json() as VisitPage).items;
    expect(visits.length).toBeGreaterThan(0);
    for (const v of visits) {
      expect(v.status).toBe('closed');
      expect(v.diagnoses.length).toBeGreaterThan(0);
    }
    expect(visits.some((v) => v.prescription.length > 0)).toBe(true);

    const pharmacist = at(await bearerHeaders(t, 'pharmacist@hospitium.example', DEMO_PASSWORD));
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/prescriptions?status=open',
      headers: pharmacist,
    });
    expect(queue.statusCode, queue.body).toBe(200);
    const open = (queue.json() as { items: Prescription[] }).items;
    expect(open.some((p) => p.source === 'consultation' && p.lines.length > 0)).toBe(true);
  });
});

describe('the demo past visits, whatever the day the demo is loaded', () => {
  it('fall on their doctors’ hours before the moment of loading', () => {
    const start = Date.parse('2026-01-01T00:30:00Z');
    for (let d = 0; d < 400; d += 3) {
      const now = new Date(start + d * 86_400_000 + (d % 24) * 3_600_000);
      const today = localDateOf(now.getTime(), KOLKATA);
      const planned = planDemoVisits(now, KOLKATA, DEMO_MEDICINES);
      for (const p of planned) {
        expect(p.closedAt.getTime()).toBeLessThan(now.getTime());
        expect(p.day < today).toBe(true);
        const slots = demoSlots(p.visit.doctor, 'CGH', p.day, today, KOLKATA);
        expect(slots).toContainEqual({ start: p.startsAt.getTime(), end: p.endsAt.getTime() });
        expect(p.prescription?.dispensing?.at.getTime() ?? 0).toBeLessThan(now.getTime());
      }
      expect(planned.length).toBe(9);
    }
  });
});
