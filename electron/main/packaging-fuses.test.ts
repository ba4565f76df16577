// Issue 9, item 12: the packaged app's Electron fuses, as electron-builder
// reads them from electron-builder.yml. Flipping them needs the real Electron
// binary, which cannot be downloaded here, so this checks the configured
// values; scripts/package-layout.ts lays the app out with a placeholder
// binary and turns fuses off for that run only.
import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('packaging', () => {
  it('issue 9.12: the packaged binary has RunAsNode, NODE_OPTIONS and --inspect off, cookie encryption on, the app only from a checked asar', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('issue 9.12: a run against a placeholder Electron can turn the fuses off through the API (the command line cannot: "null" stays a string)', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), { electronFuses: null });
    expect(config.electronFuses).toBeNull();
  });
});
