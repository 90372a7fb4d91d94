// Builds the web app when dist/web is missing or older than its sources: run by `npm start`
// (prestart), `npm install` (prepare) and the browser tests, so a fresh clone serves the app
// and an unchanged one starts at once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const INDEX = path.join(ROOT, 'dist/web/index.html');
/** What the build reads: a change in any of these makes the build stale. */
const SOURCES = ['web', 'contracts', 'vite.config.ts', 'postcss.config.js', 'package-lock.json'];

function newestMtime(p: string): number {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const e of fs.readdirSync(full, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, e.name)));
  }
  return newest;
}

export function webBuildIsStale(): { stale: boolean; reason: string } {
  if (!fs.existsSync(INDEX)) return { stale: true, reason: 'there is no web build yet' };
  const built = fs.statSync(INDEX).mtimeMs;
  const changed = SOURCES.find((s) => newestMtime(s) > built);
  return changed
    ? { stale: true, reason: `${changed} changed since the last build` }
    : { stale: false, reason: '' };
}

function viteInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('vite/package.json');
    return true;
  } catch {
    return false;
  }
}

const optional = process.argv.includes('--if-possible');
const { stale, reason } = webBuildIsStale();
if (!stale) process.exit(0);
if (!viteInstalled()) {
  // A production install without dev dependencies: the build must come from elsewhere (the image, CI).
  console.warn(
    `Web app not built (${reason}) and vite is not installed; the server will say so on its pages.`,
  );
  process.exit(optional ? 0 : 1);
}
console.log(`Building the web app: ${reason}…`);
// A production bundle whatever the caller's NODE_ENV (test runners set it to "test", which would
// make React's development build and blow the size budget).
const r = spawnSync('npm', ['run', '--silent', 'build'], {
  cwd: ROOT,
  stdio: 'inherit',
  // eslint-disable-next-line no-restricted-properties -- a build tool passing its environment on, not server configuration
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(r.status ?? 1);
