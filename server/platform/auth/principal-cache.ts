// What an app instance knows of its callers, kept between requests so that an authenticated request
// costs no database round trip to find out who is calling. It is correct only because every change
// that could make a cached entry wrong (sign-out, revocation, password change, roles, hospitals) fires
// a database trigger that notifies every instance when the change commits (migration 0008, ADR 8).
// While this instance is not listening for those notices, nothing is cached.
import type pg from 'pg';
import type { Database } from '../../db/client';

export const PRINCIPAL_CHANNEL = 'hospitium_principal';
/** The listener's application_name, as pg_stat_activity shows it. */
export const LISTENER_NAME = 'hospitium principal listener';

interface Entry<V> {
  userId: string;
  value: V;
  expiresAt: number;
}

export interface CacheLog {
  warn(obj: object, msg: string): void;
}

/**
 * A bounded map from a credential (token family, session) to what was loaded for it, dropped per
 * user when a notice names them, entirely when one names '*' or the listener loses its connection.
 */
export class PrincipalCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly byUser = new Map<string, Set<string>>();
  private listening = false;
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Counts changes heard of; a load that overlapped one is not cached (it may predate the change). */
  private epoch = 0;
  private readonly barriers = new Map<string, () => void>();
  private barrierCount = 0;
  private pendingSync: Promise<void> | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
  ) {}

  /** Starts listening on a connection of its own; the cache stays off until the listener is up. */
  async start(database: Database, log: CacheLog): Promise<void> {
    if (this.ttlMs <= 0) return;
    const connect = async (delayMs: number) => {
      if (this.stopped) return;
      let client: pg.Client | null = null;
      let lost = false;
      // pg reports one loss more than once (the server's message, then the socket's end), and a
      // failed LISTEN fails its query too: only the first report retries, or each would leave a
      // listener of its own behind.
      const retry = (err: unknown, what: string, afterMs: number, nextMs: number) => {
        if (lost) return;
        lost = true;
        this.goDeaf(client);
        void client?.end().catch(() => undefined);
        if (this.stopped) return;
        log.warn({ err }, what);
        this.retryTimer = setTimeout(() => void connect(nextMs), afterMs);
        this.retryTimer.unref();
      };
      try {
        client = await database.connectDedicated(LISTENER_NAME);
        client.on('notification', (n) => this.onNotice(n.payload ?? '*'));
        client.on('error', (err) =>
          retry(err, 'principal cache: listener connection lost; caching off until it is back', 1000, 1000),
        );
        await client.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
        if (lost) return;
        if (this.stopped) {
          await client.end().catch(() => undefined); // stopped while it connected
          return;
        }
        this.client = client;
        this.clear(); // whatever happened while nobody listened is unknown
        this.listening = true;
      } catch (err) {
        retry(
          err,
          'principal cache: could not listen; caching off, retrying',
          delayMs,
          Math.min(delayMs * 2, 30_000),
        );
      }
    };
    await connect(1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.goDeaf(client);
    await client?.end().catch(() => undefined);
  }

  get(key: string, now = Date.now()): V | undefined {
    if (!this.listening) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= now) {
      this.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Call before loading what will be cached; pass the result to `set`. */
  beginLoad(): number {
    return this.epoch;
  }

  set(key: string, userId: string, value: V, loadedAt: number, now = Date.now()): void {
    if (!this.listening || loadedAt !== this.epoch) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    this.delete(key);
    this.entries.set(key, { userId, value, expiresAt: now + this.ttlMs });
    let keys = this.byUser.get(userId);
    if (!keys) this.byUser.set(userId, (keys = new Set()));
    keys.add(key);
  }

  /** Drops everything cached about a user (this instance's own changes call it before replying). */
  forgetUser(userId: string): void {
    this.epoch++;
    for (const key of this.byUser.get(userId) ?? []) this.entries.delete(key);
    this.byUser.delete(userId);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
    this.byUser.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Waits until every notice committed before now has been applied here. It sends a marker through
   * the listener's own connection: PostgreSQL delivers notices in commit order, so when the marker
   * comes back, the notices of changes that committed earlier have come (and been applied) first.
   * Called before answering a request that changed something, so that the next request, on this
   * instance, by anyone, sees the change. If the marker does not come back in time, the cache is
   * emptied instead.
   */
  sync(timeoutMs = 2000): Promise<void> {
    // Callers of the same turn of the event loop share one marker: each committed its change
    // before calling, so a marker sent after all of them have called covers every one. Under load
    // that is one notice for a burst of writes instead of one each.
    if (!this.pendingSync) {
      this.pendingSync = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.pendingSync = null;
        return this.sendMarker(timeoutMs);
      });
    }
    return this.pendingSync;
  }

  /** How many markers sync() has sent (for tests of the sharing). */
  get markersSent(): number {
    return this.barrierCount;
  }

  private async sendMarker(timeoutMs: number): Promise<void> {
    const client = this.client;
    if (!this.listening || !client) return;
    const id = `${process.pid}.${++this.barrierCount}`;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => {
      this.barriers.set(id, () => resolve(true));
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      await client.query('select pg_notify($1, $2)', [PRINCIPAL_CHANNEL, `sync:${id}`]);
      if (!(await arrived)) this.clear();
    } catch {
      this.clear();
    } finally {
      clearTimeout(timer);
      this.barriers.delete(id);
    }
  }

  private onNotice(payload: string): void {
    if (payload.startsWith('sync:')) this.barriers.get(payload.slice(5))?.();
    else if (payload === '*') this.clear();
    else this.forgetUser(payload);
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    const keys = this.byUser.get(e.userId);
    keys?.delete(key);
    if (keys?.size === 0) this.byUser.delete(e.userId);
  }

  private goDeaf(client: pg.Client | null): void {
    this.listening = false;
    this.clear();
    if (client && this.client === client) this.client = null;
  }
}
