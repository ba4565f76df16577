// Issue 10.1: the desktop writes its log where people can find it (the data
// folder's logs/), as JSON lines, rotated by size, readable by its owner only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopLogger, LOG_FILE_NAME, logFolder } from './desktop-logger';

const hasModeBits = process.platform !== 'win32';
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-logs-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('issue 10.1: the desktop log file', () => {
  it('issue 10.1: writes JSON lines to <data folder>/logs/gatehouse.log', async () => {
    const log = createDesktopLogger(dataDir);
    expect(log.file).toBe(join(logFolder(dataDir), LOG_FILE_NAME));
    log.logger.warn({ reason: 'the frame is not JSON' }, 'dropped a frame that could not be read');
    await log.close();
    const lines = readFileSync(log.file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([expect.objectContaining({ msg: 'dropped a frame that could not be read', reason: 'the frame is not JSON', level: 40 })]);
  });

  it('issue 10.1: rotates by size and keeps only the newest files', async () => {
    const log = createDesktopLogger(dataDir, { size: '2K', keep: 2 });
    for (let index = 0; index < 200; index += 1) {
      log.logger.info({ index, filler: 'x'.repeat(100) }, 'a line');
      // Rotation happens between writes: let the stream breathe now and then.
      if (index % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await log.close();
    const files = readdirSync(logFolder(dataDir)).sort();
    expect(files).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`]);
    for (const file of files) expect(statSync(join(logFolder(dataDir), file)).size).toBeLessThan(4 * 1024);
    // The newest line is in the current file, or in the newest rotated one when the last write filled it.
    expect(readFileSync(log.file, 'utf8') + readFileSync(`${log.file}.1`, 'utf8')).toContain('"index":199');
    expect(readFileSync(`${log.file}.2`, 'utf8')).not.toContain('"index":199');
  });

  it.skipIf(!hasModeBits)('issue 10.1: the folder is 0700 and every file 0600, rotated ones included', async () => {
    const log = createDesktopLogger(dataDir, { size: '1K', keep: 3 });
    for (let index = 0; index < 60; index += 1) {
      log.logger.info({ index, filler: 'y'.repeat(100) }, 'a line');
      if (index % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await log.close();
    expect(mode(logFolder(dataDir))).toBe(0o700);
    const files = readdirSync(logFolder(dataDir));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect(mode(join(logFolder(dataDir), file))).toBe(0o600);
  });
});
