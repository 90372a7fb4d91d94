// Writes the demo installation described in demo-data.ts. Like the test factories, the seed writes
// rows straight into the tables: it runs before any service exists and must be one quick transaction.
import { hospitalCounters } from '../../platform/numbering/numbering.tables';
import { newId } from '../ids';
import type { Tx } from '../client';
import { users } from '../../modules/identity/identity.tables';
import {
  departments,
  doctorProfiles,
  hospitals,
  memberships,
} from '../../modules/organisation/organisation.tables';
import {
  patientAllergies,
  patientConditions,
  patientRegistrations,
  patients,
} from '../../modules/patients/patients.tables';
import { insertAuditEvent } from '../../platform/audit/audit.repo';
import { DEMO_DOMAIN, HOSPITALS, USERS, type HospitalKey } from './demo-data';
import { PATIENTS } from './demo-patients';
import { sealPatientColumns } from '../../modules/patients';
import { writeDemoPharmacy } from './demo-pharmacy';
import { writeDemoAvailability } from './demo-availability';
import { writeDemoAppointments } from './demo-appointments';
import { DEMO_MEDICINES } from './demo-medicines';
import { planDemoVisits, visitDispensings, writeDemoVisits } from './demo-visits';
import { writeDemoBilling } from './demo-billing';
import { writeDemoLab } from './demo-lab';
import { writeDemoLabOrders } from './demo-lab-orders';
import { stayBills, writeWardCharges } from './demo-stay-bills';
import { DEMO_INPATIENTS, writeDemoWards } from './demo-wards';

export interface DemoCounts {
  hospitals: number;
  departments: number;
  users: number;
  patients: number;
  /** Booked for the coming week at CGH. */
  appointments: number;
  /** Past out-patient visits at CGH, seen and closed (demo-visits.ts). */
  visits: number;
  medicines: number;
  stockMovements: number;
}

/** The MRN a hospital gives its n-th patient: its code and a six-digit number, e.g. CGH-000001. */
export function demoMrn(code: string, n: number): string {
  return `${code}-${String(n).padStart(6, '0')}`;
}

export const demoEmail = (login: string) => `${login}@${DEMO_DOMAIN}`;

