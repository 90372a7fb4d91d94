// A patient's export of all their data (product §17, ADR 33): every module's part, read for the
// person at every hospital, merged into one JSON document the patient downloads. Only the patient
// themself may ask: staff reach a patient through a hospital, and an export is the whole record
// across hospitals, so for them (and for anyone asking another id) it is the 404 of a missing one.
import { PATIENT_EXPORT_FORMAT, type PatientExport } from '../../../contracts/privacy';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { PatientExportStep } from '../module';
import { asPatient, isSelf } from '../patients';
import { privacySections, useUtc } from './export.repo';
import { exportSteps } from './privacy.ports';

/** The privacy module's own sections, read beside the other modules' steps. */
const OWN: { module: string; step: PatientExportStep } = { module: 'privacy', step: privacySections };

/**
 * Everything the installation holds about the signed-in patient. The steps read one snapshot (a
 * read-only repeatable-read transaction), so the sections agree with each other. The export is
 * audited as a read (with how many rows each section held, nothing of their content) before it
 * leaves: one that cannot be recorded is not given.
 */
export async function exportPatientData(ctx: Ctx, patientId: string): Promise<PatientExport> {
  if (!isSelf(ctx.actor, patientId, 'own-record:read')) throw notFound('Patient');
  const exportedAt = new Date().toISOString();
  const sections = await ctx.db.transaction(
    async (tx) => {
      await useUtc(tx);
      const merged: Record<string, unknown[]> = {};
      const from = new Map<string, string>();
      for (const { module, step } of [...exportSteps(), OWN]) {
        for (const [name, rows] of Object.entries(await step(tx, patientId))) {
          // Two modules naming one section would overwrite each other's rows: a programming error.
          if (from.has(name))
            throw new Error(
              `patient export: section "${name}" comes from both ${from.get(name)} and ${module}`,
            );
          from.set(name, module);
          merged[name] = rows;
        }
      }
      return merged;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  // As the patient: not a staff role the same person may also hold, and at no hospital.
  await auditRead(asPatient(ctx), {
    action: 'patient.exported',
    entityType: 'patient',
    entityId: patientId,
    patientId,
    after: { rows: Object.fromEntries(Object.entries(sections).map(([name, rows]) => [name, rows.length])) },
  });
  return { format: PATIENT_EXPORT_FORMAT, version: 1, exportedAt, patientId, sections };
}
