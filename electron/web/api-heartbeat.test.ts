// Issue 10.4: the web console's API socket carries a frame both ways, so each
// side notices the other gone without waiting for a call: the console sends a
// heartbeat every interval, takes the page's heartbeats without answering
// them, and closes the socket of a page that has gone silent.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    apiSocketTiming: { heartbeatMs: 100, silentBrowserMs: 500 },
  });
});
afterEach(async () => {
  await webConsole.close();
  await desktop.stop();
  await rm(rendererDir, { recursive: true, force: true });
});

async function openApi(): Promise<{ socket: WebSocket; frames: unknown[]; closed: Promise<void> }> {
  const response = await fetch(webConsole.url, { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const socket = new WebSocket(`${webConsole.origin.replace('http', 'ws')}/api`, { headers: { origin: webConsole.origin, cookie } });
  const frames: unknown[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise((resolve) => socket.once('open', resolve));
  return { socket, frames, closed };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('issue 10.4: the API socket\'s heartbeat', () => {
  it('issue 10.4: the console sends a heartbeat every interval and answers none of the page\'s', async () => {
    const { socket, frames } = await openApi();
    const beating = setInterval(() => socket.send(JSON.stringify({ heartbeat: Date.now() })), 100);
    await wait(1_000);
    clearInterval(beating);
    const heartbeats = frames.filter((frame) => typeof (frame as { heartbeat?: unknown }).heartbeat === 'number');
    expect(heartbeats.length).toBeGreaterThanOrEqual(7);
    // The page's heartbeats are not calls: nothing came back for them.
    expect(frames.filter((frame) => 'result' in (frame as object))).toEqual([]);
    // Kept talking, the page keeps its socket.
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it('issue 10.4: a page that stops sending is dropped', async () => {
    const { closed } = await openApi();
    const startedAt = Date.now();
    await closed;
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });
});
