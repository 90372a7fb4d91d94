// What the clinical module's FHIR providers share: the hospital a caller reads in (reads and
// searches never leave it), the audit rows of their reads (as the /api reads of a consultation and
// of the visit history write them), and reading a token of a known code system.
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { FhirResource, FhirSearchRequest, FhirSearchResult } from '../../platform/fhir/fhir.types';
import type { Page } from './clinical.fhir.repo';
import { SYSTEM as FHIR_SYSTEM } from '../../platform/fhir/fhir.terms';

/** The standard code systems the clinical module's resources are coded in. */
export const SYSTEM = {
  ...FHIR_SYSTEM,
  medicationRequestCategory: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category',
  medicationRequestStatus: 'http://hl7.org/fhir/CodeSystem/medicationrequest-status',
} as const;

/** The hospital whose consultations the caller sees (the one they act in), or null: none. */
export const fhirHospital = (ctx: Ctx): string | null => ctx.actor.hospitalId;

/** A search that cannot match anything, answered without asking the database. */
export const NO_MATCH: FhirSearchResult = { resources: [], total: 0 };

/** The page of one row a read asks for. */
export const ONE: Page = { limit: 1, offset: 0 };

/** The page a search asks for, as the repository takes it. */
export const pageOf = (s: FhirSearchRequest): Page => ({ limit: s.count, offset: s.offset });

/**
 * A provider's read: the row `find` gives for the id in the caller's hospital (else 404), as FHIR,
 * audited as a read of the consultation it belongs to.
 */
export function readInScope<R extends { patientId: string; consultationId: string | null }>(
  type: string,
  find: (ctx: Ctx, hospitalId: string, id: string) => Promise<{ rows: R[] }>,
  present: (row: R, ctx: Ctx, hospitalId: string) => FhirResource | Promise<FhirResource>,
) {
  return async (ctx: Ctx, id: string): Promise<FhirResource> => {
    const hospitalId = fhirHospital(ctx);
    const row = hospitalId ? (await find(ctx, hospitalId, id)).rows[0] : undefined;
    if (!hospitalId || !row) throw notFound(type);
    const resource = await present(row, ctx, hospitalId);
    await auditRead(ctx, {
      action: 'consultation.read',
      entityType: 'consultation',
      entityId: row.consultationId,
      patientId: row.patientId,
      after: { fhir: `${type}/${resource.id}` },
    });
    return resource;
  };
}

/**
 * A page of a patient's resources found by a search, audited (when anything was found) as a
 * listing of their visit history.
 */
export async function auditedPage(
  ctx: Ctx,
  patientId: string,
  resources: FhirResource[],
  total: number,
): Promise<FhirSearchResult> {
  if (resources.length > 0) {
    await auditRead(ctx, {
      action: 'visits.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      after: { fhir: resources[0]!.resourceType, ids: resources.map((r) => r.id) },
    });
  }
  return { resources, total };
}

export { tokenCode } from '../../platform/fhir/fhir.params';
