// The embedded server's own rules: who may reach its files, one manager per DATA_DIR with others
// joining, and no silent start beside a Hospitium 0.1 (PGlite) data directory.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../data-dir-lock';
import { LegacyDataDirError, openEmbeddedServer, type EmbeddedServer } from '.';
import { hostOf } from './cluster';
import { freeLoopbackPort, isAlive, readPostmasterPid, socketDirFor } from './server-process';
import {
  firstBlockedDirectory,
  grantSearchToServiceGroup,
  runningAsRoot,
  type ServiceUser,
} from './service-user';

const dirs: string[] = [];
const servers: EmbeddedServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-embedded-'));
  dirs.push(d);
  return d;
}

async function open(dataDir: string, exclusive = true): Promise<EmbeddedServer> {
  const s = await openEmbeddedServer({ dataDir, serviceUser: 'postgres', port: 0, exclusive });
  servers.push(s);
  return s;
}

/** A DATA_DIR whose cluster has been made and its server stopped again. */
async function stoppedCluster(): Promise<{ dataDir: string; clusterDir: string }> {
  const dataDir = tempDir();
  const first = await open(dataDir);
  const clusterDir = first.clusterDir;
  if (!clusterDir.startsWith(dataDir)) dirs.push(clusterDir, `${clusterDir}.owner`);
  await first.stop();
  return { dataDir, clusterDir };
}

async function scalar(url: string, text: string): Promise<unknown> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Object.values((await c.query(text)).rows[0] as object)[0];
  } finally {
    await c.end();
  }
}

describe('which folders the service account can pass through', () => {
  const someone: ServiceUser = { name: 'someone', uid: 54_321, gid: 54_321, groups: [54_321, 54_322] };

  it('finds the first closed folder on the way, by owner, group and other bits', () => {
    const root = tempDir();
    fs.chmodSync(root, 0o755);
    const a = path.join(root, 'a');
    const b = path.join(a, 'b');
    fs.mkdirSync(b, { recursive: true, mode: 0o755 });
    fs.chmodSync(a, 0o700);
    expect(firstBlockedDirectory(b, someone)).toBe(a);
    fs.chmodSync(a, 0o701); // search for others is enough to pass
    expect(firstBlockedDirectory(b, someone)).toBeNull();
    expect(firstBlockedDirectory(path.join(b, 'not-yet-made'), someone)).toBeNull();
    if (runningAsRoot()) {
      fs.chownSync(a, 0, 54_322); // a supplementary group of the account
      fs.chmodSync(a, 0o710);
      expect(firstBlockedDirectory(b, someone)).toBeNull();
      fs.chmodSync(a, 0o700);
      expect(firstBlockedDirectory(b, someone)).toBe(a);
    }
  });

  // Changing a folder's group needs root; the suite runs as root in CI and on these machines.
  it.runIf(runningAsRoot())(
    'opens a closed DATA_DIR to the account’s group only, never taking rights away',
    () => {
      const closed = tempDir(); // mkdtemp: 0700, root's group
      expect(grantSearchToServiceGroup(closed, someone)).toBe(true);
      const st = fs.statSync(closed);
      expect(st.gid).toBe(someone.gid);
      expect(st.mode & 0o777).toBe(0o710);

      const shared = tempDir();
      fs.chmodSync(shared, 0o750); // its group can read it today: leave it alone
      expect(grantSearchToServiceGroup(shared, someone)).toBe(false);
      expect(fs.statSync(shared).mode & 0o777).toBe(0o750);
    },
  );
});

describe('one manager per DATA_DIR', () => {
  it('refuses a second manager, lets a guest join, and stops the server only with its manager', async () => {
    const dataDir = tempDir();
    const owner = await open(dataDir);
    expect(owner.startedHere).toBe(true);
    expect(await scalar(owner.appUrl, 'select current_user')).toBe('hospitium');
    expect(await scalar(owner.appUrl, 'select rolsuper from pg_roles where rolname = current_user')).toBe(
      false,
    );
    expect(
      await scalar(owner.appUrl, "select setting from pg_settings where name = 'listen_addresses'"),
    ).toBe('127.0.0.1');
    expect(await scalar(owner.appUrl, "select setting from pg_settings where name = 'fsync'")).toBe('on');
    expect(fs.statSync(path.join(dataDir, 'postgres-passwords.json')).mode & 0o777).toBe(0o600);
    // The app talks over the Unix socket in the cluster's folder (no server address: not TCP),
    // a socket only its owner (the service account) and root may open.
    expect(await scalar(owner.appUrl, 'select inet_server_addr() is null')).toBe(true);
    const socket = fs.statSync(path.join(owner.clusterDir, `.s.PGSQL.${owner.port}`));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o700);

    await expect(open(dataDir)).rejects.toThrow(DataDirLockedError);
    const guest = await open(dataDir, false);
    expect(guest.port).toBe(owner.port);
    expect(guest.appUrl).toBe(owner.appUrl); // the socket, read from postmaster.pid
    expect(guest.startedHere).toBe(false);
    await guest.stop(); // a guest leaves the server running
    expect(await scalar(owner.appUrl, 'select 1')).toBe(1);

    const { pid } = readPostmasterPid(owner.clusterDir)!;
    await owner.stop();
    expect(isAlive(pid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'hospitium.lock'))).toBe(false);
  }, 60_000);
});

