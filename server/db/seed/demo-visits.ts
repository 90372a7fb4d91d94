// The demo's past month of out-patient visits at City General: appointments seen and completed, each
// with its closed consultation (vital signs, complaint, ICD-10 diagnoses, notes, the prescription),
// so that right after `npm start` the doctors have patients seen, the patients a visit history, the
// admin's chart past days, and the pharmacy consultation prescriptions: those of two days ago and
// more were dispensed, first expiry first, from the stock of the time (demo-stock.ts takes them with
// its other movements), and yesterday's wait in the pharmacy's queue. Each visit's bill (its
// consultation and what else was done) and each dispensing's are written by demo-billing.ts.
// The stories fit the wards' (demo-wards.ts): no one is seen while in a bed, and a visit often
// comes just before an admission or as the follow-up a discharge asked for.
import { sql } from 'drizzle-orm';
import { computedQuantity, directionsOf, seedIcd10 } from '../../modules/clinical';
import { consultationDiagnoses, consultations, vitalSigns } from '../../modules/clinical/clinical.tables';
import { dispensings, prescriptionLines, prescriptions } from '../../modules/pharmacy/pharmacy.tables';
import { addDays, localDateOf } from '../../modules/scheduling';
import { appointments } from '../../modules/scheduling/scheduling.tables';
import { queryRows, type Tx } from '../client';
import { newId } from '../ids';
import { demoSlots } from './demo-availability';
import type { BillLine, BillPayment } from './demo-billing';
import { VISITS, type DemoVisit } from './demo-visits.data';
import type { DemoMedicine } from './demo-medicines';
import { label } from './demo-stock';

const MINUTE = 60_000;

export interface PlannedVisit {
  visit: DemoVisit;
  day: string;
  startsAt: Date;
  endsAt: Date;
  /** The doctor's queue token of that day. */
  token: number;
  checkedInAt: Date;
  openedAt: Date;
  closedAt: Date;
  appointmentId: string;
  consultationId: string;
  prescription: {
    id: string;
    /** Per line: the medicine (index into the catalog), its directions and the units prescribed. */
    lines: { medicine: number; directions: string; quantity: number }[];
    /** Set where the pharmacy dispensed it (that dispensing's id and time); else it is in the queue. */
    dispensing: { id: string; at: Date } | null;
  } | null;
}

/**
 * The demo's past visits, timed on the doctors' hours (CGH, `timeZone`) before `now`, each on
 * the slot it names of its day.
 */
export function planDemoVisits(now: Date, timeZone: string, meds: readonly DemoMedicine[]): PlannedVisit[] {
  const today = localDateOf(now.getTime(), timeZone);
  const index = new Map(meds.map((m, i) => [label(m), i]));
  const planned: PlannedVisit[] = [];
  for (const visit of VISITS) {
    let day = '';
    let slot: { start: number; end: number } | undefined;
    for (let back = 0; !slot && back < 7; back += 1) {
      day = addDays(today, -visit.daysAgo - back);
      slot = demoSlots(visit.doctor, 'CGH', day, today, timeZone)[visit.slot];
    }
    if (!slot) continue;
    const startsAt = new Date(slot.start);
    const closedAt = new Date(slot.start + 14 * MINUTE);
    const lines = visit.rx.map((rx) => {
      const medicine = index.get(rx.medicine);
      if (medicine === undefined) throw new Error(`demo visits: no medicine labelled ${rx.medicine}`);
      const m = meds[medicine]!;
      const line = { ...rx, medicineId: '' };
      const quantity = rx.quantity ?? computedQuantity(m.form, line);
      if (!quantity) throw new Error(`demo visits: ${rx.medicine} needs a quantity`);
      return { medicine, directions: directionsOf(line, m.dispensingUnit), quantity };
    });
    planned.push({
      visit,
      day,
      startsAt,
      endsAt: new Date(slot.end),
      token: 0,
      checkedInAt: new Date(slot.start - 20 * MINUTE),
      openedAt: new Date(slot.start + 2 * MINUTE),
      closedAt,
      appointmentId: newId(),
      consultationId: newId(),
      prescription:
        lines.length === 0
          ? null
          : {
              id: newId(),
              lines,
              // Collected within the hour, except yesterday's: not yet.
              dispensing:
                day < addDays(today, -1)
                  ? { id: newId(), at: new Date(closedAt.getTime() + 25 * MINUTE) }
                  : null,
            },
    });
  }
  // Tokens in the order the doctor's patients checked in that day.
  planned.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const tokens = new Map<string, number>();
  for (const p of planned) {
    const key = `${p.visit.doctor}/${p.day}`;
    p.token = (tokens.get(key) ?? 0) + 1;
    tokens.set(key, p.token);
  }
  return planned;
}

