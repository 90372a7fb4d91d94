import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { installOpenApi } from './openapi';
import { deriveOperationId, OPERATION_ID_OVERRIDES } from './openapi.operation-ids';
import { OPERATION_ERRORS } from './openapi.problems';

const run = promisify(execFile);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Operation {
  operationId?: string;
  security?: unknown[];
  responses?: Record<string, unknown>;
}
interface OpenApiDocument {
  info: { license?: { identifier?: string } };
  components: {
    schemas: Record<string, { required: string[]; properties: Record<string, { enum?: unknown[] }> }>;
  };
  paths: Record<string, Partial<Record<string, Operation>>>;
}

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location?: { pointer?: string }[];
}
interface LintReport {
  totals: { errors: number; warnings: number };
  problems: LintProblem[];
}

function operations(doc: OpenApiDocument): { where: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([url, item]) =>
    METHODS.flatMap((m) => (item[m] ? [{ where: `${m.toUpperCase()} ${url}`, op: item[m] }] : [])),
  );
}

/** `GET /api/patients/:id` as the document writes it: `GET /api/patients/{id}`. */
function documented(route: string): string {
  return route.replace(/:(\w+)/g, '{$1}');
}

/**
 * Runs the Redocly CLI's `recommended` rules on a document. It runs in an empty folder, so no
 * redocly.yaml anywhere can turn rules off; telemetry and the update check stay off.
 */
async function redoclyLint(doc: unknown): Promise<LintReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const cli = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')),
      'bin',
      'cli.js',
    );
    const args = [cli, 'lint', file, '--extends=recommended', '--format=json', '--max-problems=10000'];
    // A clean environment: nothing of ours leaks into the linter, and it calls nobody.
    const env = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    // The CLI exits 1 when it finds errors; its JSON report is on stdout either way.
    const out = await run(process.execPath, args, { cwd: dir, env, maxBuffer: 64 << 20 }).catch(
      (err: { stdout?: string; stderr?: string }) => {
        if (!err.stdout) throw new Error(`redocly lint failed to run: ${err.stderr ?? String(err)}`);
        return { stdout: err.stdout };
      },
    );
    return JSON.parse(out.stdout) as LintReport;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the OpenAPI document at /api/openapi.json', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(async () => t?.close());

  it('gives every operation a unique operationId and documents its 4xx answers', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(0);
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const { where, op } of ops) {
      if (!op.operationId) problems.push(`${where}: no operationId`);
      else if (seen.has(op.operationId))
        problems.push(`${where}: operationId ${op.operationId} is also ${seen.get(op.operationId)}`);
      else seen.set(op.operationId, where);
      if (!Object.keys(op.responses ?? {}).some((code) => /^4(\d\d|XX)$/.test(code)))
        problems.push(`${where}: no 4xx response`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps the override and error tables in step with the routes', () => {
    const ids = new Map(operations(doc).map(({ where, op }) => [where, op.operationId]));
    for (const [route, id] of Object.entries(OPERATION_ID_OVERRIDES)) {
      expect(ids.get(documented(route)), `override for ${route}`).toBe(id);
    }
    const known = new Set(ids.values());
    const stale = Object.keys(OPERATION_ERRORS).filter((id) => !known.has(id));
    expect(stale, 'OPERATION_ERRORS names operations that do not exist').toEqual([]);
  });

  it('documents who may call what: public routes need no credentials, changes by cookie need CSRF', () => {
    const op = (where: string) => operations(doc).find((o) => o.where === where)!.op;
    expect(op('POST /api/auth/sign-in').security).toEqual([]);
    expect(op('GET /api/public/hospitals').security).toEqual([]);
    expect(op('GET /api/patients/{id}').security).toBeUndefined(); // the document's default
    expect(op('PATCH /api/patients/{id}').security).toEqual([{ bearer: [] }, { session: [], csrf: [] }]);
    expect(Object.keys(op('GET /api/patients/{id}').responses ?? {})).toEqual(
      expect.arrayContaining(['400', '401', '403', '404']),
    );
    expect(Object.keys(op('GET /api/public/hospitals').responses ?? {})).not.toContain('401');
  });

  it('states the licence package.json gives', () => {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      license: string;
    };
    expect(doc.info.license?.identifier).toBe(pkg.license);
  });

  it('describes the problem+json bodies the server really sends', async () => {
    const problem = doc.components.schemas.Problem!;
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/patients/0197a0d2-5c1e-7e32-9a4b-3f6d2e1c8b90',
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<Record<string, unknown>>();
    for (const key of problem.required) expect(body, key).toHaveProperty(key);
    for (const key of Object.keys(body)) expect(Object.keys(problem.properties)).toContain(key);
    expect(problem.properties.code!.enum).toContain(body.code);
  });

  it('passes redocly lint (recommended rules) with no error and no warning', async () => {
    const report = await redoclyLint(doc);
    const lines = report.problems.map(
      (p) => `${p.severity} ${p.ruleId} at ${p.location?.[0]?.pointer ?? '?'}: ${p.message}`,
    );
    expect(lines).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);
});

describe('operationIds', () => {
  it('are derived from the method and URL', () => {
    expect(deriveOperationId('GET', '/api/patients')).toBe('listPatients');
    expect(deriveOperationId('POST', '/api/patients')).toBe('createPatient'); // registerPatient by override
    expect(deriveOperationId('GET', '/api/patients/:id')).toBe('getPatient');
    expect(deriveOperationId('PATCH', '/api/patients/:id/allergies/:allergyId')).toBe('updatePatientAllergy');
    expect(deriveOperationId('POST', '/api/doctors/:id/approve')).toBe('approveDoctor');
    expect(deriveOperationId('POST', '/api/staff/invitations/:id/revoke')).toBe('revokeStaffInvitation');
    expect(deriveOperationId('GET', '/api/patients/:id/timeline')).toBe('getPatientTimeline');
    expect(deriveOperationId('POST', '/api/auth/sign-in')).toBe('signIn');
    expect(deriveOperationId('POST', '/api/auth/2fa/enable')).toBe('enableTwoFactor');
    expect(deriveOperationId('GET', '/api/notifications/deliveries')).toBe('listNotificationDeliveries');
    expect(deriveOperationId('DELETE', '/api/appointments/:id')).toBe('deleteAppointment');
  });

  it('must be unique: a route whose operationId is taken fails at start-up', async () => {
    const app = Fastify({ logger: false });
    try {
      await installOpenApi(app);
      app.get('/api/things/:id', { schema: { summary: 'One thing' } }, async () => ({}));
      expect(() =>
        app.get('/api/things/:thingId', { schema: { summary: 'The same thing' } }, async () => ({})),
      ).toThrow('operationId getThing of GET /api/things/:thingId is taken by GET /api/things/:id');
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});
