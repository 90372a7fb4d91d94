// `hospitium` as an operator runs it: a separate process against an embedded DATA_DIR.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from './modules/identity/identity.crypto';
import { openDataDirDatabase } from './test/harness';
import { runCli } from './test/spawn';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-cli-'));
const env = { DATA_DIR: dataDir };
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('hospitium CLI', () => {
  it('explains itself and rejects wrong usage with exit code 2', async () => {
    const help = await runCli(['--help'], env);
    expect(help.code).toBe(0);
    for (const c of ['migrate', 'seed', 'create-admin', 'verify-audit']) expect(help.stdout).toContain(c);
    const unknown = await runCli(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const missing = await runCli(['create-admin', '--email', 'a@example.org'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('create-admin needs --email and --name');
    expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false); // usage errors touch no database
  }, 60_000);

  it('migrates, creates an admin with a generated password, and will not seed a database in use', async () => {
    const migrated = await runCli(['migrate'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/Applied \d+ migration\(s\)/);

    // No terminal to ask on, so a password is generated and shown once.
    const created = await runCli(
      ['create-admin', '--email', 'Owner@Example.org', '--name', 'Owner Person'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created owner@example.org: now platform admin.');
    const password = /Generated password \(shown only this once\): (\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeDefined();

    const weak = await runCli(
      ['create-admin', '--email', 'two@example.org', '--name', 'Two', '--password', 'password123'],
      env,
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('too common');

    const seed = await runCli(['seed'], env);
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain('already holds data (0 hospital(s), 1 user(s))');

    const database = await openDataDirDatabase(dataDir);
    try {
      const { rows } = await database.query<{ password_hash: string; role: string; n: number }>(
        `select u.password_hash, m.role, (select count(*)::int from users) as n
           from users u join memberships m on m.user_id = u.id where u.email = 'owner@example.org'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.role).toBe('platform_admin');
      expect(rows[0]!.n).toBe(1);
      expect(await verifyPassword(rows[0]!.password_hash, password!)).toBe(true);
    } finally {
      await database.close();
    }
  }, 180_000);

  it("works beside a process that holds the data directory, on that process's server", async () => {
    const holder = await openDataDirDatabase(dataDir); // stands in for a running app
    try {
      const r = await runCli(['verify-audit'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Audit chain intact');
      // The CLI joined the holder's server and left it running: the holder still reads and writes.
      const { rows } = await holder.query<{ n: number }>('select count(*)::int as n from users');
      expect(rows[0]!.n).toBe(1);
    } finally {
      await holder.close();
    }
  }, 60_000);
});
