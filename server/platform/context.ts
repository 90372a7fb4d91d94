import type { FastifyRequest } from 'fastify';
import type { Role } from '../../contracts/roles';
import type { Db } from '../db/client';
import type { ReadAuditLog } from './audit/read-audit';
import type { Actor } from './auth/actor';
import { AppError } from './errors';

/** What a service needs to know about the request it serves. */
export interface Ctx {
  db: Db;
  actor: Actor;
  /** The role under which the actor is acting (the one that granted the route's permission). */
  role: Role | null;
  ip: string;
  requestId: string;
  /** Where audit rows for reads go (batched); absent outside a request (tests, jobs). */
  reads?: ReadAuditLog;
}

/** Anonymous flows (sign-in, sign-up) have no actor yet. */
export interface AnonCtx {
  db: Db;
  ip: string;
  requestId: string;
  userAgent: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    readAudit: ReadAuditLog;
  }
}

/** The service context of an authenticated request. */
export function ctxOf(req: FastifyRequest): Ctx {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return {
    db: req.server.db,
    actor: req.actor,
    role: req.actingRole,
    ip: req.ip,
    requestId: req.id,
    reads: req.server.readAudit,
  };
}

export function anonCtxOf(req: FastifyRequest): AnonCtx {
  const ua = req.headers['user-agent'];
  return { db: req.server.db, ip: req.ip, requestId: req.id, userAgent: ua ? ua.slice(0, 300) : null };
}
