// Issue 9, items 8 and 12: the replica file is its owner's only (0600 in a
// 0700 folder, whatever the umask; modes are asserted, since tests run as
// root), and a path where it cannot live gives a sentence, not a crash.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../api-failure';
import { Replica } from './replica';
import { workspaceSnapshot } from './replica-fixtures';

const modeOf = (path: string): number => statSync(path).mode & 0o777;
const identity = { hubUrl: 'http://hub.example', personId: 'p' };

let folder: string;
let previousUmask: number;
beforeEach(async () => {
  previousUmask = process.umask(0o022);
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-replica-file-'));
});
afterEach(async () => {
  process.umask(previousUmask);
  await rm(folder, { recursive: true, force: true });
});

describe('the replica file', () => {
  it('issue 9.8: is 0600, with its -wal and -shm, in a 0700 replicas folder, checked after a write', () => {
    const file = join(folder, 'data', 'replicas', 'person.sqlite');
    const replica = Replica.open(file, identity);
    replica.applySnapshot(1, workspaceSnapshot('w', 'customer.example', 50), 1);
    try {
      expect(modeOf(join(folder, 'data', 'replicas'))).toBe(0o700);
      expect(modeOf(join(folder, 'data'))).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) expect(modeOf(`${file}${suffix}`), `person.sqlite${suffix}`).toBe(0o600);
    } finally {
      replica.close();
    }
  });

  it('issue 9.12: a folder where the replica file should be is refused in plain words', () => {
    const file = join(folder, 'replicas', 'person.sqlite');
    mkdirSync(file, { recursive: true });
    const opening = () => Replica.open(file, identity);
    expect(opening).toThrow(ApiFailure);
    expect(opening).toThrow(`Gatehouse cannot keep its offline copy at ${file}: there is a folder where the file should be.`);
    // The folder and what is in it are left alone.
    expect(statSync(file).isDirectory()).toBe(true);
  });

  it('issue 9.12: a replicas path that runs through a file is refused in plain words (fails as root too)', () => {
    writeFileSync(join(folder, 'replicas'), 'not a folder');
    const file = join(folder, 'replicas', 'person.sqlite');
    expect(() => Replica.open(file, identity)).toThrow(`Gatehouse cannot keep its offline copy at ${file}: part of that path is a file, not a folder.`);
  });
});
