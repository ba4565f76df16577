// The web transport of the API: the same handler table as Electron IPC, over
// one WebSocket. Requests are {id, method, input}; answers {id, result}; core
// events are pushed as {event}. Both sides send {heartbeat} every
// HEARTBEAT_MS, so the page sees a console that stopped answering (frozen,
// asleep, a dropped network) within seconds, not at its next click.
import type { WebSocket } from 'ws';
import { API_HEARTBEAT_MS } from '../../shared/api/heartbeat';
import { dispatchApiCall } from '../core/api/dispatch';
import type { WebConsoleApi } from './web-console';

export interface ApiSocketTiming {
  heartbeatMs: number;
  /**
   * A browser silent this long is gone; generous, because a hidden tab's
   * timers may be throttled to one a minute.
   */
  silentBrowserMs: number;
}

export const DEFAULT_API_SOCKET_TIMING: ApiSocketTiming = { heartbeatMs: API_HEARTBEAT_MS, silentBrowserMs: 90_000 };

export function attachApiSocket(socket: WebSocket, api: WebConsoleApi, timing: ApiSocketTiming = DEFAULT_API_SOCKET_TIMING): void {
  let heardAt = Date.now();
  const send = (frame: unknown): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const heartbeat = setInterval(() => {
    if (Date.now() - heardAt > timing.silentBrowserMs) {
      socket.terminate();
      return;
    }
    send({ heartbeat: Date.now() });
  }, timing.heartbeatMs);
  const unsubscribe = api.onEvent((event) => send({ event }));
  socket.on('message', (data) => {
    heardAt = Date.now();
    let frame: { id?: unknown; method?: unknown; input?: unknown; heartbeat?: unknown };
    try {
      frame = JSON.parse(data.toString()) as typeof frame;
    } catch {
      send({ id: null, result: { ok: false, error: { code: 'bad_json', message: 'The message is not valid JSON.' } } });
      return;
    }
    if (frame.heartbeat !== undefined && frame.method === undefined) return;
    const id = typeof frame.id === 'string' || typeof frame.id === 'number' ? frame.id : null;
    void dispatchApiCall(api.handlers, frame.method, frame.input, api.onUnexpected).then((result) => send({ id, result }));
  });
  socket.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
