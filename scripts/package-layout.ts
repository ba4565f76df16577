// `npx tsx scripts/package-layout.ts [output folder]`: lays the packaged app
// out (electron-builder's `dir` target, Linux) around a placeholder Electron
// binary, for machines where the real one cannot be downloaded.
// `npm run package:layout -- [output folder]` builds first;
// electron/main/packaged-layout.test.ts checks the result. Fuses are flipped
// inside the real binary, so this run alone turns them off
// (electronFuses: null); every other setting is electron-builder.yml's. The
// command line cannot do that: electron-builder keeps `-c.electronFuses=null`
// as the string "null" and rejects it.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, Platform } from 'electron-builder';

const output = resolve(process.argv[2] ?? join(tmpdir(), 'gatehouse-package-layout'));
const placeholder = mkdtempSync(join(tmpdir(), 'gatehouse-placeholder-electron-'));
// electron-builder renames `electron` to the app's executable name; nothing runs it.
writeFileSync(join(placeholder, 'electron'), '#!/bin/sh\necho "placeholder Electron: the real binary could not be downloaded" >&2\nexit 1\n');
chmodSync(join(placeholder, 'electron'), 0o755);
try {
  await build({
    projectDir: join(import.meta.dirname, '..'),
    targets: Platform.LINUX.createTarget('dir'),
    config: { electronDist: placeholder, npmRebuild: false, electronFuses: null, directories: { output } },
  });
  console.log(`laid out in ${join(output, 'linux-unpacked')}`);
} finally {
  rmSync(placeholder, { recursive: true, force: true });
}
