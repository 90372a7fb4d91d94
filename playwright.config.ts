import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The config is evaluated in the runner and again in each worker; values kept in the environment
// make all of them agree on one server, one data directory and one mail folder.
function freePort(): string {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script]).toString().trim();
}
process.env.E2E_PORT ??= freePort();
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-e2e-'));
process.env.E2E_MAIL_DIR ??= path.join(process.env.E2E_DATA_DIR, 'received-mail');

const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL,
    // Recorded on the retry of a failed journey only: recording every journey (its screencast and
    // snapshots) about doubled each journey's time (on a phone, the outpatient day 2.0 min against
    // 1.0, the in-patient stay 90 s against 34, measured side by side on 2026-12-03).
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Names for the same server that are not "localhost": pages opened through them are not a
        // secure context, as on a hospital intranet served over plain HTTP (e2e/support/intranet.ts).
        '--host-resolver-rules=MAP *.hospital.test 127.0.0.1',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1366, height: 900 } } },
    {
      name: 'phone',
      use: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
      // Journeys tagged @desk run at desk width only: most accessibility scans (colours and names
      // are the same at every width; e2e/accessibility.spec.ts says which run on a phone).
      grepInvert: /@desk/,
    },
  ],
  webServer: {
    // Builds the web app if it is stale, then starts a test SMTP server and Hospitium on a fresh data directory.
    command: 'npx tsx scripts/ensure-web-build.ts && npx tsx e2e/support/server.ts',
    url: `${baseURL}/readyz`,
    timeout: 240_000,
    reuseExistingServer: false,
    // A graceful stop lets the server close its database and remove its temporary data directory.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: process.env.E2E_PORT,
      HOST: '127.0.0.1',
      DATA_DIR: process.env.E2E_DATA_DIR,
      E2E_MAIL_DIR: process.env.E2E_MAIL_DIR,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_AUTH_PER_MINUTE: '10000',
      PUBLIC_URL: baseURL,
    },
  },
});
