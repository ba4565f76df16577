// The web console's transport of the API: the same contract as the desktop's
// IPC bridge, over one WebSocket to the console that served this page. A
// frame goes both ways every second; a console silent for API_SILENCE_MS (or
// whose socket closed) is reported lost at once, and the page reconnects with
// backoff and says when it is back, so the stores reload what they missed.
import type { ApiEvent, ApiInput, ApiOutput, ApiResult, GatehouseApi } from '@shared/api/contract';
import { API_HEARTBEAT_MS, API_SILENCE_MS, CONSOLE_LOST_MESSAGES } from '@shared/api/heartbeat';
import type { ApiMethodName } from '@shared/api/methods';

/** Whether this page can reach the console that served it. */
export type ConsoleLink = { status: 'connected' } | { status: 'lost'; message: string };

export interface WebTransport extends GatehouseApi {
  /** Called on every change of the link; 'connected' after a loss means the state must be reloaded. */
  onLinkChange(listener: (link: ConsoleLink) => void): () => void;
}

interface Waiting {
  resolve: (result: ApiResult<unknown>) => void;
}

const CONNECT_TIMEOUT_MS = 4_000;
const RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000];

export function createWebTransport(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`): WebTransport {
  const listeners = new Set<(event: ApiEvent) => void>();
  const linkListeners = new Set<(link: ConsoleLink) => void>();
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let firstConnection: Promise<void> | null = null;
  let isConnecting = false;
  let attempt = 0;
  let link: ConsoleLink = { status: 'connected' };

  const lostResult = (): ApiResult<never> => ({
    ok: false,
    error: { code: 'console_unreachable', message: link.status === 'lost' ? link.message : CONSOLE_LOST_MESSAGES.unreachable },
  });

  function setLink(next: ConsoleLink): void {
    if (next.status === link.status && (next.status === 'connected' || (link.status === 'lost' && link.message === next.message))) return;
    link = next;
    for (const listener of linkListeners) listener(next);
  }

  /** A console that refuses the socket but serves 401 still runs: it was restarted and no longer knows this page. */
  async function whyLost(): Promise<string> {
    try {
      const response = await fetch('/', { cache: 'no-store', signal: AbortSignal.timeout(2_000) });
      return response.status === 401 ? CONSOLE_LOST_MESSAGES.restarted : CONSOLE_LOST_MESSAGES.unreachable;
    } catch {
      return CONSOLE_LOST_MESSAGES.unreachable;
    }
  }

  function retryLater(): void {
    const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 4_000;
    attempt += 1;
    setTimeout(() => void connect(), delay);
  }

  function connect(): Promise<void> {
    if (isConnecting || socket) return firstConnection ?? Promise.resolve();
    isConnecting = true;
    return new Promise<void>((settle) => {
      const next = new WebSocket(url);
      let heardAt = Date.now();
      let isDone = false;
      const timers: number[] = [];
      const stopTimers = (): void => timers.forEach((timer) => clearInterval(timer));

      const drop = (): void => {
        if (isDone) return;
        isDone = true;
        stopTimers();
        const wasOpen = socket === next;
        if (wasOpen) socket = null;
        isConnecting = false;
        next.close();
        for (const entry of waiting.values()) entry.resolve(lostResult());
        waiting.clear();
        settle();
        if (wasOpen || link.status === 'connected') setLink({ status: 'lost', message: CONSOLE_LOST_MESSAGES.unreachable });
        void whyLost().then((message) => {
          if (link.status === 'lost') setLink({ status: 'lost', message });
          if (message === CONSOLE_LOST_MESSAGES.restarted) return;
          retryLater();
        });
      };

      // A console that accepts the connection but never answers (frozen) must not hold the page forever.
      timers.push(window.setInterval(() => {
        if (socket !== next || Date.now() - heardAt > API_SILENCE_MS) drop();
      }, CONNECT_TIMEOUT_MS));
      next.addEventListener('open', () => {
        stopTimers();
        timers.length = 0;
        socket = next;
        isConnecting = false;
        attempt = 0;
        heardAt = Date.now();
        timers.push(window.setInterval(() => {
          if (Date.now() - heardAt > API_SILENCE_MS) drop();
          else next.send(JSON.stringify({ heartbeat: Date.now() }));
        }, API_HEARTBEAT_MS / 2));
        setLink({ status: 'connected' });
        settle();
      });
      next.addEventListener('message', (message: MessageEvent<string>) => {
        heardAt = Date.now();
        const frame = JSON.parse(message.data) as { id?: number; result?: ApiResult<unknown>; event?: ApiEvent };
        if (frame.event) for (const listener of listeners) listener(frame.event);
        if (typeof frame.id === 'number' && frame.result) {
          waiting.get(frame.id)?.resolve(frame.result);
          waiting.delete(frame.id);
        }
      });
      next.addEventListener('close', drop);
    });
  }

  function ensureStarted(): Promise<void> {
    firstConnection ??= connect();
    return firstConnection;
  }

  return {
    async call<M extends ApiMethodName>(method: M, input: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>> {
      await ensureStarted();
      const open = socket;
      if (!open) return lostResult();
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, { resolve: resolve as Waiting['resolve'] });
        open.send(JSON.stringify({ id, method, input }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      void ensureStarted();
      return () => listeners.delete(listener);
    },
    onLinkChange(listener) {
      linkListeners.add(listener);
      void ensureStarted();
      return () => linkListeners.delete(listener);
    },
  };
}
