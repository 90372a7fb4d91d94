// The FHIR R4 API (product §15): /fhir/R4/metadata, and for each resource type a module serves,
// read (`GET /fhir/R4/<Type>/<id>`) and search (`GET /fhir/R4/<Type>?…`) answering a searchset
// Bundle. The types themselves come from the modules' manifests (`fhir`); this file knows none of
// them. Access is declared per type as on /api, callers sign in with a bearer token (or the
// session), and errors answer as OperationOutcome (./outcome.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../context';
import { AppError } from '../errors';
import type { Access } from '../../../contracts/permissions';
import { roleMayCall } from '../access';
import type {
  FhirResource,
  FhirResourceProvider,
  FhirSearchParam,
  FhirSearchRequest,
  FhirSearchResult,
} from './fhir.types';
import { dateRange, type DateRange } from './fhir.params';
import { FHIR_MEDIA_TYPE } from './outcome';

export const FHIR_BASE_PATH = '/fhir/R4';
export const MAX_COUNT = 100;
const DEFAULT_COUNT = 20;
const MAX_OFFSET = 10_000;
/** A FHIR logical id (http://hl7.org/fhir/R4/datatypes.html#id). */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json']);
/** Parameters every search takes besides the type's own. */
const CONTROL = new Set(['_count', '_offset', '_format', '_id']);

function send(reply: FastifyReply, body: unknown): FastifyReply {
  return reply.type(FHIR_MEDIA_TYPE).send(body);
}

function checkFormat(query: Record<string, unknown>): void {
  const format = query._format;
  if (format !== undefined && (typeof format !== 'string' || !JSON_FORMATS.has(format))) {
    throw new AppError(
      'BAD_REQUEST',
      'This server answers in JSON only: _format=json or application/fhir+json.',
    );
  }
}

function integerParam(name: string, raw: unknown, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new AppError(
      'BAD_REQUEST',
      `Search parameter "${name}" must be a whole number from ${min} to ${max}.`,
    );
  }
  return Number(raw);
}

/** A search as checked, with what its page links repeat. */
export type CheckedSearch = FhirSearchRequest & {
  id: string | null;
  /** Each parameter's values as sent (two for a date range), for the page links. */
  sent: readonly (readonly [string, string])[];
};

/**
 * Checks a search's query against the type's parameters: each at most once (a date that makes a
 * range, twice), no modifiers or chains, nothing the type does not list (FHIR's strict handling: a
 * filter silently ignored would answer more than was asked for). Date parameters arrive parsed.
 */
export function searchRequest(provider: FhirType, query: Record<string, unknown>): CheckedSearch {
  const declared = new Map((provider.search?.params ?? []).map((p) => [p.name, p]));
  const params: Record<string, string> = {};
  const dates: Record<string, DateRange[]> = {};
  const sent: (readonly [string, string])[] = [];
  for (const [name, raw] of Object.entries(query)) {
    const param = declared.get(name);
    const values = Array.isArray(raw) ? (raw as unknown[]) : [raw];
    if (values.length > (param?.range ? 2 : 1)) {
      throw new AppError(
        'BAD_REQUEST',
        param?.range
          ? `Give search parameter "${name}" at most twice (a range: ge… and le…).`
          : `Give search parameter "${name}" once.`,
      );
    }
    if (values.some((v) => typeof v !== 'string'))
      throw new AppError('BAD_REQUEST', `Search parameter "${name}" is not valid.`);
    if (CONTROL.has(name)) continue;
    if (!param) {
      const known = [...declared.keys(), '_id', '_count', '_offset'].join(', ');
      throw new AppError(
        'BAD_REQUEST',
        `${provider.type} cannot be searched by "${name}"${name.includes(':') ? ' (modifiers are not supported)' : ''}; it takes: ${known}.`,
      );
    }
    for (const v of values as string[]) {
      const value = v.trim();
      if (value === '') throw new AppError('BAD_REQUEST', `Search parameter "${name}" is empty.`);
      if (value.includes(',') && !param.multiple)
        throw new AppError('BAD_REQUEST', `Search parameter "${name}" takes one value, not a list.`);
      if (value.length > 200) throw new AppError('BAD_REQUEST', `Search parameter "${name}" is too long.`);
      params[name] ??= value;
      if (param.type === 'date') (dates[name] ??= []).push(dateRange(name, value));
      sent.push([name, value]);
    }
  }
  const id = typeof query._id === 'string' ? query._id.trim() : null;
  if (id !== null && id.includes(',')) throw new AppError('BAD_REQUEST', 'Search by one _id at a time.');
  if (id !== null && Object.keys(params).length > 0) {
    throw new AppError('BAD_REQUEST', 'Search by _id alone, or by other parameters without it.');
  }
  const required = provider.search?.required ?? [];
  if (id === null && required.length > 0 && !required.some((r) => r in params)) {
    throw new AppError(
      'BAD_REQUEST',
      `Searching ${provider.type} needs ${required.length > 1 ? 'one of ' : ''}${required.join(', ')}.`,
    );
  }
  return {
    id,
    params,
    dates,
    sent,
    count: integerParam('_count', query._count, 1, MAX_COUNT, DEFAULT_COUNT),
    offset: integerParam('_offset', query._offset, 0, MAX_OFFSET, 0),
  };
}

