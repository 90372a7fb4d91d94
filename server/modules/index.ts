// Every domain module, registered from its manifest (docs/adding-a-module.md). A new module adds
// one line to MODULES; ports between modules are connected in wire(), and nowhere else.
import type { FastifyInstance } from 'fastify';
import { provideActorNames } from '../platform/audit/audit.names';
import { registerConstraintErrors } from '../platform/errors';
import { registerFhirApi } from '../platform/fhir/fhir.routes';
import { useConfiguredFieldKeys } from '../platform/sealing';
import { defineBackupJobs } from '../ops/backup/jobs';
import type { JobRunner } from '../platform/jobs';
import { billingModule } from './billing';
import { clinicalModule } from './clinical';
import { dashboardModule, provideDashboardSources } from './dashboard';
import { documentsModule } from './documents';
import { findUserContact, findUserNames, identityModule, provideSignUpSteps } from './identity';
import type { HospitiumModule, ModuleDeps, RouteDeps } from './module';
import { labModule } from './lab';
import { findTemplate, notificationsModule, provideRecipients } from './notifications';
import { findHospitalInfo, organisationModule, submitDoctorApplication } from './organisation';
import { createPatientForUser, patientsModule, providePatientMergeSteps } from './patients';
import { pharmacyModule } from './pharmacy';
import { privacyModule, providePrivacySteps } from './privacy';
import { procurementModule } from './procurement';
import { schedulingModule } from './scheduling';
import { wardsModule } from './wards';

export type { ModuleDeps, RouteDeps } from './module';

/** In the order their routes are registered. */
export const MODULES: readonly HospitiumModule[] = [
  identityModule,
  organisationModule,
  patientsModule,
  documentsModule,
  notificationsModule,
  pharmacyModule,
  schedulingModule,
  clinicalModule,
  procurementModule,
  billingModule,
  wardsModule,
  labModule,
  privacyModule,
  dashboardModule,
];

let wired = false;

/**
 * Connects the ports through which modules use each other without importing each other: who a
 * notice goes to, what a new account becomes, where dashboard figures come from, which modules move
 * their rows when a temporary patient record is merged, which take part in a patient's export and
 * erasure. Once per process.
 */
function wire(): void {
  if (wired) return;
  wired = true;
  provideRecipients({
    contact: findUserContact,
    hospital: findHospitalInfo,
  });
  provideSignUpSteps({
    patient: createPatientForUser,
    doctor: submitDoctorApplication,
  });
  provideActorNames(findUserNames);
  provideDashboardSources(MODULES.flatMap((m) => (m.dashboard ? [m.dashboard] : [])));
  providePatientMergeSteps(MODULES.flatMap((m) => (m.patientMerge ? [m.patientMerge] : [])));
  providePrivacySteps({
    exports: MODULES.flatMap((m) => (m.patientExport ? [{ module: m.name, step: m.patientExport }] : [])),
    erasures: MODULES.flatMap((m) => (m.patientErasure ? [{ module: m.name, step: m.patientErasure }] : [])),
  });
  for (const m of MODULES) {
    if (m.constraintErrors) registerConstraintErrors(m.constraintErrors);
    m.wire?.();
  }
  // Templates register themselves when their file loads; a listed one that is not found (or was
  // replaced by another of the same name) would fail every notice that uses it.
  for (const m of MODULES) {
    for (const t of m.templates ?? []) {
      if (findTemplate(t.name) !== t) throw new Error(`${m.name}: template ${t.name} is not registered`);
    }
  }
}

/** Registers every module's routes (the web process). */
export async function registerModules(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  wire();
  useConfiguredFieldKeys(deps.config);
  for (const m of MODULES) await m.routes?.(app, deps);
  registerFhirApi(
    app,
    MODULES.flatMap((m) => m.fhir ?? []),
    deps.publicUrl,
  );
}

/**
 * Defines every module's background jobs on the runner. Called by the app and by the separate
 * worker process (`hospitium worker`), so both can run any job.
 */
export async function registerModuleJobs(jobs: JobRunner, deps: ModuleDeps): Promise<void> {
  wire();
  useConfiguredFieldKeys(deps.config);
  for (const m of MODULES) await m.jobs?.(jobs, deps);
  // Not a domain module's: the scheduled backups (server/ops/backup, ADR 15).
  await defineBackupJobs(jobs, deps);
}
