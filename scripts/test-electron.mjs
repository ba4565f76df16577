// `npm run test:electron`: the Electron smoke test. Native modules are built
// for Electron for the run and back for Node after it; where the Electron
// binary cannot be had, the test reports itself skipped with the reason.
import { spawnSync } from 'node:child_process';
import { ensureNativeModules } from './native-modules.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const probe = spawnSync(process.execPath, ['-e', "require('electron')"], { encoding: 'utf8' });
const hasElectron = probe.status === 0;
if (hasElectron) ensureNativeModules('electron');
const run = spawnSync(npx, ['playwright', 'test', '--project', 'electron'], { stdio: 'inherit' });
if (hasElectron) ensureNativeModules('node');
process.exit(run.status ?? 1);
