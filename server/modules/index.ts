import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Mailer } from '../platform/mail/mailer';

export interface ModuleDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
}

/** Registers every domain module's routes. Each module adds one line here. */
export async function registerModules(_app: FastifyInstance, _deps: ModuleDeps): Promise<void> {}