/** What the pharmacy dispensed on the visits' prescriptions, as stock to take (demo-stock.ts). */
export const visitDispensings = (visits: PlannedVisit[]) =>
  visits.flatMap((v) => {
    const d = v.prescription?.dispensing;
    return d
      ? v.prescription!.lines.map((l) => ({
          medicine: l.medicine,
          quantity: l.quantity,
          at: d.at,
          ref: d.id,
        }))
      : [];
  });

export interface DemoVisitsInput {
  hospitalId: string;
  patientIds: string[];
  /** A demo doctor at CGH by login: their profile, user and name. */
  doctor: (login: string) => { profileId: string; userId: string; name: string };
  receptionist: string;
  pharmacist: string;
  /** The CGH catalog's ids, by index into the demo's medicines. */
  medicineIds: string[];
  /** Units the stock plan could give each dispensing, by medicine index (short stock gives fewer). */
  dispensed: (dispensingId: string, medicine: number) => number;
}

/** The bills the visits leave for demo-billing.ts: each consultation's, and each dispensing's. */
export interface VisitBills {
  consultations: {
    at: Date;
    patientId: string;
    doctor: string;
    consultationId: string;
    lines: BillLine[];
    paid: BillPayment[];
  }[];
  dispensings: {
    at: Date;
    dispensingId: string;
    patientId: string;
    lines: { medicineId: string; quantity: number }[];
  }[];
}

