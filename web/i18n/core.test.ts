import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { core } from './core';
import { en } from './en';

// The app starts with the core words only (./index.ts); the rest load before /app and the queue
// screen render. A signed-out page, or the entry around it, that used a word outside the core
// would show its raw key, so this reads their code and looks every key they use up in the core.

const WEB = path.resolve(import.meta.dirname, '..');
const ROUTER = path.join(WEB, 'app/router.tsx');

type Words = { [key: string]: string | Words };

function lookup(words: Words, key: string): string | Words | undefined {
  let node: string | Words | undefined = words;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

/** A key names a word when it is a string or the stem of plural forms (key_one, key_other…). */
function isWord(words: Words, key: string): boolean {
  if (typeof lookup(words, key) === 'string') return true;
  const dot = key.lastIndexOf('.');
  const parent = dot < 0 ? words : lookup(words, key.slice(0, dot));
  const leaf = key.slice(dot + 1);
  return typeof parent === 'object' && Object.keys(parent).some((k) => k.startsWith(`${leaf}_`));
}

/** The router's routes with an absolute path (the signed-out pages, /app), how they load, their page files. */
function absoluteRoutes() {
  const source = fs.readFileSync(ROUTER, 'utf8');
  const re =
    /path:\s*'(\/[^']*)',(?:\s*\/\/[^\n]*)*\s*\.\.\.(page|pageWithAllWords)\(\s*\(\)\s*=>\s*\(?(?:\w+\(\),\s*)?import\('([^']+)'\)/g;
  const pages = [...source.matchAll(re)].map((m) => ({
    route: m[1]!,
    allWords: m[2] === 'pageWithAllWords',
    file: resolve(path.dirname(ROUTER), m[3]!)!,
  }));
  const paths = [...source.matchAll(/path:\s*'(\/[^']*)'/g)].map((m) => m[1]!);
  return { pages, paths };
}

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(from, spec);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find(
    (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
  );
}

/** The web files a module loads with it (static imports, not `import type` or lazy `import()`). */
function staticClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'/gm)) {
      if (m[2]) continue;
      const target = resolve(path.dirname(file), m[3]!);
      // The words themselves are what is checked, not a user of them.
      if (target && target.startsWith(WEB) && !target.startsWith(path.join(WEB, 'i18n'))) visit(target);
    }
  };
  entries.forEach(visit);
  return [...seen].filter((f) => /\.tsx?$/.test(f));
}

/** Keys a file uses: t('a.b') and i18n.t('a.b'), `a.b.${x}` prefixes, and quoted strings naming a word of en. */
function keysIn(file: string) {
  const source = fs.readFileSync(file, 'utf8');
  const literal = [...source.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!);
  const prefixes = [...source.matchAll(/\bt\(\s*`([^`$]+)\.\$\{/g)].map((m) => m[1]!);
  // Keys handed around before reaching t(): any quoted a.b that is a word of en.
  const quoted = [...source.matchAll(/['"`]([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)['"`]/g)]
    .map((m) => m[1]!)
    .filter((k) => isWord(en, k));
  return { literal, prefixes, quoted };
}

describe('core words', () => {
  const { pages: routes, paths } = absoluteRoutes();
  const pages = routes.filter((p) => !p.allWords);

  it('knows how every signed-out page of the router loads', () => {
    // A route this test cannot read would escape the check below.
    expect(
      routes.map((p) => p.route),
      'every absolute path but /app is a page() or pageWithAllWords()',
    ).toEqual(paths.filter((p) => p !== '/app'));
    for (const p of routes) expect(p.file, p.route).toBeDefined();
    const coreOnly = pages.map((p) => p.route);
    for (const r of ['/', '/sign-in', '/forgot-password', '/reset-password', '/invitations/accept']) {
      expect(coreOnly, r).toContain(r);
    }
    // The queue screen and the directory (its Book buttons) show words outside the core.
    expect(routes.filter((p) => p.allWords).map((p) => p.route)).toEqual([
      '/doctors',
      '/queue/:hospitalSlug',
    ]);
  });

  it('has every word the entry and the signed-out pages use', () => {
    const files = staticClosure([path.join(WEB, 'main.tsx'), ...pages.map((p) => p.file)]);
    expect(files.length).toBeGreaterThan(pages.length);
    const missing: string[] = [];
    let checked = 0;
    for (const file of files) {
      const { literal, prefixes, quoted } = keysIn(file);
      const where = path.relative(WEB, file);
      for (const key of [...literal, ...quoted]) {
        checked++;
        if (!isWord(core as Words, key)) missing.push(`${where}: ${key}`);
      }
      for (const prefix of prefixes) {
        checked++;
        if (typeof lookup(core as Words, prefix) !== 'object') missing.push(`${where}: ${prefix}.*`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('is a part of en with the same words', () => {
    for (const [key, value] of Object.entries(core)) {
      expect(en[key as keyof typeof en], key).toEqual(value);
    }
  });
});