const UUID_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One resource type and the providers serving it (usually one; ordered by module). */
interface FhirType {
  type: string;
  providers: readonly FhirResourceProvider[];
  /** Who may call its routes: anyone whom one of its providers lets in. */
  access: Access;
  search: { params: readonly FhirSearchParam[]; required: readonly string[] } | null;
}

/** Whether the caller may use this provider: a type served by several answers each by its own rule. */
function mayUse(req: FastifyRequest, p: FhirResourceProvider): boolean {
  const actor = req.actor;
  return !!actor && actor.roles.some((r) => roleMayCall(r, p.access));
}

async function readOrNull(t: FhirType, req: FastifyRequest, rawId: string): Promise<FhirResource | null> {
  if (!FHIR_ID.test(rawId)) return null;
  for (const p of t.providers) {
    const id = p.idPattern ? rawId : rawId.toLowerCase();
    if (!(p.idPattern ?? UUID_ID).test(id) || !mayUse(req, p)) continue;
    try {
      return await p.read(ctxOf(req), id);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
    }
  }
  return null;
}

/**
 * A search over every provider of the type the caller may use. With one, its page is the answer;
 * with several, each is asked for everything up to the end of the page, and their results are
 * merged newest first by `sortKey` (types served by several are searched per patient: small).
 */
async function searchAll(t: FhirType, req: FastifyRequest, s: FhirSearchRequest): Promise<FhirSearchResult> {
  const usable = t.providers.filter((p) => p.search && mayUse(req, p));
  if (usable.length === 1) return usable[0]!.search!.run(ctxOf(req), s);
  const parts: FhirSearchResult[] = [];
  for (const p of usable) {
    parts.push(await p.search!.run(ctxOf(req), { ...s, offset: 0, count: s.offset + s.count }));
  }
  const merged = parts
    .flatMap((r, i) => r.resources.map((res) => ({ res, key: usable[i]!.sortKey?.(res) ?? '' })))
    .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
    .map((x) => x.res);
  const resources = merged.slice(s.offset, s.offset + s.count);
  if (parts.every((r) => r.total !== undefined)) {
    return { resources, total: parts.reduce((n, r) => n + r.total!, 0) };
  }
  return { resources, more: merged.length > s.offset + s.count || parts.some((r) => r.more) };
}

/** Groups the providers by type, checking that the providers of one type agree on their search. */
export function fhirTypes(providers: readonly FhirResourceProvider[]): FhirType[] {
  const byType = new Map<string, FhirResourceProvider[]>();
  for (const p of providers) byType.set(p.type, [...(byType.get(p.type) ?? []), p]);
  return [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, ps]) => {
      const searching = ps.filter((p) => p.search);
      const params = searching[0]?.search?.params ?? [];
      const names = (x: readonly FhirSearchParam[]) => x.map((q) => q.name).join(',');
      if (searching.length > 0 && searching.length !== ps.length)
        throw new Error(`FHIR ${type}: every provider must search, or none`);
      for (const p of searching) {
        if (names(p.search!.params) !== names(params))
          throw new Error(`FHIR ${type}: the providers declare different search parameters`);
        if (ps.length > 1 && !p.sortKey) throw new Error(`FHIR ${type}: a shared type needs sortKey`);
      }
      const anyOf = ps.flatMap((p) => (typeof p.access === 'object' ? p.access.anyOf : []));
      const open = ps.find((p) => typeof p.access !== 'object');
      return {
        type,
        providers: ps,
        access: open ? open.access : { anyOf: [...new Set(anyOf)] },
        search: searching.length ? { params, required: searching[0]!.search!.required ?? [] } : null,
      };
    });
}

/** The address of a page of this search: the same parameters, another offset. */
function pageUrl(base: string, type: string, s: CheckedSearch, offset: number) {
  const q = new URLSearchParams(s.sent.map(([k, v]) => [k, v]));
  if (s.id !== null) q.set('_id', s.id);
  q.set('_count', String(s.count));
  q.set('_offset', String(offset));
  return `${base}/${type}?${q.toString()}`;
}