/** Writes the planned visits inside `tx` (after the pharmacy's catalog and stock). */
export async function writeDemoVisits(
  tx: Tx,
  planned: PlannedVisit[],
  o: DemoVisitsInput,
): Promise<VisitBills> {
  await seedIcd10(tx); // the diagnoses' codes; the web process adds the same list at start-up
  const titles = new Map(
    (
      await queryRows<{ code: string; title: string }>(
        tx,
        sql`select code, title from icd10_codes where code = any(${sql.param([...new Set(planned.flatMap((p) => p.visit.diagnoses))])}::text[])`,
      )
    ).map((r) => [r.code, r.title]),
  );
  const bills: VisitBills = { consultations: [], dispensings: [] };
  const rows = {
    appointments: [] as (typeof appointments.$inferInsert)[],
    prescriptions: [] as (typeof prescriptions.$inferInsert)[],
    prescriptionLines: [] as (typeof prescriptionLines.$inferInsert)[],
    dispensings: [] as (typeof dispensings.$inferInsert)[],
    consultations: [] as (typeof consultations.$inferInsert)[],
    vitals: [] as (typeof vitalSigns.$inferInsert)[],
    diagnoses: [] as (typeof consultationDiagnoses.$inferInsert)[],
  };
  planned.forEach((p, n) => {
    const v = p.visit;
    const doctor = o.doctor(v.doctor);
    const patientId = o.patientIds[v.patient]!;
    rows.appointments.push({
      id: p.appointmentId,
      hospitalId: o.hospitalId,
      doctorProfileId: doctor.profileId,
      patientId,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      status: 'completed',
      reason: v.reason,
      bookedBy: o.receptionist,
      idempotencyKey: `demo-visit-${n}`,
      requestHash: 'demo-seed',
      queueDate: p.day,
      token: p.token,
      checkedInAt: p.checkedInAt,
      checkedInBy: o.receptionist,
      calledAt: p.openedAt,
      // Booked a few days ahead, as most are.
      createdAt: new Date(p.startsAt.getTime() - 3 * 86_400_000),
      updatedAt: p.closedAt,
    });
    const rx = p.prescription;
    if (rx) {
      const found = rx.lines.map((l) => (rx.dispensing ? o.dispensed(rx.dispensing.id, l.medicine) : 0));
      // A dispensing that found nothing on the shelf did not happen (the app refuses one).
      const dispensing = found.some((q) => q > 0) ? rx.dispensing : null;
      const given = dispensing ? found : found.map(() => 0);
      const primary = v.diagnoses[0]!;
      rows.prescriptions.push({
        id: rx.id,
        hospitalId: o.hospitalId,
        patientId,
        source: 'consultation',
        prescriberName: doctor.name,
        prescriberUserId: doctor.userId,
        writtenOn: p.day,
        notes: `Diagnosis: ${primary} ${titles.get(primary)}`,
        status: !dispensing
          ? 'open'
          : given.every((q, i) => q === rx.lines[i]!.quantity)
            ? 'dispensed'
            : 'partly_dispensed',
        enteredBy: doctor.userId,
        createdAt: p.closedAt,
        updatedAt: dispensing?.at ?? p.closedAt,
      });
      rx.lines.forEach((l, i) =>
        rows.prescriptionLines.push({
          prescriptionId: rx.id,
          medicineId: o.medicineIds[l.medicine]!,
          directions: l.directions,
          quantityPrescribed: l.quantity,
          quantityDispensed: given[i]!,
          position: i,
        }),
      );
      if (dispensing) {
        rows.dispensings.push({
          id: dispensing.id,
          hospitalId: o.hospitalId,
          prescriptionId: rx.id,
          idempotencyKey: `demo-dispensing-${n}`,
          requestHash: 'demo-seed',
          dispensedBy: o.pharmacist,
          dispensedAt: dispensing.at,
        });
        const lines = rx.lines
          .map((l, i) => ({ medicineId: o.medicineIds[l.medicine]!, quantity: given[i]! }))
          .filter((l) => l.quantity > 0);
        bills.dispensings.push({ at: dispensing.at, dispensingId: dispensing.id, patientId, lines });
      }
    }
    rows.consultations.push({
      id: p.consultationId,
      hospitalId: o.hospitalId,
      patientId,
      doctorProfileId: doctor.profileId,
      doctorUserId: doctor.userId,
      appointmentId: p.appointmentId,
      status: 'closed',
      chiefComplaint: v.complaint,
      notes: v.notes,
      followUp: v.followUp,
      labRequests: v.labRequests ?? '',
      prescriptionId: rx?.id ?? null,
      openedAt: p.openedAt,
      closedAt: p.closedAt,
      createdAt: p.openedAt,
      updatedAt: p.closedAt,
    });
    rows.vitals.push({
      hospitalId: o.hospitalId,
      patientId,
      consultationId: p.consultationId,
      recordedBy: doctor.userId,
      recordedAt: new Date(p.openedAt.getTime() + 3 * MINUTE),
      systolic: null, // children's visits take no blood pressure
      diastolic: null,
      ...v.vitals,
    });
    v.diagnoses.forEach((code, i) =>
      rows.diagnoses.push({
        consultationId: p.consultationId,
        code,
        description: titles.get(code)!,
        primary: i === 0,
        position: i,
      }),
    );
    bills.consultations.push({
      at: new Date(p.closedAt.getTime() + 5 * MINUTE),
      patientId,
      doctor: v.doctor,
      consultationId: p.consultationId,
      lines: v.bill.lines,
      paid: v.bill.paid,
    });
  });
  // In the order of their foreign keys; a handful of rows each.
  if (rows.appointments.length) await tx.insert(appointments).values(rows.appointments);
  if (rows.prescriptions.length) {
    await tx.insert(prescriptions).values(rows.prescriptions);
    await tx.insert(prescriptionLines).values(rows.prescriptionLines);
  }
  if (rows.dispensings.length) await tx.insert(dispensings).values(rows.dispensings);
  if (rows.consultations.length) {
    await tx.insert(consultations).values(rows.consultations);
    await tx.insert(vitalSigns).values(rows.vitals);
    await tx.insert(consultationDiagnoses).values(rows.diagnoses);
  }
  return bills;
}
