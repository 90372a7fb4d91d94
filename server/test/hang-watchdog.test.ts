// A test that blocks its worker for good must fail the run with its file's name, quickly, instead
// of holding CI until the step's time limit kills it without a word.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './spawn';

it('ends a run whose test file spins, naming the file', async () => {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      'server/test/fixtures/hang/vitest.config.ts',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(output).toContain('[hang-watchdog] HUNG: server/test/fixtures/hang/spin.fixture.ts');
  expect(Date.now() - started).toBeLessThan(30_000);
}, 60_000);