/** Inserts every demo row inside `tx` (a handful of multi-row inserts) and returns what was written. */
export async function writeDemo(tx: Tx, passwordHash: string): Promise<DemoCounts> {
  const now = new Date();
  const hospitalId = new Map<HospitalKey, string>(HOSPITALS.map((h) => [h.code, newId()]));
  const deptId = new Map<string, string>(); // "CGH/Cardiology" -> id
  const userId = new Map<string, string>(USERS.map((u) => [u.login, newId()]));
  const hid = (k: HospitalKey) => hospitalId.get(k)!;
  const uid = (login: string) => userId.get(login)!;

  await tx
    .insert(hospitals)
    .values(HOSPITALS.map(({ departments: _d, ...h }) => ({ ...h, id: hid(h.code) })));
  const deptRows = HOSPITALS.flatMap((h) =>
    h.departments.map((d) => {
      const id = newId();
      deptId.set(`${h.code}/${d.name}`, id);
      return { id, hospitalId: hid(h.code), name: d.name, description: d.description };
    }),
  );
  await tx.insert(departments).values(deptRows);

  await tx.insert(users).values(
    USERS.map((u) => ({
      id: uid(u.login),
      email: demoEmail(u.login),
      fullName: u.fullName,
      phone: u.phone ?? null,
      passwordHash,
      emailVerifiedAt: now,
    })),
  );

  const adminOf = (k: HospitalKey) => uid(k === 'CGH' ? 'cgh.admin' : 'rvc.admin');
  await tx.insert(memberships).values(
    USERS.flatMap((u) => [
      ...(u.platformAdmin ? [{ userId: uid(u.login), hospitalId: null, role: 'platform_admin' }] : []),
      ...(u.roles ?? []).map((r) => ({
        userId: uid(u.login),
        hospitalId: hid(r.hospital),
        role: r.role,
        createdBy: r.role === 'hospital_admin' ? uid('admin') : adminOf(r.hospital),
      })),
    ]),
  );

  const doctorRows = await tx
    .insert(doctorProfiles)
    .values(
      USERS.flatMap((u) =>
        (u.doctor ?? []).map((d) => ({
          userId: uid(u.login),
          hospitalId: hid(d.hospital),
          departmentId: deptId.get(`${d.hospital}/${d.department}`)!,
          specialty: d.specialty,
          qualifications: d.qualifications,
          registrationNumber: d.registrationNumber,
          consultationFeeMinor: d.consultationFeeMinor,
          languages: d.languages,
          bio: d.bio,
          status: d.status,
          decidedBy: d.status === 'approved' ? adminOf(d.hospital) : null,
          decidedAt: d.status === 'approved' ? now : null,
        })),
      ),
    )
    .returning({
      id: doctorProfiles.id,
      userId: doctorProfiles.userId,
      hospitalId: doctorProfiles.hospitalId,
    });

  // The approved doctors' weekly hours, so patients can book from the start.
  await writeDemoAvailability(tx, {
    now,
    hospitalId: hid,
    doctorOf: (login, k) => doctorRows.find((d) => d.userId === uid(login) && d.hospitalId === hid(k))?.id,
    createdBy: adminOf,
  });

  // Patients are registered at CGH by the receptionist; the doctor and nurse recorded their history.
  // They came in the order of their MRNs over eight months, the last about five months ago: before
  // any visit, stay or bill of the demo's, and not among today's registrations.
  const cgh = HOSPITALS.find((h) => h.code === 'CGH')!;
  const registrar = uid('receptionist');
  const registeredAt = (i: number) =>
    new Date(now.getTime() - (400 - Math.floor((i * 250) / PATIENTS.length)) * 86_400_000);
  const patientRows = PATIENTS.map((p, i) => ({
    id: newId(),
    createdAt: registeredAt(i),
    userId: p.accountLogin ? uid(p.accountLogin) : null,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    phone: p.phone,
    email: p.email ?? null,
    addressLine: p.addressLine,
    city: cgh.city,
    postalCode: p.postalCode,
    country: cgh.country,
    bloodGroup: p.bloodGroup ?? null,
    emergencyContactName: p.emergency?.name ?? null,
    emergencyContactPhone: p.emergency?.phone ?? null,
    emergencyContactRelation: p.emergency?.relation ?? null,
    insuranceProvider: p.insurance?.provider ?? null,
    insurancePolicyNumber: p.insurance?.policyNumber ?? null,
    createdBy: p.accountLogin ? uid(p.accountLogin) : registrar,
  }));
  // The insurance policy number is sealed as the patients module writes it (ADR 34).
  await tx.insert(patients).values(patientRows.map(sealPatientColumns));
  await tx.insert(patientRegistrations).values(
    patientRows.map((p, i) => ({
      patientId: p.id,
      hospitalId: hid('CGH'),
      mrn: demoMrn('CGH', i + 1),
      registeredBy: registrar,
      registeredAt: registeredAt(i),
    })),
  );
  // The patients module takes the next MRN from this counter: it holds the last number issued.
  await tx.insert(hospitalCounters).values([
    { hospitalId: hid('CGH'), name: 'mrn', value: patientRows.length },
    { hospitalId: hid('RVC'), name: 'mrn', value: 0 },
  ]);

  const allergies = PATIENTS.flatMap((p, i) =>
    (p.allergies ?? []).map((a) => ({
      ...a,
      patientId: patientRows[i]!.id,
      hospitalId: hid('CGH'),
      recordedBy: uid('nurse'),
    })),
  );
  if (allergies.length) await tx.insert(patientAllergies).values(allergies);
  const conditions = PATIENTS.flatMap((p, i) =>
    (p.conditions ?? []).map((c) => ({
      ...c,
      patientId: patientRows[i]!.id,
      hospitalId: hid('CGH'),
      recordedBy: uid('doctor'),
    })),
  );
  if (conditions.length) await tx.insert(patientConditions).values(conditions);

  // The coming week's bookings at CGH, the demo patient's first (the account holder is seen first).
  const adultBefore = new Date(now.getTime() - 18 * 365.25 * 86_400_000).toISOString().slice(0, 10);
  const outpatients = PATIENTS.map((p, i) => ({
    id: patientRows[i]!.id,
    child: p.dateOfBirth > adultBefore,
    inpatient: DEMO_INPATIENTS.includes(i),
    account: p.accountLogin === 'patient',
  })).sort((a, b) => Number(b.account) - Number(a.account));
  const appointmentCount = await writeDemoAppointments(tx, {
    now,
    hospitalId: hid('CGH'),
    timeZone: cgh.timeZone,
    doctorOf: (login) => doctorRows.find((d) => d.userId === uid(login) && d.hospitalId === hid('CGH'))?.id,
    bookedBy: registrar,
    patients: outpatients,
  });

  const zone = (k: HospitalKey) => ({ id: hid(k), timeZone: HOSPITALS.find((h) => h.code === k)!.timeZone });
  const visits = planDemoVisits(now, cgh.timeZone, DEMO_MEDICINES);
  const pharmacy = await writeDemoPharmacy(tx, {
    now,
    dispensed: visitDispensings(visits),
    cgh: zone('CGH'),
    rvc: zone('RVC'),
    users: {
      pharmacist: uid('pharmacist'),
      procurement: uid('procurement'),
      nurse: uid('nurse'),
      rvcAdmin: uid('rvc.admin'),
    },
  });

  const visitBills = await writeDemoVisits(tx, visits, {
    hospitalId: hid('CGH'),
    patientIds: patientRows.map((p) => p.id),
    doctor: (login) => {
      const row = doctorRows.find((d) => d.userId === uid(login) && d.hospitalId === hid('CGH'))!;
      return { profileId: row.id, userId: uid(login), name: USERS.find((u) => u.login === login)!.fullName };
    },
    receptionist: uid('receptionist'),
    pharmacist: uid('pharmacist'),
    medicineIds: pharmacy.medicineIds,
    dispensed: pharmacy.given,
  });

  const wardDemo = await writeDemoWards(tx, {
    now,
    hospitalId: hid('CGH'),
    patientIds: patientRows.map((p) => p.id),
    nurse: uid('nurse'),
    doctor: uid('doctor'),
  });

  const cghUsers = (login: string) => USERS.find((u) => u.login === login);
  await writeDemoBilling(tx, {
    now,
    hospitals: { CGH: zone('CGH'), RVC: zone('RVC') },
    departmentId: (key) => deptId.get(key),
    patientIds: patientRows.map((p) => p.id),
    doctor: (login) => {
      const row = doctorRows.find((d) => d.userId === uid(login) && d.hospitalId === hid('CGH'));
      const profile = cghUsers(login)?.doctor?.find((d) => d.hospital === 'CGH');
      if (!row || !profile) return undefined;
      return {
        id: row.id,
        name: cghUsers(login)!.fullName,
        feeMinor: profile.consultationFeeMinor,
        departmentId: deptId.get(`CGH/${profile.department}`)!,
      };
    },
    receptionist: uid('receptionist'),
    admin: uid('cgh.admin'),
    pharmacist: uid('pharmacist'),
    visits: visitBills,
    otherBills: stayBills(tx, hid('CGH'), wardDemo.discharged),
    beforeBills: async (service) => {
      await writeWardCharges(tx, {
        hospitalId: hid('CGH'),
        nurse: uid('nurse'),
        charges: wardDemo.charges,
        service: (code) => service('CGH', code),
      });
      await writeDemoLab(tx, { hospitalId: hid, serviceId: (key, code) => service(key, code).id });
    },
  });

  await writeDemoLabOrders(tx, {
    now,
    hospitalId: hid('CGH'),
    patientIds: outpatients.filter((p) => !p.inpatient).map((p) => p.id),
    receptionist: registrar,
    lab: uid('lab'),
  });

  const counts: DemoCounts = {
    hospitals: HOSPITALS.length,
    departments: deptRows.length,
    users: USERS.length,
    patients: patientRows.length,
    appointments: appointmentCount,
    visits: visits.length,
    medicines: pharmacy.medicines,
    stockMovements: pharmacy.stockMovements,
  };
  await insertAuditEvent(tx, {
    actorUserId: null,
    actorRole: 'system',
    hospitalId: null,
    patientId: null,
    action: 'system.seed',
    entityType: 'installation',
    entityId: null,
    outcome: 'success',
    before: null,
    after: { demo: true, ...counts },
    ip: null,
    requestId: null,
  });
  return counts;
}
