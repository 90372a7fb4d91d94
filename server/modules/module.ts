// The one shape of a domain module (docs/adding-a-module.md). A module's index.ts exports its
// manifest, made with defineModule; server/modules/index.ts lists the manifests and registers them.
// Nothing else in the app needs to know a module exists.
import type { FastifyInstance } from 'fastify';
import type { DashboardCardKey } from '../../contracts/dashboard';
import type { Config } from '../config';
import type { Database, Tx } from '../db/client';
import type { Authenticator, TokenIssuer } from '../platform/auth/authenticator';
import type { Ctx } from '../platform/context';
import type { ConstraintAnswer } from '../platform/errors';
import type { FhirResourceProvider } from '../platform/fhir/fhir.types';
import type { JobLog, JobRunner } from '../platform/jobs';
import type { Mailer } from '../platform/mail/mailer';
import type { SmsProvider } from '../platform/sms';

/** What every process that hosts modules has: configuration, database, mail, SMS and jobs. */
export interface ModuleDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  sms: SmsProvider;
  log: JobLog;
}

/** The web process adds the job runner (routes enqueue into it) and what the platform built first. */
export interface RouteDeps extends ModuleDeps {
  jobs: JobRunner;
  /** Who is calling (built before any module, as access control needs it first). */
  auth: Authenticator;
  /** Access tokens for API clients. */
  tokens: TokenIssuer;
  /** Base of links in mails and notices, without a trailing slash. */
  publicUrl: string;
}

/** A dashboard figure a module computes, for the active hospital (or the installation). */
export interface DashboardSource {
  keys: readonly DashboardCardKey[];
  load(
    ctx: Ctx,
    wanted: ReadonlySet<DashboardCardKey>,
    hospital: { id: string; timeZone: string } | null,
  ): Promise<Partial<Record<DashboardCardKey, number>>>;
}

/** A temporary patient record merged into the person's own, at the hospital doing it. */
export interface PatientMerge {
  fromId: string;
  intoId: string;
  hospitalId: string;
}

/**
 * A module's part of a patient merge: moves its rows of `fromId` to `intoId` in the merge's
 * transaction and says how many of each kind it moved (for the audit event), or throws an AppError
 * to refuse the merge, which then changes nothing.
 */
export type PatientMergeStep = (tx: Tx, m: PatientMerge) => Promise<Record<string, number>>;

/**
 * A module's part of a patient's export (product §17, ADR 33): everything it holds about the person,
 * at every hospital, as named sections of plain JSON rows (camelCase keys, times as ISO strings,
 * money in minor units with its currency, people and hospitals by name). Never secrets, storage
 * keys, other patients' data or what is not yet published to the patient (unverified lab results).
 */
export type PatientExportStep = (tx: Tx, patientId: string) => Promise<Record<string, unknown[]>>;

/** The person whose data an erasure anonymises, and their portal account if they have one. */
export interface PatientErasure {
  patientId: string;
  userId: string | null;
}

/**
 * A module's part of erasing a patient (ADR 33), in the erasure's transaction: clears or replaces
 * what identifies the person in its rows and deletes what nothing requires it to keep; keeps
 * clinical, financial and audit records that the law requires, which still point at the
 * (anonymised) patient record. Says how many rows of each kind it changed, or throws an AppError
 * to refuse, which then changes nothing.
 */
export type PatientErasureStep = (tx: Tx, e: PatientErasure) => Promise<Record<string, number>>;

export interface HospitiumModule {
  /** Folder name under server/modules. */
  name: string;
  /** HTTP routes; each declares its access (ADR 5). */
  routes?(app: FastifyInstance, deps: RouteDeps): void | Promise<void>;
  /** Background jobs and schedules; the app and the worker process both call this. */
  jobs?(runner: JobRunner, deps: ModuleDeps): Promise<void>;
  /**
   * Notification templates the module sends (made with `defineTemplate` from the notifications
   * module): listed here so that a process registering the module can render them.
   */
  templates?: readonly { name: string }[];
  /** Dashboard figures the module computes; cards without a source show as "coming". */
  dashboard?: DashboardSource;
  /** What each of the module's database constraints means when a request violates it. */
  constraintErrors?: Record<string, ConstraintAnswer>;
  /** Moves the module's rows of a temporary patient record when it is merged into the person's own. */
  patientMerge?: PatientMergeStep;
  /** The module's part of a patient's export of all their data. */
  patientExport?: PatientExportStep;
  /** The module's part of erasing a patient's identity (anonymisation where records are kept). */
  patientErasure?: PatientErasureStep;
  /** The FHIR R4 resource types the module serves under /fhir/R4 (read and search). */
  fhir?: readonly FhirResourceProvider[];
  /** Runs once when the process registers modules: connect this module's ports to others. */
  wire?(): void;
}

/** Declares a module (identity at compile time: the manifest's shape is checked here). */
export function defineModule<M extends HospitiumModule>(m: M): M {
  return m;
}
