// The web transport of the API: the same handler table as Electron IPC, over
// one WebSocket. Requests are {id, method, input}; answers {id, result}; core
// events are pushed as {event}.
import type { WebSocket } from 'ws';
import { dispatchApiCall } from '../core/api/dispatch';
import type { WebConsoleApi } from './web-console';

export function attachApiSocket(socket: WebSocket, api: WebConsoleApi): void {
  const unsubscribe = api.onEvent((event) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event }));
  });
  socket.on('message', (data) => {
    let frame: { id?: unknown; method?: unknown; input?: unknown };
    try {
      frame = JSON.parse(data.toString()) as typeof frame;
    } catch {
      socket.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'bad_json', message: 'The message is not valid JSON.' } } }));
      return;
    }
    const id = typeof frame.id === 'string' || typeof frame.id === 'number' ? frame.id : null;
    void dispatchApiCall(api.handlers, frame.method, frame.input, api.onUnexpected).then((result) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id, result }));
    });
  });
  socket.on('close', unsubscribe);
}
