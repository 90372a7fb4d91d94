import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from './actor';

/**
 * Who is calling: built by the identity module, used by access control (platform/access.ts) and by
 * the routes that sign people in and out. Declared here so that neither depends on the other.
 */
export interface Authenticator {
  /** Resolves the caller from a bearer token or the session cookie; null when there is none. */
  authenticate(req: FastifyRequest): Promise<Actor | null>;
  /** Rejects state-changing cookie requests without the session's CSRF token. */
  checkCsrf(req: FastifyRequest, actor: Actor): void;
  /** Drops what this instance cached about a person (after they changed something). */
  forget(userId: string): void;
  /** Resolves once every change committed so far is reflected in what this instance cached. */
  settle(): Promise<void>;
  setSessionCookie(reply: FastifyReply, token: string): void;
  clearSessionCookie(reply: FastifyReply): void;
}

/** Issues short-lived access tokens for API clients, tied to a refresh-token family. */
export interface TokenIssuer {
  issue(userId: string, familyId: string): Promise<string>;
  readonly ttl: number;
}
