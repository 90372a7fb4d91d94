// The hospital's doctors as FHIR R4 Practitioner resources (product §15). A Practitioner's id is the
// doctor's account (users.id), the id every other resource refers to them by; only approved
// profiles of the hospital the caller acts in are practitioners here, as /api/doctors scopes them.
// Department and specialty belong to PractitionerRole, which is not served.
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { token } from '../../platform/fhir/fhir.params';
import { SYSTEM } from '../../platform/fhir/fhir.terms';
import {
  concept,
  HOSPITIUM_SYSTEM,
  metaOf,
  type FhirResource,
  type FhirResourceProvider,
} from '../../platform/fhir/fhir.types';
import { practitionerRows, type PractitionerFilter, type PractitionerRow } from './organisation.fhir.repo';

/** Medical registration numbers: issued by a medical council, not by the hospital, so one system. */
export const REGISTRATION_SYSTEM = `${HOSPITIUM_SYSTEM}:medical-registration`;
const LICENSE_TYPE = concept(SYSTEM.identifierType, 'MD', 'Medical License number');

export function fhirPractitioner(d: PractitionerRow): FhirResource {
  const registration = {
    use: 'official',
    type: LICENSE_TYPE,
    system: REGISTRATION_SYSTEM,
    value: d.registrationNumber,
  };
  return {
    resourceType: 'Practitioner',
    id: d.userId,
    meta: metaOf(d.updatedAt),
    identifier: [registration],
    active: d.active,
    name: [{ use: 'official', text: d.fullName }],
    // The sign-in address, which /api/doctors shows the same callers; the profile keeps no other.
    telecom: [{ system: 'email', value: d.email, use: 'work' }],
    // The degrees as written on the profile, held under the registration that licenses them.
    qualification: [
      {
        identifier: [{ system: REGISTRATION_SYSTEM, value: d.registrationNumber }],
        code: { text: d.qualifications.trim() || 'Registered medical practitioner' },
      },
    ],
  };
}

function filterOf(params: Readonly<Record<string, string>>): PractitionerFilter {
  const f: PractitionerFilter = {};
  if (params.name) f.name = params.name;
  if (params.identifier) {
    const t = token('identifier', params.identifier);
    if (t.system !== null && t.system !== REGISTRATION_SYSTEM) {
      throw new AppError('BAD_REQUEST', `Practitioners are identified by ${REGISTRATION_SYSTEM} here.`);
    }
    f.registrationNumber = t.code;
  }
  if (params.active) {
    if (params.active !== 'true' && params.active !== 'false') {
      throw new AppError('BAD_REQUEST', 'Search parameter "active": true or false.');
    }
    f.active = params.active === 'true';
  }
  return f;
}

export const practitionerFhir: FhirResourceProvider = {
  type: 'Practitioner',
  documentation:
    "An approved doctor of the hospital the caller acts in; the id is the doctor's user id, active while they still practise there.",
  access: { anyOf: ['doctors:read'] },
  async read(ctx: Ctx, id: string) {
    const { rows } = await practitionerRows(
      ctx.db,
      requireHospital(ctx.actor),
      { userId: id },
      { limit: 1, offset: 0 },
    );
    if (!rows[0]) throw notFound('Practitioner');
    return fhirPractitioner(rows[0]);
  },
  search: {
    params: [
      { name: 'name', type: 'string', documentation: 'Any part of the name, ignoring case.' },
      {
        name: 'identifier',
        type: 'token',
        documentation: `The medical registration number (system ${REGISTRATION_SYSTEM}).`,
      },
      {
        name: 'active',
        type: 'token',
        documentation: 'true: still practising here (holding the doctor role); false: no longer.',
      },
    ],
    async run(ctx, s) {
      const page = await practitionerRows(ctx.db, requireHospital(ctx.actor), filterOf(s.params), {
        limit: s.count,
        offset: s.offset,
      });
      return { resources: page.rows.map(fhirPractitioner), total: page.total };
    },
  },
};
