import { configDefaults, defineConfig } from 'vitest/config';
import HangWatchdog from './server/test/hang-watchdog';

// VITEST_JSON_OUTPUT=file also writes a JSON report there (CI sums the counts of its runs).
const json = process.env.VITEST_JSON_OUTPUT;

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/**/*.test.ts', 'bench/**/*.test.ts'],
    // Tests of the embedded server alone ran in the embedded pass; see server/test/passes.ts.
    exclude: [...configDefaults.exclude, ...(process.env.TEST_DATABASE_URL ? ['**/*.embedded.test.ts'] : [])],
    globalSetup: ['server/test/global-setup.ts'],
    pool: 'forks',
    // Files share a worker's loaded modules instead of importing the app afresh each (the imports
    // were half the suite's CPU). Each file still gets its own database copy, app and SMTP server.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each file gets its own database copy; two workers match the two cores CI has.
    maxWorkers: 2,
    // A file that runs past TEST_FILE_TIME_LIMIT_S (default 300) ends the run, naming the file.
    reporters: [
      'default',
      new HangWatchdog(Number(process.env.TEST_FILE_TIME_LIMIT_S ?? 300) * 1000),
      ...(json ? [['json', { outputFile: json }] satisfies ['json', { outputFile: string }]] : []),
    ],
  },
});
