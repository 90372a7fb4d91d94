// Shared by the export tests: a patient with something in every module, made through the API where
// the API makes it (a closed visit with an addendum, a lab order with one test verified and one not,
// a bill paid in part and credited, an advance, documents, a counter sale and an online order, a
// stay at a second hospital with its nursing record and discharge), and written directly where only
// a background job or another helper's route would (notices, consents, an erasure request, a TOTP
// secret, an API token, a reset link). Beside them, another patient of the same hospital with rows
// of their own, which must never show in the first one's export.
import { expect } from 'vitest';
import type { PatientExport } from '../../../contracts/privacy';
import type { Admission } from '../../../contracts/wards';
import { createPatientUser, createStaff, sessionHeaders, type AuthHeaders } from '../../test/factories';
import { key } from '../billing/billing.test-helpers';
import { fhirHelpers } from '../clinical/clinical.fhir.test-helpers';
import type { Setup } from '../clinical/consultations.test-helpers';
import { documentsKit, form, PDF, PNG } from '../documents/documents.test-support';
import { labRecords } from '../lab/lab.fhir.test-helpers';
import { inDays, medicine, pharmacy, receive, staffAt } from '../pharmacy/pharmacy.test-helpers';
import { give, stockedStore, summaryBody } from '../wards/discharge.test-helpers';
import { admit, call, site, wardWithBeds, type Site } from '../wards/wards.test-helpers';

/** Words written into rows the export must leave out: a result not yet verified, another patient. */
export const UNVERIFIED_REMARK = 'Lipaemic sample, value pending review';
export const OTHER_NAME = 'Zebedee Quarrington';
/** Kept sealed in the database (ADR 34). */
export const POLICY_NUMBER = 'POL-99-12345';

export interface Scene {
  /** Hospital A (doctor, nurse, desk, pharmacy) and the patient, with their session. */
  s: Setup;
  /** Hospital B, where the patient had a stay. */
  b: Site;
  stay: Admission;
  ids: Record<'consultation' | 'labOrder' | 'invoice' | 'appointment' | 'sale' | 'order', string>;
  /** Values stored about the patient's account that must never leave: hashes, secrets, tokens. */
  secrets: string[];
  other: { id: string; userId: string; headers: AuthHeaders };
}

type Reply = Awaited<ReturnType<ReturnType<typeof fhirHelpers>['call']>>;

/** The reply's body, once its status is the one expected. */
export function ok<T = { id: string }>(res: Reply, status = 201): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

