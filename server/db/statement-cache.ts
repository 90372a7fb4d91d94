// Statements the app sends again and again are prepared once per connection, the way PgJDBC does
// it (prepareThreshold, preparedStatementCacheQueries): PostgreSQL then skips parsing them and,
// after five runs, usually planning them too. Planning alone was more than half of the database's
// CPU in the booking benchmark (ADR 16). Every parameterised statement counts; a text is prepared
// from its PREPARE_AFTER-th use in the process, and each connection holds at most
// MAX_PREPARED_PER_CONNECTION of them (later texts run unnamed, as before).
import { createHash } from 'node:crypto';
import type pg from 'pg';

export const PREPARE_AFTER = 3;
export const MAX_PREPARED_PER_CONNECTION = 256;
/** Texts the process keeps counts and names of (dynamic SQL must not grow the maps for ever). */
const MAX_TRACKED_TEXTS = 10_000;

const uses = new Map<string, number>();
const names = new Map<string, string>();

/** The statement name for `text` once it is used often enough, else null. */
export function statementName(text: string): string | null {
  const known = names.get(text);
  if (known) return known;
  const n = (uses.get(text) ?? 0) + 1;
  if (n < PREPARE_AFTER) {
    if (uses.has(text) || uses.size < MAX_TRACKED_TEXTS) uses.set(text, n);
    return null;
  }
  uses.delete(text);
  // 'hs_' + 128 bits of the text's hash: well inside PostgreSQL's 63-byte names, never colliding.
  const name = `hs_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
  if (names.size < MAX_TRACKED_TEXTS) names.set(text, name);
  return name;
}

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  values?: unknown;
  submit?: unknown;
}

const hasValues = (v: unknown) => Array.isArray(v) && v.length > 0;

/**
 * The query as it will be sent: with a name when it is a parameterised text that has earned one
 * and the connection has room; untouched otherwise (plain `begin`/`commit`, named or streamed
 * queries, a full connection).
 */
export function nameQuery(config: unknown, values: unknown, prepared: Set<string>): unknown {
  let text: string;
  let base: QueryConfigLike;
  if (typeof config === 'string') {
    if (!hasValues(values)) return config;
    text = config;
    base = { text };
  } else {
    if (!config || typeof config !== 'object') return config;
    base = config as QueryConfigLike;
    if (typeof base.text !== 'string' || base.name || typeof base.submit === 'function') return config;
    if (!hasValues(base.values ?? values)) return config;
    text = base.text;
  }
  const name = statementName(text);
  if (!name) return config;
  if (!prepared.has(name)) {
    if (prepared.size >= MAX_PREPARED_PER_CONNECTION) return config;
    prepared.add(name);
  }
  return { ...base, name };
}

/** Makes a pool's connections prepare the statements they run often (call once per pool). */
export function cacheStatements(pool: pg.Pool): void {
  pool.on('connect', (client: pg.PoolClient) => {
    const prepared = new Set<string>();
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config, values, cb) =>
      query(nameQuery(config, values, prepared), values, cb);
  });
}
