import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Server walls (docs/ARCHITECTURE.md): a module imports another module only through its index.ts
// (tests and testing.ts also through its testing.ts); platform/ and db/ import no module.
const SERVER_MODULES = fs.readdirSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'server/src/modules'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const SERVER_TESTS = ['server/src/**/*.test.ts', 'server/src/modules/*/testing.ts'];
const moduleWall = (self, entries) => ({
  group: SERVER_MODULES.filter((m) => m !== self).flatMap((m) => [`**/${m}/**`, ...entries.map((e) => `!**/${m}/${e}`)]),
  message: entries.includes('testing.js')
    ? "A test imports another module only through its index.ts (its public API) or its testing.ts (test factories). See docs/ARCHITECTURE.md."
    : "Import another module only through its index.ts (its public API); only tests may also use its testing.ts. See docs/ARCHITECTURE.md.",
});
const serverWalls = [
  ...SERVER_MODULES.flatMap((m) => [
    { files: [`server/src/modules/${m}/**/*.ts`], ignores: SERVER_TESTS, rules: { 'no-restricted-imports': ['error', { patterns: [moduleWall(m, ['index.js'])] }] } },
    { files: SERVER_TESTS.map((t) => t.replace('server/src/', `server/src/modules/${m}/`).replace('modules/*/', '')), rules: { 'no-restricted-imports': ['error', { patterns: [moduleWall(m, ['index.js', 'testing.js'])] }] } },
  ]),
  {
    files: ['server/src/platform/**/*.ts', 'server/src/db/**/*.ts'],
    ignores: ['server/src/platform/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/modules/**'], message: 'platform/ and db/ import no module: modules depend on them, never the reverse. See docs/ARCHITECTURE.md.' }] }] },
  },
  // Tests of platform/ that drive a flow across modules build their records with the modules' test factories.
  {
    files: ['server/src/platform/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/modules/*.js', '**/modules/*/**', '!**/modules/*/index.js', '!**/modules/*/testing.js'], message: 'A test of platform/ imports a module only through its index.ts or its testing.ts (test factories). See docs/ARCHITECTURE.md.' }] }] },
  },
];

/**
 * Web import rules (issue 14): the web never imports server code, and a web module
 * (web/src/modules/<name>/) is entered by other modules and the shell only through its index.ts;
 * code several modules share lives in web/src/app or web/src/api. One block per module and folder
 * depth, because a relative import leaves the module after as many `../` as the file is deep.
 */
const WEB_SERVER_IMPORT = {
  regex: '^(\\.\\./)+(server|bench|e2e)(/|$)|^(server|bench|e2e)/',
  message: 'The web must not import server (or test/bench) code: use the generated API types in web/src/api.',
};
const WEB_INNER_IMPORT_MESSAGE =
  "Import another web module only through its index.ts (e.g. '../orgs', not '../orgs/useOrgs'); export what it shares from there, or move shared code to web/src/app.";
const webModules = fs.readdirSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'web/src/modules'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const webImportRules = (patterns) => ({ 'no-restricted-imports': ['error', { patterns: [WEB_SERVER_IMPORT, ...patterns] }] });
const webBoundaryBlocks = [
  // everything under web/src: a path through modules/<name>/ must stop at the module (its index)
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: webImportRules([{ regex: '(^|/)modules/[^/]+/(?!index$).+', message: WEB_INNER_IMPORT_MESSAGE }]),
  },
  ...webModules.flatMap((name) =>
    [1, 2, 3, 4, 5].map((depth) => ({
      files: [`web/src/modules/${name}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
      rules: webImportRules([
        { regex: '(^|/)modules/[^/]+/(?!index$).+', message: WEB_INNER_IMPORT_MESSAGE },
        // `depth` times ../ reaches web/src/modules/: the next folder is a module; only its index may follow
        { regex: `^(\\.\\./){${depth}}(?!\\.\\./|${name}/)[^/]+/(?!index$).+`, message: WEB_INNER_IMPORT_MESSAGE },
      ]),
    })),
  ),
];

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'data/**', 'web/src/api/schema.d.ts', '.e2e/**', 'bench/.build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  { files: ['bin/**/*.js'], languageOptions: { globals: { ...globals.node } } },
  // packages/draw-verify: one module for browsers and Node.js (its command line path uses Node's globals).
  { files: ['packages/**/*.mjs'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  ...serverWalls,
  ...webBoundaryBlocks,
);
