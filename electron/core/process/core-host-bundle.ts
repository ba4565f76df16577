// Where the built core host is: electron.vite.config.ts bundles
// ./core-host.ts as a second entry of the main bundle, beside index.js in
// out/main (inside app.asar once packaged), for utilityProcess.fork.
import { join } from 'node:path';

export const CORE_HOST_BUNDLE = 'core-host.js';

/** The bundled entry, given the folder of the main bundle (AppPaths' mainDir). */
export function coreHostBundle(mainDir: string): string {
  return join(mainDir, CORE_HOST_BUNDLE);
}
