// The parent's view of the desktop core when it runs in its own process: the
// same `ApiHandlers` table and `onEvent` that Electron IPC and the web
// console's socket already serve, backed by a core host process.
//
// When the host exits without being asked to, the calls it had not answered
// fail with a plain sentence (code core_stopped), the renderer is told at
// once (the connection goes offline with the reason, as when the hub is
// unreachable, so every change is disabled and the chip says why), the exit
// is logged, and a new host is started on the same data folder. Calls made
// meanwhile wait for it. Once it is up, the renderer gets the session as the
// new host has it. A host that stops more than `maxRestarts` times within
// `windowMs`, or cannot start again, is not restarted: the connection stays
// offline saying so, and every call fails with code core_unavailable.
import type { Logger } from 'pino';
import type { ApiEvent, ApiHandlers, SessionState } from '../../../shared/api/contract';
import { API_METHOD_NAMES } from '../../../shared/api/methods';
import { ApiFailure } from '../api-failure';
import { CoreConnection, describeExit } from './core-connection';
import type { CoreHostSettings } from './host-settings';
import type { CoreHostProcess, HostExit } from './links';
import type { ParentPorts } from './port-calls';

export interface RestartPolicy {
  maxRestarts: number;
  windowMs: number;
  /** The wait before a new host is started. */
  delayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 3, windowMs: 60_000, delayMs: 500 };

export interface CoreClientOptions {
  /** Starts a core host process: child_process.fork (./node-core-host.ts) or Electron's utilityProcess.fork. */
  spawn(): CoreHostProcess;
  ports: ParentPorts;
  settings: CoreHostSettings;
  logger: Logger;
  restart?: Partial<RestartPolicy>;
  /** How long the core may take to start (its local hub and workspace included). */
  startTimeoutMs?: number;
  /** How long it may take to close before it is ended. */
  stopTimeoutMs?: number;
}

export type CoreClientState = 'running' | 'restarting' | 'failed' | 'stopped';

export const CORE_RESTARTING_DETAIL = "Gatehouse's core process stopped unexpectedly and is being restarted.";
export const CORE_FAILED_DETAIL = "Gatehouse's core process keeps stopping, so it was not restarted. Quit and reopen Gatehouse; the log says what happened.";

export class CoreClient {
  readonly handlers: ApiHandlers;
  private current: CoreConnection | null = null;
  /** The connection calls go to: pending while a host restarts, null once there is none to wait for. */
  private live: Promise<CoreConnection | null> = Promise.resolve(null);
  private phase: CoreClientState = 'running';
  private restarts: number[] = [];
  private readonly listeners = new Set<(event: ApiEvent) => void>();
  private readonly policy: RestartPolicy;

  private constructor(private readonly options: CoreClientOptions) {
    this.policy = { ...DEFAULT_RESTART_POLICY, ...options.restart };
    const entries = API_METHOD_NAMES.map((method) => [method, (input: unknown) => this.request(method, input)]);
    this.handlers = Object.fromEntries(entries) as ApiHandlers;
  }

  /** Starts the first host; fails (CoreStartError) when the core cannot start, and nothing is restarted then. */
  static async start(options: CoreClientOptions): Promise<CoreClient> {
    const client = new CoreClient(options);
    const connection = await client.launch();
    client.live = Promise.resolve(connection);
    return client;
  }

  get state(): CoreClientState {
    return this.phase;
  }

  /** The host process now running (for tests, and the log). */
  get hostProcess(): CoreHostProcess | null {
    return this.current?.process ?? null;
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A gatehouse://invite link was opened: the core tells the renderer. */
  invitationOpened(hubUrl: string, token: string): void {
    void this.live.then((connection) => connection?.invitationOpened(hubUrl, token));
  }

  /** Closes the core (local hub, replica) and waits for its process to exit. */
  async close(): Promise<void> {
    this.phase = 'stopped';
    const connection = await this.live;
    this.live = Promise.resolve(null);
    await connection?.stop(this.options.stopTimeoutMs ?? 10_000);
  }

  private async request(method: string, input: unknown): Promise<unknown> {
    const connection = await this.live;
    if (!connection) {
      if (this.phase === 'stopped') throw new ApiFailure('core_unavailable', 'Gatehouse is closing.');
      throw new ApiFailure('core_unavailable', CORE_FAILED_DETAIL);
    }
    const result = await connection.call(method, input);
    if (result.ok) return result.value;
    throw new ApiFailure(result.error.code, result.error.message, result.error.rule, result.error.current);
  }

  private async launch(): Promise<CoreConnection> {
    const { spawn, ports, logger, settings } = this.options;
    const connection: CoreConnection = new CoreConnection(spawn(), {
      ports,
      logger,
      onEvent: (event) => {
        if (connection === this.current) this.emit(event);
      },
      onUnexpectedExit: (exit) => {
        if (connection === this.current) this.hostExited(connection, exit);
      },
    });
    // Read at each start: the token as the last host left it.
    const secret = { kind: ports.secrets.kind, value: ports.secrets.load() };
    await connection.start(settings, secret, this.options.startTimeoutMs ?? 60_000);
    this.current = connection;
    return connection;
  }

  private hostExited(connection: CoreConnection, exit: HostExit): void {
    const { logger } = this.options;
    logger.error({ hostPid: connection.hostPid, code: exit.code, signal: exit.signal }, `the core process stopped unexpectedly (${describeExit(exit)})`);
    this.current = null;
    if (this.phase === 'stopped') return;
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < this.policy.windowMs);
    if (this.restarts.length >= this.policy.maxRestarts) {
      this.giveUp('it stopped too often');
      return;
    }
    this.restarts.push(now);
    this.phase = 'restarting';
    this.emit({ name: 'connection.changed', payload: { status: 'offline', detail: CORE_RESTARTING_DETAIL, retryAt: null } });
    this.live = this.restart();
  }

  private async restart(): Promise<CoreConnection | null> {
    await new Promise((resolve) => setTimeout(resolve, this.policy.delayMs));
    if (this.phase !== 'restarting') return null;
    let connection: CoreConnection;
    try {
      connection = await this.launch();
    } catch (error) {
      this.giveUp(error instanceof Error ? error.message : String(error));
      return null;
    }
    if (this.phase !== 'restarting') {
      // Closed while the new host was starting.
      await connection.stop(this.options.stopTimeoutMs ?? 10_000);
      return null;
    }
    this.phase = 'running';
    this.options.logger.info({ hostPid: connection.hostPid }, 'the core process was restarted');
    const session = await connection.call('session.getState', undefined);
    if (session.ok) this.emit({ name: 'session.changed', payload: session.value as SessionState });
    return connection;
  }

  private giveUp(reason: string): void {
    this.options.logger.error({ reason }, 'the core process is not restarted again');
    this.phase = 'failed';
    this.live = Promise.resolve(null);
    this.emit({ name: 'connection.changed', payload: { status: 'offline', detail: CORE_FAILED_DETAIL, retryAt: null } });
  }

  private emit(event: ApiEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
