// Verified lab results as FHIR R4 Observations (product §15), beside the vital signs the clinical
// and wards modules serve: one per analyte of a verified test, with the flag and reference range it
// was judged by when entered (ADR 29). Only verified results are published: until a second person
// verifies them they may be entered again, which replaces the rows (new ids, new values), and the
// patient's own view hides them too; a verified result never changes (lab_results_frozen): a
// correction is a new version (ADR 35), whose results are 'corrected' and supersede the ones before.
// Read and searched by those who see lab orders, audited as /api/lab/orders reads are.
import { requireHospital } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { referenceId, token, tokenCode } from '../../platform/fhir/fhir.params';
import {
  concept,
  identifierSystem,
  metaOf,
  ref,
  type FhirResource,
  type FhirResourceProvider,
} from '../../platform/fhir/fhir.types';
import { verifiedResult, verifiedResultPage, type VerifiedResultRow } from './lab.fhir.repo';
import { OBSERVATION_SEARCH, SYSTEM } from '../../platform/fhir/fhir.terms';

const CATEGORY = SYSTEM.observationCategory;
const LABORATORY = concept(CATEGORY, 'laboratory', 'Laboratory');
const INTERPRETATION = SYSTEM.observationInterpretation;
const UCUM = SYSTEM.ucum;

const FLAG: Record<string, [string, string]> = {
  normal: ['N', 'Normal'],
  low: ['L', 'Low'],
  high: ['H', 'High'],
  critical_low: ['LL', 'Critical low'],
  critical_high: ['HH', 'Critical high'],
};

/**
 * The catalog's units are typed by the lab; those with a known UCUM spelling carry it (as code),
 * any other is sent as written only (Quantity.unit), never as a UCUM code it is not.
 */
const UCUM_CODES: Record<string, string> = {
  '%': '%',
  'g/dL': 'g/dL',
  'g/L': 'g/L',
  'mg/dL': 'mg/dL',
  'mg/L': 'mg/L',
  'ng/mL': 'ng/mL',
  'pg/mL': 'pg/mL',
  'mmol/L': 'mmol/L',
  'µmol/L': 'umol/L',
  'mEq/L': 'meq/L',
  'U/L': 'U/L',
  'IU/L': '[IU]/L',
  'mIU/L': 'm[IU]/L',
  'µIU/mL': 'u[IU]/mL',
  fL: 'fL',
  pg: 'pg',
  'mm/hr': 'mm/h',
  s: 's',
  '×10³/µL': '10*3/uL',
  '×10⁶/µL': '10*6/uL',
  '×10^9/L': '10*9/L',
  '×10^12/L': '10*12/L',
};

function quantity(value: number, unit: string) {
  const code = UCUM_CODES[unit];
  return { value, ...(unit ? { unit } : {}), ...(code ? { system: UCUM, code } : {}) };
}

/** The code system of a hospital's analytes: `<test code>:<analyte name>` (the catalog has no other). */
const analyteSystem = (hospitalId: string) => identifierSystem('lab-analyte', hospitalId);

/**
 * A result of the version released is final, or corrected once a correction was released (ADR 35);
 * one of a version a correction superseded is still read by its id, as entered in error, and no
 * search finds it.
 */
const statusOf = (r: VerifiedResultRow) =>
  r.version < r.releasedVersion ? 'entered-in-error' : r.version > 1 ? 'corrected' : 'final';

export function fhirLabResult(r: VerifiedResultRow): FhirResource {
  const flag = r.flag ? FLAG[r.flag] : undefined;
  const range = r.refLow !== null || r.refHigh !== null;
  return {
    resourceType: 'Observation',
    id: r.id,
    meta: metaOf(new Date(r.supersededAt ?? r.verifiedAt)),
    status: statusOf(r),
    category: [LABORATORY],
    code: concept(analyteSystem(r.hospitalId), `${r.testCode}:${r.name}`, r.name),
    subject: ref('Patient', r.patientId, r.patientName),
    ...(r.consultationId ? { encounter: ref('Encounter', r.consultationId) } : {}),
    effectiveDateTime: new Date(r.collectedAt).toISOString(),
    issued: new Date(r.verifiedAt).toISOString(),
    // The lab is the hospital's; who verified is named, not referenced (only doctors are
    // Practitioners of this API).
    performer: [ref('Organization', r.hospitalId), { display: r.verifiedByName }],
    ...(r.kind === 'numeric' && r.valueNumber !== null
      ? { valueQuantity: quantity(r.valueNumber, r.unit) }
      : { valueString: r.valueText }),
    ...(flag ? { interpretation: [concept(INTERPRETATION, ...flag)] } : {}),
    ...(range
      ? {
          referenceRange: [
            {
              ...(r.refLow !== null ? { low: quantity(r.refLow, r.unit) } : {}),
              ...(r.refHigh !== null ? { high: quantity(r.refHigh, r.unit) } : {}),
            },
          ],
        }
      : {}),
  };
}

async function auditOrderRead(ctx: Ctx, r: VerifiedResultRow) {
  await auditRead(ctx, {
    action: 'lab.order.read',
    entityType: 'lab_order',
    entityId: r.orderId,
    patientId: r.patientId,
  });
}

export const labResultFhir: FhirResourceProvider = {
  type: 'Observation',
  documentation:
    'Verified lab results (category laboratory), one per analyte, coded urn:hospitium:lab-analyte:<hospital id> as <test code>:<analyte>; audited.',
  access: { anyOf: ['lab-orders:read'] },
  sortKey: (r) => r.effectiveDateTime as string,
  async read(ctx: Ctx, id: string) {
    const row = await verifiedResult(ctx.db, requireHospital(ctx.actor), id);
    if (!row) throw notFound('Observation');
    await auditOrderRead(ctx, row);
    return fhirLabResult(row);
  },
  search: {
    params: OBSERVATION_SEARCH,
    required: ['patient'],
    async run(ctx, s) {
      const hospitalId = requireHospital(ctx.actor);
      const patientId = referenceId('patient', s.params.patient!, 'Patient');
      const category = tokenCode(s.params, 'category', CATEGORY);
      if (category !== undefined && category !== 'laboratory') return { resources: [], total: 0 };
      const code = s.params.code === undefined ? null : token('code', s.params.code);
      if (code && (code.system ?? analyteSystem(hospitalId)) !== analyteSystem(hospitalId)) {
        return { resources: [], total: 0 };
      }
      const { rows, total } = await verifiedResultPage(ctx.db, hospitalId, {
        patientId,
        code: code?.code,
        dates: s.dates.date,
        limit: s.count,
        offset: s.offset,
      });
      // As /api/lab/orders?patientId= is: a read of the patient's lab orders.
      await auditRead(ctx, {
        action: 'lab.orders.read',
        entityType: 'patient',
        entityId: patientId,
        patientId,
      });
      return { resources: rows.map(fhirLabResult), total };
    },
  },
};
