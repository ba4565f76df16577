// Lint: typescript-eslint and eslint-plugin-vue, plus the layering rules
// (checked by folder name, as VS Code checks its own): shared/ imports no side
// and no Node; hub/ never imports electron/, renderer/ or bench/; electron/
// reaches the hub only through hub/index.ts (tests also through
// hub/testing/index.ts); the renderer only through the typed API; no test
// imports bench/. scripts/lint-layers.test.ts proves each rule fires.
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-hub/**', 'node_modules/**', 'coverage/**', 'playwright-report/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The hub's store answers with promises (PostgreSQL is a socket away): a
    // call nobody awaits is a write that may land after its reply, or fail
    // unseen. Type-aware, so only where the store is reached.
    files: ['hub/**/*.ts', 'electron/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  ...layering(),
);

// no-restricted-imports takes one list of patterns per file (a later config
// replaces an earlier one's), so each folder's list is written out whole,
// with its tests' list after it.
function layering() {
  const tests = ['**/*.test.ts', '**/*.spec.ts'];
  const noBench = { regex: '(^|/)bench(/|$)', message: 'Tests never import bench/: move what they share next to the code it exercises (e.g. a testing/ folder).' };
  const sharedRules = [
    { regex: '(^|/)(electron|hub|renderer|bench)(/|$)|^@renderer/', message: 'shared/ is used by every side and imports none of them.' },
    { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'], message: 'shared/ runs in the renderer too: no Node modules.' },
  ];
  // Covers bench/ for hub/'s tests too.
  const hubRules = [{ regex: '(^|/)(electron|renderer|bench)(/|$)|^@renderer/', message: 'hub/ is a server of its own: it never imports electron/, renderer/ or bench/.' }];
  const hubThroughEntry = { regex: '(^|/)hub/(?!index$)', message: 'electron/ reaches the hub only through its public entry: import from hub/ (hub/index.ts).' };
  const hubThroughEntries = { regex: '(^|/)hub/(?!(index|testing|testing/index)$)', message: 'electron/ reaches the hub only through its public entries: hub/ (hub/index.ts) and, for tests, hub/testing.' };
  const rendererRules = [
    {
      regex: '(^|/)(electron|hub|bench)(/|$)|^node:',
      message: 'The renderer talks to the main process only through the typed API (shared/api); it imports no electron/, hub/, bench/ or Node code.',
    },
  ];
  const rule = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
  return [
    { files: tests, ignores: ['bench/**'], rules: rule([noBench]) },
    { files: ['shared/**/*.ts'], rules: rule(sharedRules) },
    { files: ['hub/**/*.ts'], rules: rule(hubRules) },
    { files: ['electron/**/*.ts'], rules: rule([hubThroughEntry]) },
    { files: ['electron/**/*.test.ts', 'electron/**/testing/**/*.ts'], rules: rule([hubThroughEntries, noBench]) },
    { files: ['renderer/**/*.{ts,vue}'], rules: rule(rendererRules) },
  ];
}