function bundle(base: string, type: string, s: CheckedSearch, result: FhirSearchResult) {
  const more =
    result.total !== undefined ? s.offset + result.resources.length < result.total : (result.more ?? false);
  const link = [{ relation: 'self', url: pageUrl(base, type, s, s.offset) }];
  if (s.offset > 0)
    link.push({ relation: 'previous', url: pageUrl(base, type, s, Math.max(0, s.offset - s.count)) });
  if (more && s.offset + s.count <= MAX_OFFSET)
    link.push({ relation: 'next', url: pageUrl(base, type, s, s.offset + s.count) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(result.total !== undefined ? { total: result.total } : {}),
    link,
    entry: result.resources.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

function capabilityStatement(base: string, providers: readonly FhirType[], date: string) {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Hospitium',
    kind: 'instance',
    software: { name: 'Hospitium' },
    implementation: { description: 'Hospitium FHIR R4 API (read and search)', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Read and search only. Send a bearer access token from POST /api/auth/token; a member of ' +
          'several hospitals names the one they act in with X-Hospital-Id. Searches take _count ' +
          `(1–${MAX_COUNT}) and _offset; an unknown parameter is refused with 400.`,
        security: {
          cors: false,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'OAuth',
                },
              ],
              text: 'Bearer access tokens',
            },
          ],
        },
        resource: providers.map((p) => ({
          type: p.type,
          documentation: p.providers.map((x) => x.documentation).join(' '),
          interaction: [{ code: 'read' }, ...(p.search ? [{ code: 'search-type' }] : [])],
          searchParam: [
            { name: '_id', type: 'token', documentation: 'The logical id.' },
            ...(p.search?.params ?? []).map(({ name, type, documentation }) => ({
              name,
              type,
              documentation,
            })),
          ],
        })),
      },
    ],
  };
}

/** Registers /fhir/R4: the CapabilityStatement, then read and search for each provided type. */
export function registerFhirApi(
  app: FastifyInstance,
  providers: readonly FhirResourceProvider[],
  publicUrl: string,
): void {
  const base = `${publicUrl}${FHIR_BASE_PATH}`;
  const sorted = fhirTypes(providers);
  const started = new Date().toISOString();
  const hide = { hide: true } as const;

  app.get(
    `${FHIR_BASE_PATH}/metadata`,
    { config: { access: 'public' }, schema: hide },
    async (req, reply) => {
      const query = req.query as Record<string, unknown>;
      checkFormat(query);
      // As strict as a search: `mode=full` is what is served; anything else is a mistake.
      const unknown = Object.keys(query).find((k) => k !== '_format' && k !== 'mode');
      if (unknown) throw new AppError('BAD_REQUEST', `The CapabilityStatement takes no "${unknown}".`);
      if (query.mode !== undefined && query.mode !== 'full')
        throw new AppError('BAD_REQUEST', 'Only mode=full is served.');
      return send(reply, capabilityStatement(base, sorted, started));
    },
  );

  for (const p of sorted) {
    app.get<{ Params: { id: string } }>(
      `${FHIR_BASE_PATH}/${p.type}/:id`,
      { config: { access: p.access }, schema: hide },
      async (req, reply) => {
        checkFormat(req.query as Record<string, unknown>);
        const found = await readOrNull(p, req, req.params.id);
        if (!found)
          throw new AppError('NOT_FOUND', `${p.type}/${req.params.id.slice(0, 64)} is not known here.`);
        return send(reply, found);
      },
    );
    app.get(
      `${FHIR_BASE_PATH}/${p.type}`,
      { config: { access: p.access }, schema: hide },
      async (req, reply) => {
        const query = req.query as Record<string, unknown>;
        checkFormat(query);
        if (!p.search && Object.keys(query).some((k) => k !== '_id' && !CONTROL.has(k))) {
          throw new AppError('BAD_REQUEST', `${p.type} is searched by _id only.`);
        }
        const s = searchRequest(p, query);
        let result: FhirSearchResult;
        if (s.id !== null) {
          const one = await readOrNull(p, req, s.id);
          result = { resources: one && s.offset === 0 ? [one] : [], total: one ? 1 : 0 };
        } else if (p.search) {
          result = await searchAll(p, req, s);
        } else {
          throw new AppError('BAD_REQUEST', `Search ${p.type} by _id.`);
        }
        return send(reply, bundle(base, p.type, s, result));
      },
    );
  }
}
