import type { FastifyInstance, RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { operationIdOf } from './openapi.operation-ids';
import { problemCodes, problemResponses, problemSchemas, type RouteFacts } from './openapi.problems';

/** Each tag routes use, with what it covers (shown as the sections of the docs). */
const TAG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  auth: 'Sign-in and sign-up, sessions, API tokens, password changes and resets, two-factor sign-in.',
  patients:
    'Patient records: registration with per-hospital MRNs, search, demographics, allergies and ' +
    'conditions, timeline and access log.',
  documents: 'Files attached to a patient record (PDF, JPEG, PNG), checked by their content.',
  hospitals: 'The hospitals of the installation and their settings.',
  departments: 'The departments of the active hospital.',
  staff: 'People holding roles at the active hospital, and invitations to join it.',
  doctors: 'Doctor profiles and their approval by the hospital.',
  public: 'What anyone may see without signing in: active hospitals and the doctor directory.',
  notifications:
    'Email, SMS and in-app notices, preferences per kind of notice, the delivery log and the mail/SMS outbox.',
  dashboard: "Live figures for the caller's roles.",
  audit: 'The tamper-evident audit log.',
  jobs: 'Background jobs that failed after their last retry, and retrying them.',
  pharmacy:
    'The medicine catalog and stores; prescriptions and dispensing, counter sales, online orders and ward requests.',
  stock:
    'Batches and the stock ledger: receipts, adjustments, write-offs, stock takes, alerts and valuation.',
  shop: "A patient's medicine orders: the catalog with prices and availability, checkout and order status.",
  scheduling:
    "Doctors' weekly hours, leave and holidays, free slots, and appointments: booking, moving, cancelling and day lists.",
  queue:
    "The front desk and the queue: check-in with a token per doctor per day, walk-ins, the doctor's day and calling the next patient.",
  consultations:
    'Consultations: vitals, complaint, notes, ICD-10 diagnoses, prescriptions checked against allergies and stock and written to the pharmacy at closing, addenda, the printed prescription and visit histories.',
  icd10: 'The ICD-10 code list shared by every hospital: search, and import of the full code set.',
  procurement:
    'Suppliers and what they supply at what price; reorder suggestions; purchase orders (PDF, mailed to the supplier), goods receipts and returns; spend by month.',
  billing:
    'The price list; invoices from draft to final (numbered, then never changed) with their PDF; payments, advances and receipts; credit notes and refunds; cash closing; revenue and outstanding balances.',
  wards:
    'Wards, rooms and beds; the bed board; admitting patients into beds (never two in one), transfers between beds and discharge.',
  lab: 'The lab: its test catalog, each test with its sample, turnaround, price-list service and analytes with their reference and critical limits.',
  privacy:
    "Consent decisions, a patient's export of all their data, and requests to erase it (anonymisation where the law keeps the records).",
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const OPERATION_KEYS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

interface Operation {
  operationId?: string;
  tags?: string[];
  responses?: Record<string, unknown>;
}
interface Document {
  paths?: Record<string, Record<string, Operation>>;
  tags?: { name: string; description?: string }[];
  components?: { schemas?: Record<string, unknown> };
}

/**
 * The operations the document will show, by operationId. Registering a second route with an
 * operationId already taken fails at start-up, so client generators never see a duplicate.
 */
class OperationCatalogue {
  private readonly byId = new Map<string, RouteFacts & { where: string }>();

  add(route: RouteOptions): void {
    if (route.schema?.hide) return;
    const methods = [route.method].flat().filter((m) => m !== 'HEAD');
    if (methods.length > 1)
      throw new Error(
        `Route ${methods.join(',')} ${route.url}: declare one method per route for the API docs`,
      );
    const method = methods[0];
    if (!method) return;
    const id = operationIdOf(method, route.url, route.schema?.operationId);
    const where = `${method} ${route.url}`;
    const taken = this.byId.get(id);
    if (taken) {
      throw new Error(
        `operationId ${id} of ${where} is taken by ${taken.where}: set schema.operationId or add an override in openapi.operation-ids.ts`,
      );
    }
    const schema = route.schema ?? {};
    this.byId.set(id, {
      where,
      method,
      access: route.config?.access,
      hasParams: route.url.includes(':'),
      hasQuery: Boolean(schema.querystring),
      hasBody: Boolean(schema.body ?? schema.consumes),
      rateLimited: Boolean(route.config?.rateLimit),
    });
  }

  get(id: string | undefined): RouteFacts | undefined {
    return id === undefined ? undefined : this.byId.get(id);
  }
}

/** Who may call an operation, in OpenAPI terms. `undefined`: the document's default (token or session). */
function securityOf(facts: RouteFacts): Record<string, string[]>[] | undefined {
  if (facts.access === 'public' || facts.access === undefined) return [];
  // A browser session must send its CSRF token on every change.
  if (!SAFE_METHODS.has(facts.method)) return [{ bearer: [] }, { session: [], csrf: [] }];
  return undefined;
}

/** Adds what is shared by every operation: its error answers, the Problem schema and the tag list. */
function completeDocument<T>(doc: T, operations: OperationCatalogue): T {
  const d = doc as Document;
  const used = new Set<string>();
  for (const item of Object.values(d.paths ?? {})) {
    for (const [key, op] of Object.entries(item)) {
      if (!OPERATION_KEYS.has(key)) continue;
      for (const tag of op.tags ?? []) used.add(tag);
      const facts = operations.get(op.operationId);
      if (!facts) continue;
      const errors = problemResponses(problemCodes(facts, op.operationId!));
      op.responses = { ...errors, ...op.responses };
    }
  }
  d.components = { ...d.components, schemas: { ...d.components?.schemas, ...problemSchemas() } };
  const ordered = [...Object.keys(TAG_DESCRIPTIONS), ...[...used].sort()].filter((t) => used.has(t));
  // A tag missing from TAG_DESCRIPTIONS is listed without a description, which redocly lint flags.
  d.tags = [...new Set(ordered)].map((name) =>
    TAG_DESCRIPTIONS[name] ? { name, description: TAG_DESCRIPTIONS[name] } : { name },
  );
  return doc;
}

/**
 * OpenAPI 3.1 generated from the zod contracts, at /api/openapi.json, with interactive docs at
 * /api/docs. Every operation gets an operationId and its problem+json error answers; the document
 * passes `redocly lint` (checked by openapi.test.ts).
 */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  const operations = new OperationCatalogue();
  app.addHook('onRoute', (route) => operations.add(route));
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hospitium API',
        version: '0.1.0',
        description:
          'Hospital management API. Browser clients use the session cookie and send X-CSRF-Token on changes; ' +
          'API clients use `Authorization: Bearer <access token>` from POST /api/auth/token. Staff choose the ' +
          'hospital they act in with X-Hospital-Id. Errors are application/problem+json with a stable `code`. ' +
          'The same data is read as FHIR R4 under /fhir/R4 (read and search, with the same token): its ' +
          'CapabilityStatement at /fhir/R4/metadata lists the resource types and search parameters.',
        license: { name: 'GNU Affero General Public License v3.0 or later', identifier: 'AGPL-3.0-or-later' },
      },
      // Relative: each installation serves its own document, so requests go to the host the
      // document came from (paths carry their /api prefix). Tools reading a saved copy need the
      // installation's address as their base URL.
      servers: [{ url: '/', description: 'The Hospitium installation serving this document' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'An access token from POST /api/auth/token (renewed with POST /api/auth/token/refresh).',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'hsid',
            description: 'The browser session set by POST /api/auth/sign-in.',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description:
              "The session's CSRF token (from GET /api/auth/me), required with the session cookie on changes.",
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const method = [input.route.method].flat().find((m) => m !== 'HEAD');
      if (!out.schema || out.schema.hide || !method) return out;
      const operationId = operationIdOf(method, input.route.url, input.schema?.operationId);
      const facts = operations.get(operationId);
      const security = facts ? securityOf(facts) : undefined;
      return { ...out, schema: { ...out.schema, operationId, ...(security ? { security } : {}) } };
    },
    transformObject: (doc) =>
      'openapiObject' in doc ? completeDocument(doc.openapiObject, operations) : doc.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
