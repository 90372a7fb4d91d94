// nginx's workers run as nobody when the cluster is started as root. A clone in a 0700 folder such
// as /root answered every page with 404 through nginx (the API, proxied, still worked): these
// check, as nobody itself, that the folders the workers are given are ones it can read.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstBlockedDirectory, resolveServiceUser } from '../server/db/embedded/service-user';
import { renderMain, workerFolders } from './cluster-nginx';

const asRoot = process.getuid?.() === 0;
const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A web build in a folder of the given mode, as `npm run build` leaves one. */
function webBuild(mode: number): { top: string; webRoot: string; runDir: string } {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-clone-'));
  made.push(top);
  fs.chmodSync(top, mode);
  const webRoot = path.join(top, 'dist', 'web');
  fs.mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Hospitium</title>');
  fs.writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log(1)');
  const runDir = path.join(top, 'data', 'nginx');
  fs.mkdirSync(runDir, { recursive: true });
  return { top, webRoot, runDir };
}

/** What the nobody account reads of `file` (null when it may not). */
function readAsNobody(file: string): string | null {
  const r = spawnSync('runuser', ['-u', 'nobody', '--', 'cat', file], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : null;
}

describe.runIf(asRoot)('the folders nginx workers get under root', () => {
  it('copies a web build nobody cannot reach to one it can, and removes the copy', () => {
    const { top, webRoot, runDir } = webBuild(0o700);
    expect(readAsNobody(path.join(webRoot, 'index.html')), 'the clone itself is out of reach').toBeNull();
    expect(firstBlockedDirectory(webRoot, resolveServiceUser('nobody')!)).toBe(top);
    const logged: string[] = [];
    const folders = workerFolders(webRoot, runDir, (m) => logged.push(m));
    expect(folders.webRoot).not.toBe(webRoot);
    expect(readAsNobody(path.join(folders.webRoot, 'index.html'))).toContain('<title>Hospitium</title>');
    expect(readAsNobody(path.join(folders.webRoot, 'assets', 'app.js'))).toBe('console.log(1)');
    // The workers' temporary files go below a folder nobody can enter (nginx's master, as root,
    // makes the *_temp folders there and gives them to the workers).
    expect(spawnSync('runuser', ['-u', 'nobody', '--', 'ls', folders.tempDir]).status).toBe(0);
    expect(renderMain({ runDir, tempDir: folders.tempDir, siteFile: 'site.conf', workers: 1 })).toContain(
      `proxy_temp_path ${path.join(folders.tempDir, 'proxy_temp')};`,
    );
    expect(logged.join('\n')).toContain(webRoot);
    folders.remove();
    expect(fs.existsSync(folders.tempDir)).toBe(false);
  });

  it('serves a reachable build where it is', () => {
    const { webRoot, runDir } = webBuild(0o755);
    const folders = workerFolders(webRoot, runDir, () => {});
    expect(folders).toMatchObject({ webRoot, tempDir: runDir });
    expect(readAsNobody(path.join(webRoot, 'index.html'))).toContain('Hospitium');
    expect(renderMain({ runDir, siteFile: 'site.conf', workers: 1 })).toMatch(/^user nobody /);
  });
});

it('refuses to start without a web build, saying how to make one', () => {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-clone-'));
  made.push(top);
  expect(() => workerFolders(path.join(top, 'dist', 'web'), top, () => {})).toThrow(/npm run build/);
});
