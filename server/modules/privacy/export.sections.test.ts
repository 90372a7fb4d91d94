// What a patient's export holds (product §17, ADR 33): every module's rows about them at both
// hospitals they visited, as arrays of plain objects, with people and hospitals by name; never a
// hash, secret, token or storage key, never a lab result before it is verified, never a draft bill,
// and nothing of another patient of the same hospital.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PatientExport } from '../../../contracts/privacy';
import { exportScene, OTHER_NAME, POLICY_NUMBER, UNVERIFIED_REMARK, type Scene } from './export.test-helpers';

const x = exportScene();
let sc: Scene;
let out: PatientExport;
let text: string;
let rows: (name: string) => Record<string, unknown>[];

beforeAll(async () => {
  sc = await x.scene();
  const { res, body } = await x.exportOf(sc.s.patient.id, sc.s.patient.headers);
  out = body;
  text = res.body;
  rows = (name) => out.sections[name] as Record<string, unknown>[];
}, 120_000);

const SECTIONS = [
  'account',
  'sessions',
  'apiTokens',
  'passwordResets',
  'patient',
  'registrations',
  'allergies',
  'conditions',
  'accessLog',
  'documents',
  'notices',
  'noticeDeliveries',
  'noticePreferences',
  'prescriptions',
  'pharmacySales',
  'pharmacyOrders',
  'appointments',
  'consultations',
  'invoices',
  'payments',
  'creditNotes',
  'advances',
  'admissions',
  'bedReservations',
  'labOrders',
  'consents',
  'erasureRequests',
];

