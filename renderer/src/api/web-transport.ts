// The web console's transport of the API: the same contract as the desktop's
// IPC bridge, over one WebSocket to the console that served this page.
import type { ApiEvent, ApiInput, ApiOutput, ApiResult, GatehouseApi } from '@shared/api/contract';
import type { ApiMethodName } from '@shared/api/methods';

interface Waiting {
  resolve: (result: ApiResult<unknown>) => void;
}

const LOST: ApiResult<never> = {
  ok: false,
  error: { code: 'console_unreachable', message: 'The Gatehouse web console is not reachable. Is it still running?' },
};

export function createWebTransport(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`): GatehouseApi {
  const listeners = new Set<(event: ApiEvent) => void>();
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  function connect(): Promise<WebSocket> {
    opened ??= new Promise((resolve, reject) => {
      const next = new WebSocket(url);
      next.addEventListener('open', () => {
        socket = next;
        resolve(next);
      });
      next.addEventListener('message', (message: MessageEvent<string>) => {
        const frame = JSON.parse(message.data) as { id?: number; result?: ApiResult<unknown>; event?: ApiEvent };
        if (frame.event) for (const listener of listeners) listener(frame.event);
        if (typeof frame.id === 'number' && frame.result) {
          waiting.get(frame.id)?.resolve(frame.result);
          waiting.delete(frame.id);
        }
      });
      next.addEventListener('close', () => {
        socket = null;
        opened = null;
        for (const entry of waiting.values()) entry.resolve(LOST);
        waiting.clear();
        // Come back by itself: the console may have restarted.
        setTimeout(() => void connect().catch(() => undefined), 1_000);
        reject(new Error('closed'));
      });
    });
    return opened;
  }

  return {
    async call<M extends ApiMethodName>(method: M, input: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>> {
      let open: WebSocket;
      try {
        open = socket ?? (await connect());
      } catch {
        return LOST;
      }
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, { resolve: resolve as Waiting['resolve'] });
        open.send(JSON.stringify({ id, method, input }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
  };
}
