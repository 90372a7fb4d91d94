// Patients as FHIR R4 Patient resources (product §15): read by id and searched by name, MRN or
// phone at the hospital the caller acts in, through the same services (and so the same scope and
// audit rows) as /api/patients.
import type { Patient, PatientSummary } from '../../../contracts/patients';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { token } from '../../platform/fhir/fhir.params';
import { SYSTEM } from '../../platform/fhir/fhir.terms';
import {
  concept,
  identifierSystem,
  metaOf,
  type FhirResource,
  type FhirResourceProvider,
} from '../../platform/fhir/fhir.types';
import { getPatient } from './record.service';
import { classifyQuery, searchPatientsMatching } from './search.service';
import type { PatientMatch } from './patients.search.repo';
import { requireHospital } from '../../platform/auth/actor';

const MR_TYPE = concept(SYSTEM.identifierType, 'MR', 'Medical record number');
/** Search results carry the summary a list shows; the full record is a read away. */
const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };

function mrnIdentifier(hospitalId: string, mrn: string) {
  return { use: 'usual', type: MR_TYPE, system: identifierSystem('mrn', hospitalId), value: mrn };
}

function humanName(givenName: string, familyName: string) {
  const text = [givenName, familyName].filter(Boolean).join(' ');
  return [{ use: 'official', text, ...(familyName ? { family: familyName } : {}), given: [givenName] }];
}

function telecom(phone: string | null, email: string | null) {
  const out: { system: string; value: string; use?: string }[] = [];
  if (phone) out.push({ system: 'phone', value: phone, use: 'mobile' });
  if (email) out.push({ system: 'email', value: email });
  return out.length ? { telecom: out } : {};
}

/** A whole record as FHIR: identifiers are the MRNs the caller may see. */
export function fhirPatient(p: Patient): FhirResource {
  const address = [p.addressLine, p.city, p.postalCode, p.country].some(Boolean)
    ? {
        address: [
          {
            use: 'home',
            ...(p.addressLine ? { line: [p.addressLine] } : {}),
            ...(p.city ? { city: p.city } : {}),
            ...(p.postalCode ? { postalCode: p.postalCode } : {}),
            ...(p.country ? { country: p.country } : {}),
          },
        ],
      }
    : {};
  const contact =
    p.emergencyContactName || p.emergencyContactPhone
      ? {
          contact: [
            {
              relationship: [
                {
                  ...concept('http://terminology.hl7.org/CodeSystem/v2-0131', 'C', 'Emergency Contact'),
                  ...(p.emergencyContactRelation ? { text: p.emergencyContactRelation } : {}),
                },
              ],
              ...(p.emergencyContactName ? { name: { text: p.emergencyContactName } } : {}),
              ...(p.emergencyContactPhone
                ? { telecom: [{ system: 'phone', value: p.emergencyContactPhone }] }
                : {}),
            },
          ],
        }
      : {};
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: metaOf(p.updatedAt),
    // A record read as its own (a staff member's, with no registration) has no MRN: no empty array.
    ...(p.registrations.length > 0
      ? { identifier: p.registrations.map((r) => mrnIdentifier(r.hospitalId, r.mrn)) }
      : {}),
    active: true,
    name: humanName(p.givenName, p.familyName),
    ...telecom(p.phone, p.email),
    gender: p.sex,
    ...(p.dateOfBirth ? { birthDate: p.dateOfBirth } : {}),
    ...address,
    ...contact,
  };
}

function fhirPatientSummary(s: PatientSummary, hospitalId: string): FhirResource {
  return {
    resourceType: 'Patient',
    id: s.id,
    meta: { tag: [SUBSETTED] },
    identifier: [mrnIdentifier(hospitalId, s.mrn)],
    active: true,
    name: humanName(s.givenName, s.familyName),
    ...telecom(s.phone, null),
    gender: s.sex,
    ...(s.dateOfBirth ? { birthDate: s.dateOfBirth } : {}),
  };
}

const SEARCH_BY = ['name', 'identifier', 'phone'] as const;

/** What one FHIR search parameter asks the patient search for. */
function matchOf(
  params: Readonly<Record<string, string>>,
  hospitalId: string,
): { match: PatientMatch; q: string } {
  const given = SEARCH_BY.filter((k) => k in params);
  if (given.length > 1)
    throw new AppError('BAD_REQUEST', 'Search Patient by one of name, identifier or phone.');
  const [by] = given;
  if (!by) return { match: { kind: 'all' }, q: '' };
  const value = params[by]!;
  if (by === 'identifier') {
    const t = token(by, value);
    if (t.system !== null && t.system !== identifierSystem('mrn', hospitalId)) {
      throw new AppError(
        'BAD_REQUEST',
        `Patients are identified by ${identifierSystem('mrn', hospitalId)} here.`,
      );
    }
    return { match: { kind: 'mrn', mrn: t.code.toUpperCase() }, q: t.code };
  }
  const match = classifyQuery(value);
  if (by === 'phone' && match.kind !== 'phone-exact' && match.kind !== 'phone-suffix') {
    throw new AppError('BAD_REQUEST', 'Search parameter "phone": give at least 6 digits.');
  }
  // A name is always read as a name, even one shaped like an MRN.
  if (by === 'name')
    return { match: { kind: 'name', name: value.replace(/\s+/g, ' ').toLowerCase() }, q: value };
  return { match, q: value };
}

export const patientFhir: FhirResourceProvider = {
  type: 'Patient',
  documentation:
    "A patient registered at the hospital the caller acts in, with that hospital's MRN; every read is audited.",
  access: { anyOf: ['patients:read'] },
  read: async (ctx: Ctx, id: string) => fhirPatient(await getPatient(ctx, id)),
  search: {
    params: [
      { name: 'name', type: 'string', documentation: 'Any part of the name; typo-tolerant.' },
      {
        name: 'identifier',
        type: 'token',
        documentation: "The MRN at the caller's hospital (system urn:hospitium:mrn:<hospital id>).",
      },
      { name: 'phone', type: 'token', documentation: 'A phone number, or at least its last 6 digits.' },
    ],
    async run(ctx, s) {
      const hospitalId = requireHospital(ctx.actor);
      const { match, q } = matchOf(s.params, hospitalId);
      const page = await searchPatientsMatching(ctx, match, { q, limit: s.count, offset: s.offset });
      return { resources: page.items.map((i) => fhirPatientSummary(i, hospitalId)), total: page.total };
    },
  },
};
