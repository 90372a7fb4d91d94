// The hospital the caller acts in and its departments as FHIR R4 Organization resources (product
// §15): the hospital is a healthcare provider (`prov`) identified by its code, each department a
// `dept` that is part of it. Ids are the hospital's and the departments' own; another hospital's
// are not found. The departments are shown to those who may list them on /api (departments:read).
import { can, requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { referenceId, token } from '../../platform/fhir/fhir.params';
import {
  concept,
  HOSPITIUM_SYSTEM,
  metaOf,
  ref,
  type FhirResource,
  type FhirResourceProvider,
} from '../../platform/fhir/fhir.types';
import { organizationRows, type OrganizationFilter, type OrganizationRow } from './organisation.fhir.repo';

/** Hospital codes are unique across the installation (they prefix the MRNs). */
export const HOSPITAL_CODE_SYSTEM = `${HOSPITIUM_SYSTEM}:hospital-code`;
const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
const TYPES = {
  prov: concept(ORGANIZATION_TYPE, 'prov', 'Healthcare Provider'),
  dept: concept(ORGANIZATION_TYPE, 'dept', 'Hospital Department'),
};

function contact(o: OrganizationRow) {
  const telecom = [
    ...(o.phone ? [{ system: 'phone', value: o.phone, use: 'work' }] : []),
    ...(o.email ? [{ system: 'email', value: o.email, use: 'work' }] : []),
  ];
  const address =
    o.addressLine || o.city || o.country
      ? {
          use: 'work',
          ...(o.addressLine ? { line: [o.addressLine] } : {}),
          ...(o.city ? { city: o.city } : {}),
          ...(o.country ? { country: o.country } : {}),
        }
      : null;
  return { ...(telecom.length ? { telecom } : {}), ...(address ? { address: [address] } : {}) };
}

export function fhirOrganization(o: OrganizationRow): FhirResource {
  return {
    resourceType: 'Organization',
    id: o.id,
    meta: metaOf(o.updatedAt),
    ...(o.code ? { identifier: [{ use: 'official', system: HOSPITAL_CODE_SYSTEM, value: o.code }] } : {}),
    active: o.active,
    type: [TYPES[o.kind]],
    name: o.name,
    ...contact(o),
    ...(o.partOf ? { partOf: ref('Organization', o.partOf) } : {}),
  };
}

/** The search's filter, or null for one nothing here can match (another kind of organisation). */
function filterOf(
  ctx: Ctx,
  hospitalId: string,
  params: Readonly<Record<string, string>>,
): OrganizationFilter | null {
  const f: OrganizationFilter = { withDepartments: can(ctx.actor, 'departments:read') };
  if (params.name) f.name = params.name;
  if (params.type) {
    const t = token('type', params.type);
    if (t.system !== null && t.system !== ORGANIZATION_TYPE) {
      throw new AppError('BAD_REQUEST', `Search parameter "type": codes of ${ORGANIZATION_TYPE}.`);
    }
    if (t.code !== 'prov' && t.code !== 'dept') return null;
    f.kind = t.code;
  }
  if (params.identifier) {
    const t = token('identifier', params.identifier);
    if (t.system !== null && t.system !== HOSPITAL_CODE_SYSTEM) {
      throw new AppError('BAD_REQUEST', `Hospitals are identified by ${HOSPITAL_CODE_SYSTEM} here.`);
    }
    f.code = t.code;
  }
  if (params.partof) {
    f.partOf = referenceId('partof', params.partof, 'Organization');
    if (f.partOf !== hospitalId) return null;
  }
  return f;
}

export const organizationFhir: FhirResourceProvider = {
  type: 'Organization',
  documentation:
    'The hospital the caller acts in (type prov, identified by its code) and its departments (type dept, part of it).',
  access: { anyOf: ['hospitals:read', 'departments:read'] },
  async read(ctx: Ctx, id: string) {
    const f = { id, withDepartments: can(ctx.actor, 'departments:read') };
    const { rows } = await organizationRows(ctx.db, requireHospital(ctx.actor), f, { limit: 1, offset: 0 });
    if (!rows[0]) throw notFound('Organization');
    return fhirOrganization(rows[0]);
  },
  search: {
    params: [
      { name: 'name', type: 'string', documentation: 'Any part of the name, ignoring case.' },
      { name: 'type', type: 'token', documentation: 'prov (the hospital) or dept (its departments).' },
      {
        name: 'identifier',
        type: 'token',
        documentation: `The hospital's code (system ${HOSPITAL_CODE_SYSTEM}).`,
      },
      {
        name: 'partof',
        type: 'reference',
        documentation: 'Organization/<hospital id>: the departments of the hospital.',
      },
    ],
    async run(ctx, s) {
      const hospitalId = requireHospital(ctx.actor);
      const f = filterOf(ctx, hospitalId, s.params);
      if (!f) return { resources: [], total: 0 };
      const page = await organizationRows(ctx.db, hospitalId, f, { limit: s.count, offset: s.offset });
      return { resources: page.rows.map(fhirOrganization), total: page.total };
    },
  },
};
