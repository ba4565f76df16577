// Issue 12, item 2: the parent does for the core only what the port table
// allows, with inputs that pass its schema: a call that does not is refused
// with the reason and nothing is done (a core that read something hostile
// from a hub must not make the parent open a file or a non-web link).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../secret-store';
import type { ParentPorts } from './port-calls';
import { servePortCall } from './port-server';

let folder: string;
let done: string[];
let ports: ParentPorts;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-ports-'));
  done = [];
  ports = {
    secrets: createFileSecretStore(join(folder, 'session.token'), null),
    chooseExportTarget: async (name) => (done.push(`save-as ${name}`), { kind: 'file', path: join(folder, name) }),
    notify: (title) => {
      if (title === 'broken') throw new Error('the notification service is not running');
      done.push(`notify ${title}`);
    },
    openExternal: async (url) => void done.push(`open ${url}`),
    showFolder: async (path) => (done.push(`show ${path}`), true),
  };
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('issue 12.2: port calls from the core', () => {
  it('issue 12.2: does what the table allows and answers with the value', async () => {
    expect(await servePortCall(ports, 'chooseExportTarget', { suggestedName: 'Support members.csv' })).toEqual({
      ok: true,
      value: { kind: 'file', path: join(folder, 'Support members.csv') },
    });
    expect(await servePortCall(ports, 'showFolder', { path: folder })).toEqual({ ok: true, value: true });
    expect(await servePortCall(ports, 'secrets.save', { value: 'token-1' })).toEqual({ ok: true, value: null });
    expect(await readFile(join(folder, 'session.token'), 'utf8')).toBe('token-1');
    expect(await servePortCall(ports, 'secrets.clear', {})).toEqual({ ok: true, value: null });
    expect(ports.secrets.load()).toBeNull();
    expect(done).toEqual(['save-as Support members.csv', `show ${folder}`]);
  });

  it('issue 12.2: refuses an input that fails the schema, says why, and does nothing', async () => {
    expect(await servePortCall(ports, 'openExternal', { url: 'file:///etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'bad_port_call', message: expect.stringMatching(/^The core asked for openExternal with url: .+; nothing was done\.$/) },
    });
    expect(await servePortCall(ports, 'chooseExportTarget', { suggestedName: '' })).toMatchObject({ ok: false, error: { code: 'bad_port_call' } });
    expect(await servePortCall(ports, 'secrets.save', { value: 'x', extra: true })).toMatchObject({ ok: false, error: { code: 'bad_port_call' } });
    expect(done).toEqual([]);
    expect(ports.secrets.load()).toBeNull();
  });

  it('issue 12.2: shows folders only, never opens a file', async () => {
    const file = join(folder, 'run-me.sh');
    await writeFile(file, '#!/bin/sh\n');
    expect(await servePortCall(ports, 'showFolder', { path: file })).toEqual({ ok: true, value: false });
    expect(await servePortCall(ports, 'showFolder', { path: join(folder, 'nowhere') })).toEqual({ ok: true, value: false });
    expect(done).toEqual([]);
  });

  it('issue 12.2: a port that fails answers with its reason', async () => {
    expect(await servePortCall(ports, 'notify', { title: 'broken', body: '' })).toEqual({
      ok: false,
      error: { code: 'port_failed', message: 'the notification service is not running' },
    });
  });
});
