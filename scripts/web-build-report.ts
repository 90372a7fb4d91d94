// After `vite build`: writes .gz and .br copies of the text assets (served pre-compressed by the
// server), prints every asset's raw and compressed size, and fails the build when the first load
// (index.html's entry script plus the chunks it preloads) is over its budget.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const OUT = path.resolve(import.meta.dirname, '../dist/web');
/** Compressed JavaScript a first visit may download before anything shows (gzip, KB). */
const FIRST_LOAD_BUDGET_KB = 300;

const kb = (n: number) => (n / 1024).toFixed(1).padStart(8);

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

if (!fs.existsSync(path.join(OUT, 'index.html'))) {
  console.error(`No build found in ${OUT}; run vite build first.`);
  process.exit(1);
}

const sizes = new Map<string, { raw: number; gzip: number; brotli: number }>();
for (const file of walk(OUT)) {
  if (!/\.(js|css|html|svg|json)$/.test(file)) continue;
  const data = fs.readFileSync(file);
  const gzip = zlib.gzipSync(data, { level: 9 });
  const brotli = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  fs.writeFileSync(`${file}.gz`, gzip);
  fs.writeFileSync(`${file}.br`, brotli);
  sizes.set(path.relative(OUT, file), { raw: data.length, gzip: gzip.length, brotli: brotli.length });
}

// What a first visit downloads: the entry with its static imports, plus the lazily loaded page
// (and its static imports) of the screen it lands on. Read from Vite's manifest.
interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}
const manifest = JSON.parse(fs.readFileSync(path.join(OUT, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;
function closure(keys: string[]): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const i of chunk.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return [...files].filter((f) => f.endsWith('.js'));
}
const FIRST_PAGES: Record<string, string[]> = {
  'landing page (/)': ['index.html', 'features/public/LandingPage.tsx'],
  'sign-in (/sign-in)': ['index.html', 'features/auth/SignInPage.tsx'],
  'dashboard (/app)': ['index.html', 'app/guards.tsx', 'features/dashboard/DashboardPage.tsx'],
};
const firstLoad = closure(['index.html']);

console.log('\nWeb app assets (KB)                              raw     gzip   brotli');
const rows = [...sizes]
  .filter(([f]) => f.endsWith('.js') || f.endsWith('.css'))
  .sort((a, b) => b[1].gzip - a[1].gzip);
for (const [file, s] of rows) {
  const mark = firstLoad.includes(file) ? '*' : ' ';
  console.log(`${mark} ${file.padEnd(44)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}`);
}
const js = rows.filter(([f]) => f.endsWith('.js'));
const gz = (files: string[], k: 'gzip' | 'brotli' = 'gzip') =>
  files.reduce((sum, f) => sum + (sizes.get(f)?.[k] ?? 0), 0) / 1024;
console.log('\n  (* = loaded by index.html itself)');
console.log(`  First load of compressed JavaScript (budget ${FIRST_LOAD_BUDGET_KB} KB gzip):`);
let over = false;
for (const [page, keys] of Object.entries(FIRST_PAGES)) {
  const files = closure(keys);
  const size = gz(files);
  over ||= size > FIRST_LOAD_BUDGET_KB;
  console.log(
    `    ${page.padEnd(22)} ${size.toFixed(1).padStart(6)} KB gzip  ${gz(files, 'brotli').toFixed(1).padStart(6)} KB brotli  (${files.length} files)`,
  );
}
console.log(
  `  All JavaScript: ${js.length} files, ${gz(js.map(([f]) => f)).toFixed(1)} KB gzip, fetched screen by screen as they are opened.\n`,
);
if (over) {
  console.error(`A first load is over the ${FIRST_LOAD_BUDGET_KB} KB budget.`);
  process.exit(1);
}
