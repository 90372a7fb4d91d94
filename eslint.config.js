import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import moduleBoundaries from './eslint/module-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'coverage',
      '.tmp',
      'server/db/migrations',
      'bench/results',
      'bin',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in server/config.ts only.' },
      ],
    },
  },
  {
    // crypto.randomUUID exists only in a secure context: a hospital serving Hospitium over plain
    // HTTP on its own network has none, and a dialog using it failed there.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    ignores: ['web/**/*.test.ts', 'web/**/*.test.tsx'], // tests run in Node, which always has it
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in server/config.ts only.' },
        {
          object: 'crypto',
          property: 'randomUUID',
          message: 'Not available over plain HTTP: use newIdempotencyKey (web/lib/idempotency.ts).',
        },
      ],
    },
  },
  {
    files: [
      'server/config.ts',
      'e2e/**',
      'bench/**',
      'playwright.config.ts',
      'vitest.config.ts',
      'server/test/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The architecture, enforced: no import cycles anywhere, and module seams kept (ARCHITECTURE.md).
    files: ['server/**/*.ts', 'contracts/**/*.ts', 'web/**/*.ts', 'web/**/*.tsx'],
    plugins: { 'import-x': importX, hospitium: { rules: { 'module-boundaries': moduleBoundaries } } },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      // Without a parser for .ts, import-x cannot read dependencies and sees no cycles at all.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'hospitium/module-boundaries': 'error',
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