/** For a test file: its app (built before its tests, closed after them) and the scene-maker. */
export function exportScene() {
  const lab = labRecords();
  const app = lab.app;
  const fh = fhirHelpers(app);
  const docs = documentsKit(app);
  const sql = (text: string, params: unknown[]) => app().database.query(text, params);

  /** A closed visit, a lab order (CBC verified, lipids entered only), a bill with all that follows. */
  async function hospitalA(s: Setup) {
    const policy = { insuranceProvider: 'Star Health', insurancePolicyNumber: POLICY_NUMBER };
    ok(await fh.call('PATCH', `/api/patients/${s.patient.id}`, s.receptionist, policy), 200);
    const visit = await fh.visit(s);
    ok(
      await fh.call('POST', `/api/consultations/${visit.id}/addenda`, s.doctor.headers, {
        text: 'Phoned: better.',
      }),
    );
    const l = await lab.labRecord(s);
    await lab.verifyCbc(l, 13.2, 250, 'Normal count');
    const item = `/api/lab/orders/${l.order.id}/items/${l.order.items[1]!.id}/results`;
    const values = [{ analyteId: l.lipid.analytes[0]!.id, value: 287 }];
    ok(await fh.call('PUT' as 'POST', item, l.tech, { values, comment: UNVERIFIED_REMARK }), 200);

    const admin = await staffAt(app(), s.hospital, 'hospital_admin');
    const lines = [{ description: 'Dressing', unitPriceMinor: 40_000, taxRateBp: 0, quantity: 1 }];
    const inv = ok(
      await fh.call('POST', '/api/billing/invoices', s.receptionist, { patientId: s.patient.id, lines }),
    );
    ok(await fh.call('POST', `/api/billing/invoices/${inv.id}/finalise`, s.receptionist), 200);
    const paid = { idempotencyKey: key(), method: 'cash', amountMinor: 10_000 };
    ok(await fh.call('POST', `/api/billing/invoices/${inv.id}/payments`, s.receptionist, paid));
    const credit = { idempotencyKey: key(), reason: 'Charged twice', amountMinor: 5_000 };
    ok(await fh.call('POST', `/api/billing/invoices/${inv.id}/credit-notes`, admin, credit));
    const deposit = { idempotencyKey: key(), patientId: s.patient.id, method: 'upi', amountMinor: 20_000 };
    ok(await fh.call('POST', '/api/billing/advances', s.receptionist, deposit));

    ok(
      await docs.upload(
        s.receptionist,
        s.patient.id,
        form({ kind: 'lab_report', title: 'Old report' }, [{ filename: 'report.pdf', content: PDF }]),
      ),
    );
    ok(
      await docs.upload(
        s.patient.headers,
        s.patient.id,
        form({ kind: 'id' }, [{ filename: 'card.png', content: PNG }]),
      ),
    );

    const cetirizine = await medicine(app(), s.ph, {
      genericName: 'Cetirizine',
      strength: '10 mg',
      taxRateBp: 0,
    });
    await receive(app(), s.ph, cetirizine.id, [{ batchNumber: 'C1', expiryDate: inDays(300), quantity: 20 }]);
    const bought = [{ medicineId: cetirizine.id, quantity: 2 }];
    const sale = ok(
      await fh.call('POST', '/api/pharmacy/sales', s.ph.headers, {
        idempotencyKey: key(),
        patientId: s.patient.id,
        lines: bought,
      }),
    );
    const order = ok(
      await fh.call('POST', '/api/shop/orders', s.patient.headers, {
        idempotencyKey: key(),
        hospitalId: s.hospital.id,
        lines: bought,
        fulfilment: 'delivery',
        deliveryAddress: '4 Lake View, Pune',
        expectedTotalMinor: 500,
      }),
    );
    const appointment = await appointmentOf(s, s.patient.id, 'Follow-up of headache', 3);
    return {
      consultation: visit.id,
      labOrder: l.order.id,
      invoice: inv.id,
      appointment,
      sale: sale.id,
      order: order.id,
    };
  }

  /** A booked appointment with the doctor, `days` from now (written directly, as the FHIR tests do). */
  async function appointmentOf(s: Setup, patientId: string, reason: string, days: number): Promise<string> {
    const { rows } = await sql(
      `insert into appointments (id, hospital_id, doctor_profile_id, patient_id, starts_at, ends_at, status,
                                 reason, booked_by, idempotency_key, request_hash)
       values (gen_random_uuid(), $1, $2, $3, now() + make_interval(days => $7), now() + make_interval(days => $7, mins => 15),
               'booked', $4, $5, $6, 'x') returning id`,
      [s.hospital.id, s.doctor.profileId, patientId, reason, s.doctor.userId, key(), days],
    );
    return (rows[0] as { id: string }).id;
  }

  /** A reserved bed taken by admission, a transfer, vitals, a note, a medicine, a service, a discharge. */
  async function hospitalB(patientId: string) {
    const t = app();
    const b = await site(t);
    await sql(
      `insert into patient_registrations (id, patient_id, hospital_id, mrn) values (gen_random_uuid(), $1, $2, 'B-77')`,
      [patientId, b.hospital.id],
    );
    const { ward, beds } = await wardWithBeds(t, b, 2);
    const until = new Date(Date.now() + 86_400_000).toISOString();
    ok(
      await call(t, 'POST', '/api/wards/reservations', b.reception, {
        bedId: beds[0]!.id,
        patientId,
        until,
        reason: 'Planned',
      }),
    );
    const stay = ok<Admission>(await admit(t, b.reception, patientId, beds[0]!.id));
    const url = `/api/wards/admissions/${stay.id}`;
    ok(await call(t, 'POST', `${url}/vitals`, b.nurse, { systolic: 131, diastolic: 83, pulse: 91 }));
    ok(
      await call(t, 'POST', `${url}/notes`, b.nurse, {
        kind: 'observation',
        body: 'Slept well on the ward.',
      }),
    );
    ok(await call(t, 'POST', `${url}/transfer`, b.reception, { bedId: beds[1]!.id }), 200);
    const med = await stockedStore(t, b, await pharmacy(t, b.hospital), ward.id, 10, 400);
    await give(t, b, stay.id, med.id, 2);
    const service = ok(
      await call(t, 'POST', '/api/billing/services', b.admin, {
        code: `NEB${key().slice(2, 6)}`,
        name: 'Nebulisation',
        priceMinor: 3_000,
        taxRateBp: 0,
      }),
    );
    ok(
      await call(t, 'POST', `${url}/service-charges`, b.nurse, {
        idempotencyKey: key(),
        serviceId: service.id,
        quantity: 2,
      }),
    );
    const doctor = await createStaff(t.database.db, b.hospital, 'doctor');
    const headers = await sessionHeaders(t.database.db, doctor, b.hospital);
    ok(await call(t, 'POST', `${url}/discharge`, headers, summaryBody()), 200);
    return { b, stay };
  }

  /** What only jobs or other routes write: notices, consent, an erasure request, account secrets. */
  async function direct(s: Setup): Promise<string[]> {
    const user = s.patient.userId;
    for (const [template, title] of [
      ['lab.report_ready', 'Lab report ready'],
      ['lab.critical_result', 'Critical result: someone else'],
    ]) {
      await sql(
        `with d as (insert into notification_deliveries (id, message_id, idempotency_key, template, kind, channel, recipient, user_id, hospital_id, status)
                    values (gen_random_uuid(), gen_random_uuid(), $1, $2, 'lab', 'in_app', $3::text, $3::uuid, $4, 'sent') returning id)
         insert into notifications (id, user_id, hospital_id, delivery_id, kind, title, body)
         select gen_random_uuid(), $3::uuid, $4, d.id, 'lab', $5, $5 || '.' from d`,
        [key(), template, user, s.hospital.id, title],
      );
    }
    await sql(
      `insert into notification_preferences (user_id, kind, email, sms, in_app) values ($1, 'billing', false, false, true)`,
      [user],
    );
    await sql(
      `insert into patient_consents (id, patient_id, purpose, decision, method, note) values
         (gen_random_uuid(), $1, 'research', 'granted', 'portal', 'Happy to help')`,
      [s.patient.id],
    );
    await sql(
      `insert into erasure_requests (id, patient_id, status, reason, requested_by, decided_at, decided_by)
       values (gen_random_uuid(), $1, 'cancelled', 'Changed my mind', $2, now(), $2)`,
      [s.patient.id, user],
    );
    const secrets = ['JBSWY3DPEHPK3PXPTOTPSECRET', `refresh-${key()}`, `reset-${key()}`];
    await sql(`update users set totp_secret = $2, totp_enabled_at = now() where id = $1`, [user, secrets[0]]);
    await sql(
      `insert into refresh_tokens (id, family_id, user_id, token_hash, expires_at, user_agent)
       values (gen_random_uuid(), gen_random_uuid(), $1, $2, now() + interval '1 day', 'curl/8')`,
      [user, secrets[1]],
    );
    await sql(
      `insert into password_reset_tokens (id, user_id, token_hash, expires_at) values (gen_random_uuid(), $1, $2, now())`,
      [user, secrets[2]],
    );
    const { rows } = await sql(
      `select u.password_hash, s.id as session, s.csrf_token from users u join sessions s on s.user_id = u.id where u.id = $1`,
      [user],
    );
    const r = rows[0] as Record<string, string>;
    return [...secrets, r.password_hash!, r.session!, r.csrf_token!];
  }

  /** Another patient of hospital A: their own visit, appointment and allergy. */
  async function otherPatient(s: Setup) {
    const db = app().database.db;
    const { user, patient } = await createPatientUser(db, { hospital: s.hospital });
    await sql(`update patients set given_name = $2, family_name = '' where id = $1`, [
      patient.id,
      OTHER_NAME,
    ]);
    await sql(
      `insert into patient_allergies (id, patient_id, substance) values (gen_random_uuid(), $1, 'Latex')`,
      [patient.id],
    );
    const headers = await sessionHeaders(db, user);
    await fh.visit({ ...s, patient: { id: patient.id, userId: user.id, headers } });
    await appointmentOf(s, patient.id, 'Someone else’s visit', 4);
    return { id: patient.id, userId: user.id, headers };
  }

  return {
    app,
    call: fh.call,

    async scene(): Promise<Scene> {
      const s = await fh.setup();
      const ids = await hospitalA(s);
      const { b, stay } = await hospitalB(s.patient.id);
      const secrets = await direct(s);
      const other = await otherPatient(s);
      return { s, b, stay, ids, secrets, other };
    },

    /** The patient's export, checked against the contract. */
    async exportOf(patientId: string, headers: AuthHeaders) {
      const res = await fh.call('GET', `/api/patients/${patientId}/export`, headers);
      return { res, body: ok<PatientExport>(res, 200) };
    },
  };
}
