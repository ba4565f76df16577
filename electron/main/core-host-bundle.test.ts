// Issue 12, item 2: the bundle Electron starts in its utility process.
// `npm run build` emits out/main/core-host.js beside the main bundle; it
// must not import electron (it runs the core, not the app), and it must run
// as it is: here it is started under plain Node, with the migrations that
// travel beside it, and starts a workspace. Checks the output of
// `npm run build`, which `npm test` runs first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CORE_HOST_BUNDLE, coreHostBundle } from '../core/process/core-host-bundle';
import { TestCoreProcess } from '../core/process/testing/test-core-process';

const mainDir = join(import.meta.dirname, '..', '..', 'out', 'main');

/** The bundle and every chunk it imports, transitively. */
function bundleFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, relative] of readFileSync(file, 'utf8').matchAll(/from\s+["'](\.{1,2}\/[^"']+)["']/g)) visit(join(file, '..', relative ?? ''));
  };
  visit(entry);
  return [...seen];
}

let desktop: TestCoreProcess | null = null;
afterEach(async () => {
  await desktop?.stop();
  desktop = null;
});

describe('the core host bundle', () => {
  it('issue 12.2: is emitted beside the main bundle, which starts it by that name', () => {
    expect(existsSync(coreHostBundle(mainDir)), `${CORE_HOST_BUNDLE} is missing: run npm run build`).toBe(true);
    expect(readdirSync(mainDir)).toContain('index.js');
  });

  it('issue 12.2: imports nothing from electron, in itself or its chunks', () => {
    for (const file of bundleFiles(coreHostBundle(mainDir))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from\s+["']electron["']|require\(["']electron["']\)/);
    }
  });

  it('issue 12.2: runs as built (here under Node): answers, and starts a workspace with the migrations beside it', async () => {
    const migrations = { hub: join(mainDir, 'migrations', 'hub'), replica: join(mainDir, 'migrations', 'replica') };
    desktop = await TestCoreProcess.start({ host: { entry: coreHostBundle(mainDir) }, migrations });
    expect(await desktop.value('app.getInfo')).toMatchObject({ name: 'Gatehouse', runtime: 'node' });
    const state = await desktop.value('setup.startLocalWorkspace', {
      organizationName: 'Bundle Org',
      workspaceName: 'Bundle',
      plan: 'growth',
      ownerName: 'Bea Bundle',
      ownerEmail: 'bea@example.com',
      password: 'bundle-password-1',
      isShared: false,
      address: null,
    });
    expect(state).toMatchObject({ phase: 'signed_in', hub: { isLocal: true } });
    await desktop.waitForEvent('workspace.snapshot');
    expect((await desktop.value('workspace.get'))?.snapshot.workspace.name).toBe('Bundle');
  });
});