describe('the Unix socket', () => {
  it('lives in the cluster folder, unless its path would be too long for the system: then TCP alone', () => {
    expect(socketDirFor('/srv/hospitium/pg', 5432)).toBe('/srv/hospitium/pg');
    const deep = `/srv/${'x'.repeat(100)}/pg`;
    expect(socketDirFor(deep, 5432)).toBeNull();
    // Paths PostgreSQL's list setting or libpq's host= would split or misread: TCP instead.
    expect(socketDirFor('/srv/a,b/pg', 5432)).toBeNull();
    expect(socketDirFor('/srv/"quoted"/pg', 5432)).toBeNull();
    expect(socketDirFor('relative/pg', 5432)).toBeNull();
    expect(hostOf({ socketDir: null })).toBe('127.0.0.1');
  });

  it('is given up, for loopback TCP alone, when the server cannot make it in the cluster folder', async () => {
    // PostgreSQL cannot bind its socket where something else already is: here a folder of root's,
    // which the service account cannot remove, in its place. It fails as on a file system that
    // refuses sockets ("could not create any Unix-domain sockets"), and the start is retried without.
    const { dataDir, clusterDir } = await stoppedCluster();
    // The socket's name holds the port, so the port is named: no retry on another port, and
    // another test taking this one meanwhile would fail this one (the kernel rarely reuses it).
    const port = await freeLoopbackPort();
    const blocker = path.join(clusterDir, `.s.PGSQL.${port}`);
    fs.mkdirSync(path.join(blocker, 'occupied'), { recursive: true });
    const server = await openEmbeddedServer({ dataDir, serviceUser: 'postgres', port, exclusive: true });
    servers.push(server);
    expect(server.startedHere).toBe(true);
    expect(server.port).toBe(port);
    expect(server.socketDir).toBeNull();
    expect(server.appUrl).not.toContain('host=');
    expect(fs.statSync(blocker).isDirectory()).toBe(true); // left as it was
    // Over TCP: the server has an address, and it answers.
    expect(await scalar(server.appUrl, 'select inet_server_addr() is not null')).toBe(true);
    expect(readPostmasterPid(clusterDir)?.socketDir).toBeNull();
    // Whoever joins reads the same from postmaster.pid.
    const guest = await open(dataDir, false);
    expect(guest.appUrl).toBe(server.appUrl);
    await guest.stop();
    await server.stop();
  }, 90_000);
});

describe('a start that fails', () => {
  it('says why, in the server’s words from its log folder (a port named in PORT that is taken)', async () => {
    const { dataDir } = await stoppedCluster();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as net.AddressInfo).port;
      const err = await openEmbeddedServer({ dataDir, serviceUser: 'postgres', port, exclusive: true }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toContain('could not bind IPv4 address "127.0.0.1"');
      expect((err as Error).message).toContain('could not create any TCP/IP sockets');
    } finally {
      taken.close();
    }
    // DATA_DIR is free again: the next start works.
    const again = await open(dataDir);
    expect(await scalar(again.appUrl, 'select 1')).toBe(1);
    await again.stop();
  }, 90_000);
});

describe('a Hospitium 0.1 data directory', () => {
  it('is refused with the steps to take, and nothing is changed', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'db'));
    fs.writeFileSync(path.join(dataDir, 'db', 'PG_VERSION'), '17\n');
    const before = fs.readdirSync(dataDir).sort();
    const err = await open(dataDir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyDataDirError);
    expect((err as Error).message).toContain('Hospitium 0.1');
    expect((err as Error).message).toContain(
      `mv ${path.join(dataDir, 'db')} ${path.join(dataDir, 'db')}-pglite-0.1`,
    );
    expect(fs.readdirSync(dataDir).sort()).toEqual(before);
  });
});

// Only root has to run the server as another account; the suite runs as root in CI and here.
describe.runIf(runningAsRoot())('as root, DATA_DIR below a folder the service account cannot enter', () => {
  it('keeps the cluster in /var/lib/hospitium/clusters and links DATA_DIR/pg to it', async () => {
    const closedParent = tempDir(); // 0700, and its group already has no rights: left as it is
    const dataDir = path.join(closedParent, 'data');
    const server = await open(dataDir);
    const link = path.join(dataDir, 'pg');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(server.clusterDir.startsWith('/var/lib/hospitium/clusters/')).toBe(true);
    expect(server.notes.join(' ')).toContain(`cannot enter ${closedParent}`);
    expect(fs.statSync(closedParent).mode & 0o777).toBe(0o700);
    expect(await scalar(server.appUrl, 'select 1')).toBe(1);
    await server.stop();
    dirs.push(server.clusterDir, `${server.clusterDir}.owner`);
  }, 60_000);
});
