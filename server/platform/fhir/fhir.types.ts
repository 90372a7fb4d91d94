// The FHIR R4 API's shapes: what a module hands in to serve one resource type (its manifest's
// `fhir` field), and the few FHIR datatypes every resource is built from.
import type { Access } from '../../../contracts/permissions';
import type { Ctx } from '../context';
import type { DateRange } from './fhir.params';

/** A FHIR resource as JSON: its type, its logical id, and the elements its mapper fills. */
export interface FhirResource {
  resourceType: string;
  id: string;
  meta?: { lastUpdated?: string; versionId?: string; profile?: string[]; tag?: Coding[] };
  [element: string]: unknown;
}

export type SearchParamType = 'string' | 'token' | 'date' | 'reference' | 'number';

/** A search parameter a type supports, as the CapabilityStatement lists it. */
export interface FhirSearchParam {
  name: string;
  type: SearchParamType;
  documentation: string;
  /**
   * The provider reads a comma-separated list of values (any of them matches). Elsewhere a comma
   * is refused: read as one value it would match nothing, silently.
   */
  multiple?: true;
  /**
   * A date parameter the provider takes twice, for a range (`date=ge2026-12-01&date=lt2026-12-08`):
   * it reads every value from `FhirSearchRequest.dates` and applies them all.
   */
  range?: true;
}

/**
 * One search, already checked against the type's declared parameters: each parameter at most
 * once, without modifiers, and the page asked for.
 */
export interface FhirSearchRequest {
  /** Each parameter's value (a date range's first). */
  params: Readonly<Record<string, string>>;
  /** Every date parameter, parsed: one interval, or two for a range; all of them apply. */
  dates: Readonly<Record<string, readonly DateRange[]>>;
  /** Page size (`_count`): 1..100, 20 when not given. */
  count: number;
  /** Matches to skip (`_offset`). */
  offset: number;
}

export interface FhirSearchResult {
  resources: FhirResource[];
  /** Every match, when known; with it the Bundle says `total` and whether a next page exists. */
  total?: number;
  /** Without a total: whether more matches follow this page. */
  more?: boolean;
}

/**
 * How one module serves one resource type under /fhir/R4. Several modules may serve one type
 * (Encounter: consultations and admissions; Observation: vitals and lab results): a read asks each
 * in turn, a search runs each and merges their pages by `sortKey`, so they must declare the same
 * search parameters and ids unique across them (UUIDs are).
 */
export interface FhirResourceProvider {
  type: string;
  /**
   * The ids this provider's resources have; another id is not looked up (404). Every Hospitium id
   * is a UUID, the default.
   */
  idPattern?: RegExp;
  /**
   * What orders search results, newest first, when several providers serve the type (for example
   * the encounter's start); each provider's own results must already be in this order.
   */
  sortKey?: (r: FhirResource) => string;
  /** One line for the CapabilityStatement. */
  documentation: string;
  /** Who may read and search it, as on the matching /api routes. */
  access: Access;
  /**
   * The resource with this id in the caller's scope, or an AppError NOT_FOUND (also for one the
   * caller may not see). Reads of patient data must be audited, as the /api reads are.
   */
  read(ctx: Ctx, id: string): Promise<FhirResource>;
  /** Searching the type: its parameters and the search itself (audited like read). */
  search?: {
    params: readonly FhirSearchParam[];
    /** Parameters of which at least one must be given (a patient's data is searched per patient). */
    required?: readonly string[];
    run(ctx: Ctx, request: FhirSearchRequest): Promise<FhirSearchResult>;
  };
}

// ---- datatypes the mappers share ----

export interface Coding {
  system?: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
}

/** A reference to another resource on this server: `Patient/<id>`, with its display text. */
export function ref(type: string, id: string, display?: string | null): Reference {
  return display ? { reference: `${type}/${id}`, display } : { reference: `${type}/${id}` };
}

/** A concept named by a code of a system, with its text. */
export function concept(system: string, code: string, display?: string | null): CodeableConcept {
  const coding: Coding = display ? { system, code, display } : { system, code };
  return display ? { coding: [coding], text: display } : { coding: [coding] };
}

/** Hospitium's own code systems and identifier systems, named under one base. */
export const HOSPITIUM_SYSTEM = 'urn:hospitium';

/** The identifier system of a per-hospital number series (MRNs, order numbers …). */
export function identifierSystem(kind: string, hospitalId: string): string {
  return `${HOSPITIUM_SYSTEM}:${kind}:${hospitalId}`;
}

/** `meta.lastUpdated` from a timestamp. */
export function metaOf(updatedAt: string | Date | null | undefined): FhirResource['meta'] {
  if (!updatedAt) return undefined;
  return { lastUpdated: typeof updatedAt === 'string' ? updatedAt : updatedAt.toISOString() };
}
