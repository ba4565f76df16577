// The web console's API socket serves the same contract as Electron IPC:
// one handler table, every method reachable, nothing else; only the browser
// that opened the one-time link, from the console's own pages, gets in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiContract } from '../../shared/api/contract';
import { API_METHOD_NAMES, apiChannel } from '../../shared/api/methods';
import { createApiHandlers } from '../core/api/handlers';
import { TestCore } from '../core/testing/test-core';
import type { WebConsole } from './web-console';
import { startWebConsole } from './web-console';

let desktop: TestCore;
let webConsole: WebConsole;
let rendererDir: string;

beforeEach(async () => {
  desktop = await TestCore.start();
  rendererDir = await mkdtemp(join(tmpdir(), 'gatehouse-renderer-'));
  webConsole = await startWebConsole({
    rendererDir,
    api: { handlers: createApiHandlers(desktop.core, { name: 'Gatehouse', version: 'test', runtime: 'node' }), onEvent: (listener) => desktop.core.onEvent(listener) },
  });
});
afterEach(async () => {
  await webConsole.close();
  await desktop.stop();
  await rm(rendererDir, { recursive: true, force: true });
});

async function sessionCookie(): Promise<string> {
  const response = await fetch(webConsole.url, { redirect: 'manual' });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

function openApi(headers: Record<string, string>): Promise<WebSocket> {
  const socket = new WebSocket(`${webConsole.origin.replace('http', 'ws')}/api`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
  });
}

function call(socket: WebSocket, id: number, method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as { id?: number; result?: { ok: boolean } };
      if (frame.id !== id) return;
      socket.off('message', onMessage);
      resolve(frame.result as { ok: boolean });
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ id, method, input }));
  });
}

describe('one contract, two transports', () => {
  it('the handler table, the contract and the channel list name exactly the same methods', () => {
    const handlers = createApiHandlers(desktop.core, { name: 'Gatehouse', version: 'test', runtime: 'node' });
    expect(Object.keys(handlers).sort()).toEqual([...API_METHOD_NAMES].sort());
    expect(Object.keys(apiContract).sort()).toEqual([...API_METHOD_NAMES].sort());
    expect(new Set(API_METHOD_NAMES.map(apiChannel)).size).toBe(API_METHOD_NAMES.length);
  });

  it('the web socket answers every contract method and refuses anything else', async () => {
    const socket = await openApi({ origin: webConsole.origin, cookie: await sessionCookie() });
    let id = 0;
    for (const method of API_METHOD_NAMES) {
      const result = await call(socket, (id += 1), method, { surely: 'not valid input' });
      // Each method is known to the transport: the input is checked against its schema.
      expect(result.error?.code, method).not.toBe('unknown_method');
    }
    expect(await call(socket, (id += 1), 'fs.readFile', '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await call(socket, id + 1, 'session.getState', undefined)).toMatchObject({ ok: true, value: { phase: 'first_run' } });
    socket.close();
  });

  it('pushes core events to the browser', async () => {
    const socket = await openApi({ origin: webConsole.origin, cookie: await sessionCookie() });
    const event = new Promise<{ event: { name: string } }>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
    desktop.core.invitationOpened('http://127.0.0.1:4717', 'T'.repeat(43));
    expect((await event).event).toMatchObject({ name: 'invitation.opened' });
    socket.close();
  });

  it('refuses the API socket without the session cookie, or from another origin', async () => {
    const cookie = await sessionCookie();
    await expect(openApi({ origin: webConsole.origin })).rejects.toThrow(/403/);
    await expect(openApi({ origin: 'http://evil.example', cookie })).rejects.toThrow(/403/);
    await expect(openApi({ cookie })).rejects.toThrow(/403/);
  });
});
