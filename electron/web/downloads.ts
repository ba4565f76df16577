// Exports the web console hands to the browser: each in a folder of its own
// with an unguessable name, the owner's only (0700/0600), and gone as soon as
// it was downloaded whole, or after ten minutes if it never is: a member list
// must not lie around in the data folder.
import { createReadStream, rmSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ensurePrivateFile, ensurePrivateFolder } from '../../hub';
import { resolveStaticPath } from './static-files';

export const DOWNLOAD_TTL_MS = 10 * 60_000;

export interface ReservedDownload {
  /** Where the export is written (an empty 0600 file already). */
  path: string;
  /** Where the browser fetches it, under /downloads/. */
  url: string;
}

/** Removes what a previous run left (a crash, a kill) and makes the folder private. */
export function resetDownloads(downloadsDir: string): void {
  rmSync(downloadsDir, { recursive: true, force: true });
  ensurePrivateFolder(downloadsDir);
}

/** A private file for one export, removed after `ttlMs` if nobody downloads it first. */
export function reserveDownload(downloadsDir: string, fileName: string, ttlMs = DOWNLOAD_TTL_MS): ReservedDownload {
  const folder = randomBytes(16).toString('hex');
  const path = join(downloadsDir, folder, fileName);
  // Created 0600 before the export is written into it: the CSV writer opens it with the umask's mode otherwise.
  ensurePrivateFile(path);
  // unref: a pending expiry never keeps the console running.
  setTimeout(() => rmSync(dirname(path), { recursive: true, force: true }), ttlMs).unref();
  return { path, url: `/downloads/${folder}/${encodeURIComponent(fileName)}` };
}

/** The export a /downloads/<folder>/<name> path names, or null (anything else under or outside the folder). */
function downloadFile(downloadsDir: string, urlPath: string): string | null {
  const root = resolve(downloadsDir);
  const file = resolveStaticPath(root, urlPath);
  if (!file || dirname(dirname(file)) !== root) return null;
  return statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
}

/** Sends an export once: it is deleted when the whole file has gone out (an interrupted download can be retried until it expires). */
export async function sendDownloadOnce(downloadsDir: string, urlPath: string, isHead: boolean, response: ServerResponse): Promise<void> {
  const file = downloadFile(downloadsDir, urlPath);
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('This download has expired or was already downloaded. Export again.');
    return;
  }
  response.writeHead(200, {
    'content-type': file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream',
    'content-length': statSync(file).size,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(basename(file))}`,
    // Not kept in the browser's cache either.
    'cache-control': 'no-store',
  });
  if (isHead) {
    response.end();
    return;
  }
  try {
    await pipeline(createReadStream(file), response);
  } catch {
    return;
  }
  rmSync(dirname(file), { recursive: true, force: true });
}
