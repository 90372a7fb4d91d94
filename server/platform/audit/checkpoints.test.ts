// The running app writes the audit chain's head outside the database, signed, so that deleting the
// newest rows cannot go unnoticed (verify-audit's side is in verify.test.ts).
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditCheckpointKey } from '../../modules/identity';
import { createUser } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { until } from '../jobs/jobs.testing';
import { checkAgainstCheckpoints, checkpointFile, readCheckpoints } from './checkpoints';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ AUDIT_CHECKPOINT_SECONDS: '1' });
});
afterAll(async () => t?.close());

it('the sealer checkpoints the head as it grows, and the checkpoints match the chain', async () => {
  const user = await createUser(t.database.db);
  const signIns = () =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: 'nope-nope-1' },
    });
  await signIns();
  const key = await auditCheckpointKey(t.database.db);
  const headNow = async () =>
    Number(
      (await t.database.query<{ n: string }>('select max(chain_seq) as n from audit_events')).rows[0]!.n ?? 0,
    );
  await until(async () => {
    const { valid } = readCheckpoints(t.dataDir, key);
    return valid.length > 0 && valid.at(-1)!.chainSeq === (await headNow());
  }, 'a checkpoint of the current head');
  await signIns();
  await until(async () => {
    const { valid } = readCheckpoints(t.dataDir, key);
    return valid.length > 1 && valid.at(-1)!.chainSeq === (await headNow());
  }, 'a second checkpoint once the head moved');
  const { valid, forged } = readCheckpoints(t.dataDir, key);
  expect(forged).toEqual([]);
  expect(await checkAgainstCheckpoints(t.database, valid)).toEqual([]);
  expect(fs.statSync(checkpointFile(t.dataDir)).mode & 0o777).toBe(0o600);
  // Read with another key, every line is reported.
  expect(readCheckpoints(t.dataDir, 'another-key').forged).toHaveLength(valid.length);
});
