import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLE_PERMISSIONS, type Access } from '../../contracts/permissions';
import type { Role } from '../../contracts/roles';
import type { Actor } from './auth/actor';
import type { Authenticator } from './auth/authenticator';
import { AppError } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; every /api route must say. */
    access?: Access;
    /**
     * The path parameter naming the hospital acted in, for a route an EventSource calls (it cannot
     * send X-Hospital-Id); the header still wins when sent.
     */
    hospitalInPath?: string;
    /**
     * The route writes none of what a caller is made of: users, memberships, sessions, refresh
     * tokens, patients' accounts, hospitals (the tables whose triggers announce a change, ADR 8).
     * Its answer then need not wait until this instance has heard the changes committed before it:
     * there is none of its own to hear (ADR 27). A test must hold the route to it.
     */
    principalsUnchanged?: true;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The role whose permission let this request through, for the audit log. */
    actingRole: Role | null;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

/** What access control needs of the authenticator (see ./auth/authenticator.ts). */
export type AccessOptions = Pick<Authenticator, 'authenticate' | 'checkCsrf' | 'settle'>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Makes access control impossible to forget: registering an /api or /fhir route without `config.access`
 * fails at start-up, and every request is authenticated and authorised before its body is read.
 * Returns the catalogue of routes, which the access test walks.
 */
export function installAccessControl(app: FastifyInstance, opts: AccessOptions): RouteEntry[] {
  const catalogue: RouteEntry[] = [];
  app.decorateRequest('actor', null);
  app.decorateRequest('actingRole', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    // The REST API and the FHIR API alike: no route there without a declared rule.
    const isApi =
      (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs')) || route.url.startsWith('/fhir/');
    if (isApi && !access)
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    if (!access) return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') catalogue.push({ method, url: route.url, access });
    }
  });

  // Routes without an access rule (health, metrics, the web app's files) pass without a promise.
  app.addHook('onRequest', (req, _reply, done) => {
    const access = req.routeOptions.config?.access;
    if (!access) return done();
    check(req, access).then(() => done(), done);
  });

  async function check(req: FastifyRequest, access: Access): Promise<void> {
    const actor = await opts.authenticate(req);
    req.actor = actor;
    if (actor && actor.via === 'session' && !SAFE_METHODS.has(req.method)) opts.checkCsrf(req, actor);
    if (access === 'public') return;
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    if (access === 'authenticated') {
      req.actingRole = actor.roles[0] ?? null;
      return;
    }
    const granted = actor.roles.find((r) => access.anyOf.some((p) => ROLE_PERMISSIONS[r].includes(p)));
    if (!granted && actor.withheldRoles.some((r) => roleMayCall(r, access))) {
      throw new AppError(
        'TWO_FACTOR_REQUIRED',
        'This hospital requires two-factor sign-in. Turn it on in your profile to continue.',
      );
    }
    if (!granted) throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    req.actingRole = granted;
  }

  // After a change, the next request here (the same person's, or anyone's: an admin removed a role,
  // the doctor reloads) must see it: before the answer goes out, wait until this instance has heard
  // every change committed so far (ADR 8). The notice of a change to the caller themself is among
  // them, so nothing else is dropped: a write does not cost the writer their cached entry (which,
  // under a load of writes, kept every caller from being cached at all). Reads skip this, and so do
  // writes whose route promises to change no principal (ADR 27).
  app.addHook('onSend', (req, reply, payload, done) => {
    if (SAFE_METHODS.has(req.method) || reply.statusCode >= 400) return done(null, payload);
    if (req.routeOptions.config?.principalsUnchanged) return done(null, payload);
    opts.settle().then(() => done(null, payload), done);
  });

  return catalogue;
}

/** Whether a role may call a route, per the permission table (what the access test expects). */
export function roleMayCall(role: Role, access: Access): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return access.anyOf.some((p) => ROLE_PERMISSIONS[role].includes(p));
}
