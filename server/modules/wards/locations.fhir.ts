// Wards, rooms and beds as FHIR R4 Location resources (product §15): each bed part of its room, each
// room part of its ward, all managed by the hospital; a bed says whether it is occupied now. No
// patient is named, so reading them is not audited; who may see them is who sees /api/wards.
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { referenceId, token } from '../../platform/fhir/fhir.params';
import {
  concept,
  metaOf,
  ref,
  type Coding,
  type FhirResource,
  type FhirResourceProvider,
} from '../../platform/fhir/fhir.types';
import { place, placePage, type PlaceRow } from './wards.fhir.repo';

const PHYSICAL_TYPE = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
const BED_STATUS = 'http://terminology.hl7.org/CodeSystem/v2-0116';

const PHYSICAL: Record<PlaceRow['kind'], [string, string]> = {
  ward: ['wa', 'Ward'],
  room: ['ro', 'Room'],
  bed: ['bd', 'Bed'],
};

/**
 * A bed's state as HL7 v2 bed status (table 0116): cleaning is housekeeping (H), a bed under
 * maintenance is closed (C); one reserved for a patient still coming is unoccupied.
 */
const OPERATIONAL: Record<string, Coding> = {
  available: { system: BED_STATUS, code: 'U', display: 'Unoccupied' },
  reserved: { system: BED_STATUS, code: 'U', display: 'Unoccupied' },
  occupied: { system: BED_STATUS, code: 'O', display: 'Occupied' },
  cleaning: { system: BED_STATUS, code: 'H', display: 'Housekeeping' },
  maintenance: { system: BED_STATUS, code: 'C', display: 'Closed' },
};

/** What a place is, in words: the ward's kind, the bed's type. */
const WARD_KIND: Record<string, string> = {
  general: 'General ward',
  icu: 'Intensive care unit',
  maternity: 'Maternity ward',
  paediatric: 'Paediatric ward',
  private: 'Private ward',
};
const BED_TYPE: Record<string, string> = {
  standard: 'Standard bed',
  semi_private: 'Semi-private bed',
  private: 'Private bed',
  icu: 'ICU bed',
  isolation: 'Isolation bed',
  cot: 'Cot',
};

function description(p: PlaceRow): string | undefined {
  if (p.kind === 'ward') return WARD_KIND[p.type ?? ''];
  if (p.kind === 'room') return `Room of ${p.parentName}`;
  return `${BED_TYPE[p.type ?? ''] ?? 'Bed'} in ${p.wardName}, ${p.parentName}`;
}

export function fhirLocation(p: PlaceRow): FhirResource {
  const text = description(p);
  const operational = p.kind === 'bed' && p.state ? OPERATIONAL[p.state] : undefined;
  return {
    resourceType: 'Location',
    id: p.id,
    meta: metaOf(new Date(p.updatedAt)),
    status: p.active ? 'active' : 'inactive',
    ...(operational ? { operationalStatus: operational } : {}),
    name: p.name,
    ...(text ? { description: text } : {}),
    mode: 'instance',
    physicalType: concept(PHYSICAL_TYPE, ...PHYSICAL[p.kind]),
    managingOrganization: ref('Organization', p.hospitalId),
    ...(p.parentId ? { partOf: ref('Location', p.parentId, p.parentName) } : {}),
  };
}

/** The kind of place a `type` search names (by its physical type), or null: none is of that type. */
function kindOf(value: string): PlaceRow['kind'] | null {
  const t = token('type', value);
  if (t.system !== null && t.system !== PHYSICAL_TYPE) return null;
  const found = Object.entries(PHYSICAL).find(([, [code]]) => code === t.code);
  return found ? (found[0] as PlaceRow['kind']) : null;
}

export const locationFhir: FhirResourceProvider = {
  type: 'Location',
  documentation:
    "The hospital's wards, rooms and beds (physical type wa, ro, bd), each part of the one it is in; a bed's operationalStatus says whether it is occupied now.",
  access: { anyOf: ['wards:manage', 'beds:read'] },
  async read(ctx: Ctx, id: string) {
    const row = await place(ctx.db, requireHospital(ctx.actor), id);
    if (!row) throw notFound('Location');
    return fhirLocation(row);
  },
  search: {
    params: [
      { name: 'name', type: 'string', documentation: 'The start of the name (a bed: its label), any case.' },
      {
        name: 'partof',
        type: 'reference',
        documentation: 'The place it is directly in: a ward (its rooms) or a room (its beds).',
      },
      {
        name: 'type',
        type: 'token',
        documentation:
          'Its physical type (http://terminology.hl7.org/CodeSystem/location-physical-type): wa ward, ro room, bd bed.',
      },
    ],
    async run(ctx, s) {
      const hospitalId = requireHospital(ctx.actor);
      const kind = s.params.type === undefined ? undefined : kindOf(s.params.type);
      if (kind === null) return { resources: [], total: 0 };
      const { rows, total } = await placePage(ctx.db, hospitalId, {
        namePrefix: s.params.name,
        partOf:
          s.params.partof === undefined ? undefined : referenceId('partof', s.params.partof, 'Location'),
        kind,
        limit: s.count,
        offset: s.offset,
      });
      return { resources: rows.map(fhirLocation), total };
    },
  },
};
