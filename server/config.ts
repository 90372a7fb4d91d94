import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { fieldKeysProblem } from './platform/sealing';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** An address, a CIDR range (address/bits) or one of proxy-addr's names. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}
/** TRUST_PROXY: true / false (as the other switches), or the list of proxies. */
const trustProxy = z.string().transform((v, ctx): boolean | string[] => {
  const flag = bool.safeParse(v.trim().toLowerCase());
  if (flag.success) return flag.data;
  const entries = v.split(',').map((e) => e.trim());
  if (entries.every(isProxyAddress)) return entries;
  ctx.addIssue({
    code: 'custom',
    message:
      'must be true, false, or comma-separated addresses, CIDR ranges or loopback/linklocal/uniquelocal',
  });
  return z.NEVER;
});

const Settings = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * Keys that encrypt sensitive identifiers at rest (ADR 34): base64 of 32 bytes each, comma
   * separated; the first seals, all open. Unset: DATA_DIR/secrets/field-encryption.key, made on the
   * first start. Several instances must share the same keys.
   */
  DATA_ENCRYPTION_KEYS: z
    .string()
    .refine((s) => fieldKeysProblem(s) === null, { error: (i) => fieldKeysProblem(String(i.input)) ?? '' })
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** A query running longer is cancelled and its request answers an error (0: no limit). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /**
   * Prepare the statements run often, once per connection (ADR 16). Turn off behind a pooler that
   * does not carry prepared statements across transactions (PgBouncer before 1.21 in transaction mode).
   */
  DATABASE_PREPARE_STATEMENTS: bool.default(true),
  /** Embedded mode, when running as root: the unprivileged account PostgreSQL runs as. */
  EMBEDDED_PG_USER: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'must be a user name')
    .default('postgres'),
  /** Embedded mode: the loopback port of its PostgreSQL server (0: any free port at each start). */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: bool.default(true),
  /**
   * Behind a reverse proxy: the addresses (or CIDR ranges, or loopback / linklocal / uniquelocal) of
   * the proxies, comma-separated, whose X-Forwarded-For / -Proto / -Host are believed; `true` believes
   * every hop (only when nothing but the proxy can reach the app). The client address then comes from
   * X-Forwarded-For, for the audit log and the rate limits.
   */
  TRUST_PROXY: trustProxy.default(false),
  /**
   * On SIGTERM, how long to wait for clients to finish with their open connections (every answer
   * meanwhile says Connection: close) before closing the idle ones. 0: close them at once. Behind a
   * proxy, set it above the proxy's idle keep-alive time (deploy/ uses 10 with nginx's 4 s), so the
   * proxy never sends a request on a connection being closed. SIGINT (Ctrl-C) never waits.
   */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(0),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /**
   * How long an instance may keep what it resolved about a caller. Changes reach every instance at
   * once through database notifications; this bounds an entry's life regardless (0: no caching).
   */
  AUTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(3).max(100).default(5),
  SIGNIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(20),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_000_000),
  /** Largest uploaded document (PDF, JPEG, PNG) accepted, in bytes. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1_000_000_000)
    .default(10 * 1024 * 1024),
  /** How often the head of the audit chain is written, signed, to DATA_DIR/audit-checkpoints.jsonl. */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Hospitium <no-reply@hospitium.local>'),
  METRICS_TOKEN: z.string().min(16).optional(),
  /** `hospitium worker`: serve /metrics on this port (the app serves it on PORT); unset: none. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Whether this process works background jobs (every process can still enqueue them). */
  JOBS_ENABLED: bool.default(true),
  /** How often an idle worker asks the database for due jobs, per queue. */
  JOBS_POLL_INTERVAL_MS: z.coerce.number().int().min(20).max(60_000).default(1000),
  /** Jobs of one queue a process runs at once. */
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * How long a queue's worker pauses between batches while this process is answering requests
   * (0: never). Background work yields to people; a backlog drains at full speed when they stop.
   */
  JOBS_YIELD_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  /** A job still running after this long is treated as lost (its worker died) and retried. */
  JOBS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** Default attempts after the first, and the base delay of the exponential backoff between them. */
  JOBS_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(5),
  JOBS_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** How often lost jobs are looked for and finished jobs archived (one instance does it at a time). */
  JOBS_MAINTENANCE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** How often due cron schedules are checked. */
  JOBS_CRON_CHECK_SECONDS: z.coerce.number().int().min(1).max(45).default(30),
  /** How long a graceful shutdown waits for running jobs before returning them to the queue. */
  JOBS_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Twilio-style SMS API base, e.g. https://api.twilio.com/2010-04-01; unset = SMS go to the outbox folder. */
  SMS_PROVIDER_URL: z.url().optional(),
  SMS_ACCOUNT_SID: z.string().min(1).optional(),
  SMS_AUTH_TOKEN: z.string().min(1).optional(),
  /** Sender: an E.164 number or an alphanumeric sender id the provider allows. */
  SMS_FROM: z.string().min(1).max(32).optional(),
  /** Scheduled backups (ADR 15) are written here, one folder each; unset: no scheduled backups. */
  BACKUP_DIR: z.string().min(1).optional(),
  /** When scheduled backups run: cron (minute hour day-of-month month day-of-week), in UTC. */
  BACKUP_SCHEDULE: z
    .string()
    .trim()
    .regex(/^\S+(\s+\S+){4,5}$/, 'must be a cron expression of 5 (or 6, with seconds) fields')
    .default('30 2 * * *'),
  /** How many complete backups BACKUP_DIR keeps: after each scheduled one, older ones are deleted. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
});

const ConfigSchema = Settings.superRefine((c, ctx) => {
  if (!c.SMS_PROVIDER_URL) return;
  for (const key of ['SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM'] as const) {
    if (!c[key]) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'is required when SMS_PROVIDER_URL is set' });
    }
  }
});

export type Config = z.infer<typeof ConfigSchema> & {
  /** Absolute path of DATA_DIR. */
  dataDir: string;
  /** `embedded` (a PostgreSQL server Hospitium runs in DATA_DIR/pg) when DATABASE_URL is unset. */
  databaseMode: 'embedded' | 'postgres';
};

/** Parses the environment (or an override map, in tests) and fails fast with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blanksRemoved = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = ConfigSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    databaseMode: c.DATABASE_URL ? 'postgres' : 'embedded',
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