describe('a patient’s export', () => {
  it('has every section, each an array of plain objects', () => {
    expect(out).toMatchObject({ format: 'hospitium-patient-export', version: 1, patientId: sc.s.patient.id });
    expect(Object.keys(out.sections).sort()).toEqual([...SECTIONS].sort());
    for (const name of SECTIONS) {
      expect(Array.isArray(out.sections[name]), name).toBe(true);
      for (const row of rows(name)) expect(Object.getPrototypeOf(row), name).toBe(Object.prototype);
    }
  });

  it('holds the account, its sign-ins and resets, and no hash, secret or token anywhere', async () => {
    expect(rows('account')).toEqual([
      expect.objectContaining({ status: 'active', twoFactorEnabled: true, emailVerifiedAt: null }),
    ]);
    expect(Object.keys(rows('account')[0]!)).not.toContain('passwordHash');
    expect(rows('sessions')).toHaveLength(1);
    expect(rows('apiTokens')).toEqual([expect.objectContaining({ userAgent: 'curl/8', revokedAt: null })]);
    expect(rows('passwordResets')).toHaveLength(1);
    for (const secret of sc.secrets) expect(text).not.toContain(secret);
    const { rows: keys } = await x
      .app()
      .database.query<{ storage_key: string }>('select storage_key from documents where patient_id = $1', [
        sc.s.patient.id,
      ]);
    expect(keys).toHaveLength(2);
    for (const k of keys) expect(text).not.toContain(k.storage_key);
  });

  it('holds the record (the sealed policy number opened), both registrations by hospital name, allergies', async () => {
    expect(rows('patient')).toEqual([
      expect.objectContaining({
        id: sc.s.patient.id,
        sex: 'female',
        dateOfBirth: '1980-05-20',
        insuranceProvider: 'Star Health',
        insurancePolicyNumber: POLICY_NUMBER,
      }),
    ]);
    const { rows: stored } = await x
      .app()
      .database.query<{ v: string }>('select insurance_policy_number as v from patients where id = $1', [
        sc.s.patient.id,
      ]);
    expect(stored[0]!.v).not.toBe(POLICY_NUMBER);
    expect(text).not.toContain(stored[0]!.v);
    expect(rows('registrations').map((r) => [r.hospitalName, typeof r.mrn])).toEqual([
      [sc.s.hospital.name, 'string'],
      [sc.b.hospital.name, 'string'],
    ]);
    expect(rows('registrations')[1]).toMatchObject({ mrn: 'B-77' });
    expect(
      rows('allergies')
        .map((a) => a.substance)
        .sort(),
    ).toEqual(['Amoxicillin', 'Ibuprofen']);
  });

  it('lists documents with what they are and the path that downloads them, which works', async () => {
    const docs = rows('documents');
    expect(docs.map((d) => [d.kind, d.fileName, d.hospitalName])).toEqual([
      ['lab_report', 'report.pdf', sc.s.hospital.name],
      ['id', 'card.png', null],
    ]);
    const got = await x.call('GET', docs[0]!.downloadPath as string, sc.s.patient.headers);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
  });

  it('holds the notices sent to them about themself, not a staff notice to the same account', () => {
    const titles = rows('notices').map((n) => n.title);
    expect(titles).toContain('Lab report ready');
    expect(titles.some((t) => String(t).startsWith('Invoice INV-'))).toBe(true);
    expect(text).not.toContain('Critical result: someone else');
    const templates = new Set(rows('noticeDeliveries').map((d) => d.template));
    expect(templates.has('lab.report_ready')).toBe(true);
    expect(templates.has('lab.critical_result')).toBe(false);
    expect(rows('noticePreferences')).toEqual([
      expect.objectContaining({ kind: 'billing', email: false, sms: false, inApp: true }),
    ]);
  });

  it('holds prescriptions with lines, counter sales and online orders, priced with their currency', () => {
    expect(rows('prescriptions')).toEqual([
      expect.objectContaining({
        source: 'consultation',
        prescriberName: 'Asha Rao',
        lines: [expect.objectContaining({ medicine: 'Paracetamol 500 mg tablet', quantityDispensed: 0 })],
      }),
    ]);
    const line = { medicine: 'Cetirizine 10 mg tablet', quantity: 2, unitPriceMinor: 250, totalMinor: 500 };
    expect(rows('pharmacySales')).toEqual([
      expect.objectContaining({
        id: sc.ids.sale,
        currency: 'INR',
        totalMinor: 500,
        lines: [expect.objectContaining(line)],
      }),
    ]);
    expect(rows('pharmacyOrders')).toEqual([
      expect.objectContaining({
        id: sc.ids.order,
        fulfilment: 'delivery',
        deliveryAddress: '4 Lake View, Pune',
        lines: [expect.objectContaining(line)],
        events: [expect.objectContaining({ status: 'awaiting_verification' })],
      }),
    ]);
  });

  it('holds appointments, and consultations with vitals, diagnoses, what was prescribed and addenda', () => {
    expect(rows('appointments')).toEqual([
      expect.objectContaining({
        id: sc.ids.appointment,
        doctorName: 'Asha Rao',
        reason: 'Follow-up of headache',
      }),
    ]);
    const [c, ...more] = rows('consultations');
    expect(more).toEqual([]);
    expect(c).toMatchObject({
      id: sc.ids.consultation,
      hospitalName: sc.s.hospital.name,
      doctorName: 'Asha Rao',
      status: 'closed',
      chiefComplaint: 'Headache for three days',
      vitals: { systolic: 128, diastolic: 84, temperatureC: 37.2, weightKg: 70 },
      diagnoses: [
        { code: 'R51', primary: false },
        { code: 'G43.9', primary: true },
        { code: null, description: 'Poor sleep', primary: false },
      ],
      prescribed: [{ medicine: 'Paracetamol 500 mg tablet', quantity: 9 }],
      addenda: [{ text: 'Phoned: better.', authorName: 'Asha Rao' }],
    });
    expect(Object.keys(c!)).not.toContain('prescriptionDraft');
  });

  it('holds issued bills with lines, payments, credit notes and the advance; never a draft', async () => {
    const invoices = rows('invoices');
    expect(invoices.find((i) => i.id === sc.ids.invoice)).toMatchObject({
      status: 'final',
      currency: 'INR',
      totalMinor: 40_000,
      paidMinor: 10_000,
      creditedMinor: 5_000,
      lines: [{ description: 'Dressing', quantity: 1, unitPriceMinor: 40_000 }],
    });
    // The stay at B was billed at discharge: bed-days, the ward service and the medicine.
    const stayBill = invoices.find((i) => i.source === 'admission');
    expect(stayBill).toMatchObject({ hospitalName: sc.b.hospital.name });
    expect((stayBill!.lines as { kind: string }[]).map((l) => l.kind).sort()).toEqual([
      'bed_day',
      'medicine',
      'service',
    ]);
    const { rows: drafts } = await x
      .app()
      .database.query<{ id: string }>(`select id from invoices where patient_id = $1 and status = 'draft'`, [
        sc.s.patient.id,
      ]);
    expect(drafts.length).toBeGreaterThan(0); // the lab order's bill (ADR 30)
    for (const d of drafts) expect(text).not.toContain(d.id);
    expect(rows('payments').map((p) => [p.kind, p.method, p.amountMinor, p.invoiceNumber])).toEqual([
      ['payment', 'cash', 10_000, invoices.find((i) => i.id === sc.ids.invoice)!.number],
      ['deposit', 'upi', 20_000, null],
    ]);
    expect(rows('creditNotes')).toEqual([
      expect.objectContaining({ amountMinor: 5_000, reason: 'Charged twice', currency: 'INR' }),
    ]);
    expect(rows('advances')).toEqual([
      expect.objectContaining({ hospitalName: sc.s.hospital.name, currency: 'INR', balanceMinor: 20_000 }),
    ]);
  });

  it('holds the stay at the other hospital: beds, nursing record, services, discharge; the reservation', () => {
    const [stay, ...more] = rows('admissions');
    expect(more).toEqual([]);
    expect(stay).toMatchObject({
      id: sc.stay.id,
      hospitalName: sc.b.hospital.name,
      status: 'discharged',
      dischargeSummary: { condition: 'improved', procedures: ['Chest X-ray', 'IV cannulation'] },
      beds: [
        { bed: 'B-1', endedBy: 'transfer' },
        { bed: 'B-2', endedBy: 'discharge' },
      ],
      vitals: [{ systolic: 131, diastolic: 83, pulse: 91 }],
      nursingNotes: [{ kind: 'observation', body: 'Slept well on the ward.' }],
      medications: [{ outcome: 'given', quantity: 2, dose: '2 tablets', route: 'oral' }],
      serviceCharges: [{ name: 'Nebulisation', quantity: 2, unitPriceMinor: 3_000 }],
    });
    expect(rows('bedReservations')).toEqual([
      expect.objectContaining({ hospitalName: sc.b.hospital.name, bed: 'B-1', status: 'consumed' }),
    ]);
  });

  it('holds lab orders with samples, and results only once verified', () => {
    const [order, ...more] = rows('labOrders');
    expect(more).toEqual([]);
    expect(order).toMatchObject({ id: sc.ids.labOrder, hospitalName: sc.s.hospital.name });
    const [cbc, lipid] = order!.tests as Record<string, unknown>[];
    expect(cbc).toMatchObject({ code: 'CBC', status: 'verified', resultComment: 'Normal count' });
    expect(cbc!.results).toEqual([
      expect.objectContaining({
        name: 'Haemoglobin',
        valueNumber: 13.2,
        flag: 'normal',
        refLow: 12,
        refHigh: 15,
      }),
      expect.objectContaining({ name: 'Platelets', valueNumber: 250 }),
      expect.objectContaining({ name: 'Smear', valueText: 'Normocytic normochromic' }),
    ]);
    // Entered but not verified: its sample and status show; its value, comment and time do not.
    expect(lipid).toMatchObject({
      code: 'LIPID',
      status: 'resulted',
      results: [],
      resultComment: '',
      resultedAt: null,
    });
    expect(text).not.toContain(UNVERIFIED_REMARK);
    expect(text).not.toContain('Cholesterol');
  });

  it('holds consent decisions and erasure requests', () => {
    expect(rows('consents')).toEqual([
      expect.objectContaining({
        purpose: 'research',
        decision: 'granted',
        method: 'portal',
        hospitalName: null,
      }),
    ]);
    expect(rows('erasureRequests')).toEqual([
      expect.objectContaining({ status: 'cancelled', reason: 'Changed my mind', erased: null }),
    ]);
  });

  it('holds nothing of another patient of the same hospital, whose own export holds theirs', async () => {
    for (const theirs of [sc.other.id, OTHER_NAME, 'Latex', 'Someone else’s visit']) {
      expect(text).not.toContain(theirs);
    }
    const { body, res } = await x.exportOf(sc.other.id, sc.other.headers);
    expect(body.sections.appointments).toEqual([expect.objectContaining({ reason: 'Someone else’s visit' })]);
    expect(body.sections.consultations).toHaveLength(1);
    expect(res.body).not.toContain(sc.s.patient.id);
    expect(res.body).not.toContain(sc.ids.consultation);
  });

  it('lists the export itself in the access log of the next one', async () => {
    const { body } = await x.exportOf(sc.s.patient.id, sc.s.patient.headers);
    const log = body.sections.accessLog as Record<string, unknown>[];
    expect(log).toContainEqual(
      expect.objectContaining({ opened: 'patient.exported', actorRole: 'patient', hospitalName: null }),
    );
    // Staff reads at hospital A show with the reader and the hospital.
    expect(log).toContainEqual(
      expect.objectContaining({
        actorName: 'Asha Rao',
        actorRole: 'doctor',
        hospitalName: sc.s.hospital.name,
      }),
    );
  });
});
