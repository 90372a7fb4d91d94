// Access must be declared on every API route, the FHIR API included: registering one without a rule
// fails at start-up, and a declared rule is enforced before the handler runs.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installAccessControl } from './access';

const nobody = {
  authenticate: async () => null,
  checkCsrf: () => undefined,
  forget: () => undefined,
  settle: async () => undefined,
};

describe('declared access', () => {
  it('refuses to start with an /api or /fhir route that declares none', async () => {
    for (const url of ['/api/things', '/fhir/R4/Patient', '/fhir/R4/Patient/:id']) {
      const app = Fastify();
      installAccessControl(app, nobody);
      expect(() => app.get(url, async () => ({}))).toThrow(/declares no access rule/);
      await app.close();
    }
  });

  it('lists /fhir routes in the catalogue the access test walks, and enforces their rule', async () => {
    const app = Fastify();
    const catalogue = installAccessControl(app, nobody);
    app.get('/fhir/R4/metadata', { config: { access: 'public' } }, async () => ({
      resourceType: 'CapabilityStatement',
    }));
    app.get('/fhir/R4/Patient/:id', { config: { access: { anyOf: ['patients:read'] } } }, async () => ({}));
    app.setErrorHandler((err: { status?: number }, _req, reply) => reply.status(err.status ?? 500).send({}));
    await app.ready();
    expect(catalogue.map((r) => r.url)).toEqual(['/fhir/R4/metadata', '/fhir/R4/Patient/:id']);
    expect((await app.inject({ url: '/fhir/R4/metadata' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/fhir/R4/Patient/1' })).statusCode).toBe(401);
    await app.close();
  });
});
