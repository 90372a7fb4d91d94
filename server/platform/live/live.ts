// Live changes across app instances: a change announces itself with `publish(tx, topic, payload)`
// inside its own transaction (PostgreSQL delivers the notice only if, and when, it commits), and
// every instance hears it on one dedicated LISTEN connection per process, fanned out in memory to
// the subscribers of that topic (server-sent event streams, for instance). Nothing is kept in one
// instance's memory that another would need: what changed is read again from the database.
//
// If the listener loses its connection, it reconnects (with back-off) and then tells every
// subscriber `{ resync: true }`, because notices sent while nobody listened are lost.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { within } from '../timing';

/** The one PostgreSQL channel live notices travel on; the topic is inside the payload. */
export const LIVE_CHANNEL = 'hospitium_live';
/** The listener's application_name, as pg_stat_activity shows it. */
export const LIVE_LISTENER_NAME = 'hospitium live listener';

/** PostgreSQL refuses notify payloads of 8000 bytes or more; topics and payloads are ids. */
const MAX_PAYLOAD = 7000;

export interface LiveNotice {
  topic: string;
  payload: string;
  /** True when the listener reconnected: anything may have changed meanwhile, read it all again. */
  resync?: boolean;
}

export type LiveSubscriber = (n: LiveNotice) => void;

export interface LiveLog {
  warn(obj: object, msg: string): void;
}

/**
 * Announces a change to every app instance's subscribers of `topic`, when (and only if) the
 * transaction `tx` commits. Keep the payload small (ids): subscribers read the state again.
 */
export async function publish(tx: Executor, topic: string, payload = ''): Promise<void> {
  const text = JSON.stringify({ t: topic, p: payload });
  if (text.length > MAX_PAYLOAD) throw new Error(`live: payload for ${topic} is too large`);
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${text})`);
}

/**
 * One LISTEN connection for the process, started by the first subscriber and kept until `stop()`.
 * `subscribe` resolves once the listener is up, so a subscriber that reads the state after it
 * returns misses no change committed after that read.
 */
export class LiveHub {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly subscribers = new Map<string, Set<LiveSubscriber>>();

  constructor(
    private readonly database: Database,
    private readonly log: LiveLog,
  ) {}

  /** Whether the listener is connected now. */
  get listening(): boolean {
    return this.client !== null;
  }

  /** How many subscribers (all topics); for tests and metrics. */
  get size(): number {
    let n = 0;
    for (const s of this.subscribers.values()) n += s.size;
    return n;
  }

  /**
   * Calls `fn` for every notice on `topic` until the returned function is called. Waits for the
   * listener (up to `timeoutMs`); if it cannot connect, the subscription stays and starts
   * receiving (with a resync) once the listener is back.
   */
  async subscribe(topic: string, fn: LiveSubscriber, timeoutMs = 5000): Promise<() => void> {
    if (this.stopped) throw new Error('live: the hub has stopped');
    let set = this.subscribers.get(topic);
    if (!set) this.subscribers.set(topic, (set = new Set()));
    set.add(fn);
    const unsubscribe = () => {
      const s = this.subscribers.get(topic);
      s?.delete(fn);
      if (s?.size === 0) this.subscribers.delete(topic);
    };
    await within(this.ensureListening(), timeoutMs);
    return unsubscribe;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.subscribers.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private ensureListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect(1000);
    return this.connecting;
  }

  /** Connects and listens; on failure retries with back-off, resolving once connected (or stopped). */
  private connect(delayMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const attempt = async (delay: number) => {
        if (this.stopped) return resolve();
        let client: pg.Client | null = null;
        try {
          client = await this.database.connectDedicated(LIVE_LISTENER_NAME);
          client.on('notification', (n) => this.onNotice(n.payload ?? ''));
          const c = client;
          c.on('error', (err) => this.onLost(c, err));
          c.on('end', () => this.onLost(c, new Error('the connection ended')));
          await client.query(`LISTEN ${LIVE_CHANNEL}`);
          if (this.stopped) {
            await client.end().catch(() => undefined);
            return resolve();
          }
          this.client = client;
          this.connecting = null;
          resolve();
        } catch (err) {
          await client?.end().catch(() => undefined);
          this.log.warn({ err }, 'live: could not listen; retrying');
          this.retryTimer = setTimeout(() => void attempt(Math.min(delay * 2, 30_000)), delay);
          this.retryTimer.unref();
        }
      };
      void attempt(delayMs);
    });
  }

  private onLost(client: pg.Client, err: unknown): void {
    if (this.client !== client) return;
    this.log.warn({ err }, 'live: listener connection lost; reconnecting');
    this.client = null;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.connecting = this.connect(1000).then(() => {
      // Whatever was announced while nobody listened is unknown: everyone reads it all again.
      for (const [topic, set] of this.subscribers) {
        for (const fn of [...set]) this.deliver(fn, { topic, payload: '', resync: true });
      }
    });
  }

  private onNotice(raw: string): void {
    let n: { t?: unknown; p?: unknown };
    try {
      n = JSON.parse(raw) as { t?: unknown; p?: unknown };
    } catch {
      return;
    }
    if (typeof n.t !== 'string') return;
    const set = this.subscribers.get(n.t);
    if (!set) return;
    const notice = { topic: n.t, payload: typeof n.p === 'string' ? n.p : '' };
    for (const fn of [...set]) this.deliver(fn, notice);
  }

  private deliver(fn: LiveSubscriber, n: LiveNotice): void {
    try {
      fn(n);
    } catch (err) {
      this.log.warn({ err, topic: n.topic }, 'live: a subscriber failed');
    }
  }
}

const hubs = new WeakMap<object, LiveHub>();

/**
 * The hub of an app (one per Fastify instance, so one per process in production), made on first
 * use and stopped when the app closes.
 */
export function liveHubOf(app: FastifyInstance, database: Database, log: LiveLog): LiveHub {
  let hub = hubs.get(app);
  if (!hub) {
    const made = new LiveHub(database, log);
    hubs.set(app, made);
    app.addHook('onClose', async () => made.stop());
    hub = made;
  }
  return hub;
}
