// ESLint rule: the module seams of ARCHITECTURE.md, enforced.
// - A domain module (server/modules/<name>/) imports another module only through its index.ts.
//   Table files may import other modules' table files (foreign keys); tests may reach in freely.
// - The platform (server/platform/) and the database layer never import a domain module: modules
//   hand what the platform needs in through ports. (Table files may reference other tables.)
// - contracts/ and web/ never import server code.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const MODULES = path.join(ROOT, 'server', 'modules');

function moduleOf(file) {
  const rel = path.relative(MODULES, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const [name, ...rest] = rel.split(path.sep);
  return rest.length === 0 ? null : { name, rest: rest.join('/') };
}

const isTest = (file) =>
  /\.(test|test-helpers|test-support)\.tsx?$/.test(file) || file.includes(`${path.sep}test${path.sep}`);
const isTables = (file) => /\.tables(\.ts)?$/.test(file);
const within = (file, dir) => !path.relative(path.join(ROOT, dir), file).startsWith('..');

export default {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keep module seams: other modules through index.ts only; platform never imports modules',
    },
    schema: [],
    messages: {
      internal:
        "'{{target}}' is inside the {{module}} module: import from '{{index}}' (its index.ts) instead, or add what you need to its public face.",
      platform:
        "The platform must not import the {{module}} module ('{{target}}'): hand it in through a port wired in server/modules/index.ts.",
      server: "'{{target}}' is server code; {{area}} may import only contracts/ and its own files.",
    },
  },
  create(context) {
    const file = context.filename;
    if (!file.endsWith('.ts') && !file.endsWith('.tsx')) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      const rel = path.relative(ROOT, target);
      if ((within(file, 'contracts') || within(file, 'web')) && within(target, 'server') && !isTest(file)) {
        context.report({
          node,
          messageId: 'server',
          data: { target: rel, area: within(file, 'web') ? 'web/' : 'contracts/' },
        });
        return;
      }
      const to = moduleOf(target);
      if (!to) return;
      const from = moduleOf(file);
      // The demo seed writes every module's tables, as the test factories do; anything else it
      // uses comes through the modules' public faces like any other caller.
      const seed = within(file, 'server/db/seed');
      if (!from && !seed && (within(file, 'server/platform') || within(file, 'server/db'))) {
        if (within(file, 'server/db') && isTables(target)) return; // schema.ts collects every table
        if (isTables(file) && isTables(target)) return; // a foreign key to a module's table
        context.report({ node, messageId: 'platform', data: { module: to.name, target: rel } });
        return;
      }
      if (seed && isTables(target)) return;
      if ((!from && !seed) || from?.name === to.name) return;
      if (to.rest === 'index' || to.rest === 'index.ts') return;
      if (isTest(file)) return;
      if (isTables(file) && isTables(target)) return;
      context.report({
        node,
        messageId: 'internal',
        data: {
          target: rel,
          module: to.name,
          index: path.relative(path.dirname(file), path.join(MODULES, to.name)),
        },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
