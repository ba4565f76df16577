// Issue 10, item 6: the layers are checked by lint (eslint.config.js), by
// folder name as VS Code checks its own. Each rule is run through ESLint's
// Node API on snippets placed in each layer: a violation is an error, the
// allowed form passes.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
let eslint: ESLint;

beforeAll(() => {
  // The snippets are files that do not exist, which the type-aware rules cannot load into a program; the
  // layer rules need no types, so those rules are turned off for the snippets alone.
  eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ['**/*.ts'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/no-misused-promises': 'off',
        '@typescript-eslint/await-thenable': 'off',
      },
    },
  });
});

/** The no-restricted-imports messages for `code` as if it were the file at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  const fatal = result.messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`could not parse the snippet: ${fatal[0]?.message}`);
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

const use = (specifier: string, name = 'thing'): string => `import { ${name} } from '${specifier}';\nexport const used = ${name};\n`;
const useType = (specifier: string): string => `import type { Thing } from '${specifier}';\nexport type Used = Thing;\n`;

describe('issue 10.6: lint keeps the layers apart', () => {
  it.each([
    ['hub/server/example.ts', '../../electron/core/desktop-core'],
    ['hub/example.ts', '../renderer/src/api/client'],
    ['hub/example.ts', '../bench/harness'],
    ['hub/example.ts', 'electron'],
    ['hub/example.test.ts', '../electron/core/testing/test-core'],
  ])('hub/ never imports electron/, renderer/ or bench/ (%s: %s)', async (file, specifier) => {
    expect(await layerErrors(file, use(specifier))).toEqual([expect.stringContaining('hub/ is a server of its own')]);
  });

  it('hub/ imports its own folders and shared/', async () => {
    expect(await layerErrors('hub/server/example.ts', use('../store/hub-store') + use('../../shared/policy', 'other'))).toEqual([]);
  });

  it.each([
    ['electron/core/example.test.ts', '../../bench/csv-export.bench'],
    ['electron/core/replica/example.test.ts', '../../../bench/csv-export.bench'],
    ['hub/example.test.ts', '../bench/harness'],
    ['shared/policy/example.test.ts', '../../bench/harness'],
    ['scripts/example.test.ts', '../bench/harness'],
    ['e2e/example.spec.ts', '../bench/harness'],
  ])('tests never import bench/ (%s: %s)', async (file, specifier) => {
    expect(await layerErrors(file, use(specifier))).toEqual([expect.stringContaining('bench/')]);
  });

  it("bench/'s own smoke test imports bench/", async () => {
    expect(await layerErrors('bench/example.test.ts', use('./harness'))).toEqual([]);
  });

  it.each([
    ['electron/core/example.ts', use('../../hub/platform/private-files')],
    ['electron/core/example.ts', useType('../../hub/server/hub')],
    ['electron/core/replica/example.ts', use('../../../hub/store/hub-store')],
    ['electron/main/example.ts', use('../../hub/server/hub')],
    ['electron/web/example.ts', use('../../hub/bootstrap')],
    ['electron/core/example.ts', use('../../hub/testing')],
    ['electron/core/example.test.ts', use('../../hub/testing/test-hub')],
    ['electron/core/example.test.ts', use('../../hub/store/hub-store')],
  ])('electron/ reaches the hub only through hub/index.ts, tests also through hub/testing (%s: %s)', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([expect.stringContaining('only through its public')]);
  });

  it('electron/ imports the hub through its entries', async () => {
    expect(await layerErrors('electron/core/example.ts', use('../../hub') + useType('../../hub/index'))).toEqual([]);
    expect(await layerErrors('electron/core/replica/example.ts', use('../../../hub'))).toEqual([]);
    expect(await layerErrors('electron/core/example.test.ts', use('../../hub') + use('../../hub/testing', 'other'))).toEqual([]);
    expect(await layerErrors('electron/core/testing/example.ts', use('../../../hub/testing'))).toEqual([]);
  });

  it.each([
    ['renderer/src/stores/example.ts', use('../../../electron/core/desktop-core')],
    ['renderer/src/stores/example.ts', use('../../../electron/preload/index')],
    ['renderer/src/stores/example.ts', use('../../../hub')],
    ['renderer/src/stores/example.ts', use('../../../bench/harness')],
    ['renderer/src/stores/example.ts', use('electron')],
    ['renderer/src/stores/example.ts', use('node:fs')],
    ['renderer/src/components/Example.vue', `<script setup lang="ts">\n${use('../../../electron/core/desktop-core')}</script>\n<template><div /></template>\n`],
  ])('renderer/ talks to the rest only through the typed API (%s)', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([expect.stringContaining('only through the typed API')]);
  });

  it('renderer/ imports the typed API, its own code and shared/', async () => {
    expect(await layerErrors('renderer/src/stores/example.ts', use('@shared/api/contract') + use('../api/client', 'other'))).toEqual([]);
  });

  it.each([
    ['shared/policy/example.ts', '../../hub'],
    ['shared/policy/example.ts', 'node:fs'],
    ['shared/policy/example.ts', '../../bench/harness'],
  ])('shared/ imports no side and no Node (%s: %s)', async (file, specifier) => {
    expect(await layerErrors(file, use(specifier))).toHaveLength(1);
  });
});
