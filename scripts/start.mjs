// `npm start`: build, then open the desktop app; where the Electron runtime
// cannot be obtained (an offline machine), say so in one line and open the
// web console instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureNativeModules } from './native-modules.mjs';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron executable, or the reason there is none. */
function electronRuntime() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout };
  const reason = (probe.stderr.match(/Error: (.*)/)?.[1] ?? 'the download failed').trim();
  return { reason };
}

run(npm, ['run', '--silent', 'build']);
const runtime = electronRuntime();
if (runtime.path) {
  ensureNativeModules('electron');
  const app = spawn(runtime.path, ['.'], { stdio: 'inherit' });
  app.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron's runtime is not available here (${runtime.reason}); starting the web console instead.`);
  ensureNativeModules('node');
  const web = spawn(process.execPath, [require.resolve('tsx/cli'), 'scripts/web.ts'], { stdio: 'inherit' });
  web.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => web.kill(signal));
}
