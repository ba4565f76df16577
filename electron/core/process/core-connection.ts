// The parent's connection to one core host process, from its start to its
// exit: calls with their ids, the host's events, its port calls (served by
// the parent's own ports) and its log lines. When the process exits, every
// call still waiting fails at once with a plain sentence, never hangs.
import type { Logger } from 'pino';
import type { ApiEvent, ApiResult } from '../../../shared/api/contract';
import type { CoreHostSecret, CoreHostSettings } from './host-settings';
import type { CoreHostProcess, HostExit } from './links';
import { writeLogLine } from './log-lines';
import type { ParentPorts } from './port-calls';
import { servePortCall } from './port-server';
import type { FromHostMessage } from './protocol';
import { describeProblem, fromHostMessageSchema, idOf } from './protocol';

/** The core could not start; `isFolderProblem` when the data folder is for the person to fix. */
export class CoreStartError extends Error {
  constructor(
    message: string,
    readonly isFolderProblem: boolean,
  ) {
    super(message);
  }
}

const UNREADABLE_REPLY_MESSAGE = "Gatehouse's core answered in a way that cannot be read, so this may not have been done. Check, then try again.";

export const CORE_STOPPED_MESSAGE = "Gatehouse's core process stopped before it answered, so this may not have been done. Check, then try again.";

export interface CoreConnectionOptions {
  ports: ParentPorts;
  logger: Logger;
  onEvent(event: ApiEvent): void;
  /** The process ended without being asked to stop. */
  onUnexpectedExit(exit: HostExit): void;
}

export class CoreConnection {
  private nextId = 0;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private readonly whenExited: Promise<HostExit>;
  private exit: HostExit | null = null;
  private isStopping = false;
  private started: { resolve(): void; reject(error: Error): void } | null = null;
  /** The process id while it ran (a process forgets it once exited), for the log. */
  private knownPid: number | undefined;

  constructor(
    readonly process: CoreHostProcess,
    private readonly options: CoreConnectionOptions,
  ) {
    this.knownPid = process.pid;
    process.onMessage((raw) => {
      this.knownPid ??= this.process.pid;
      this.receive(raw);
    });
    this.whenExited = new Promise((resolve) => process.onExit(resolve));
    void this.whenExited.then((exit) => this.exited(exit));
  }

  get hostPid(): number | undefined {
    return this.process.pid ?? this.knownPid;
  }

  /** Sends the settings and the token; resolves once the core is up (its workspace opened), or fails with why not. */
  start(settings: CoreHostSettings, secret: CoreHostSecret, timeoutMs: number): Promise<void> {
    if (this.exit) return Promise.reject(new CoreStartError(`the core process ended before it started (${describeExit(this.exit)})`, false));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.process.kill();
        reject(new CoreStartError(`the core did not start within ${Math.round(timeoutMs / 1000)} s`, false));
      }, timeoutMs);
      const settle = (error: Error | null): void => {
        clearTimeout(timer);
        this.started = null;
        if (error) reject(error);
        else resolve();
      };
      this.started = { resolve: () => settle(null), reject: settle };
      this.process.send({ kind: 'start', settings, secret });
    });
  }

  /** An API call, answered by the host's dispatch; never rejects. */
  call(method: string, input: unknown): Promise<ApiResult<unknown>> {
    if (this.exit) return Promise.resolve(stoppedResult());
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.process.send({ kind: 'call', id, method, input });
    });
  }

  invitationOpened(hubUrl: string, token: string): void {
    if (!this.exit) this.process.send({ kind: 'invitation.opened', hubUrl, token });
  }

  /** Asks the host to close the core and exit; ends it if it has not within `timeoutMs`. */
  async stop(timeoutMs: number): Promise<HostExit> {
    this.isStopping = true;
    if (this.exit) return this.exit;
    this.process.send({ kind: 'stop' });
    const timer = setTimeout(() => this.process.kill(), timeoutMs);
    const exit = await this.whenExited;
    clearTimeout(timer);
    return exit;
  }

  private receive(raw: unknown): void {
    const parsed = fromHostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const problem = describeProblem(parsed.error);
      this.options.logger.warn({ problem }, 'the core process sent a message that cannot be read; it was ignored');
      // What can still be told apart gets an answer, so neither side waits forever.
      const { kind, id } = idOf(raw);
      if (kind === 'reply' && id !== null) this.settle(id, { ok: false, error: { code: 'internal', message: UNREADABLE_REPLY_MESSAGE } });
      if (kind === 'port' && id !== null && !this.exit) {
        this.process.send({ kind: 'port.reply', id, result: { ok: false, error: { code: 'bad_port_call', message: `The port call cannot be read (${problem}); nothing was done.` } } });
      }
      return;
    }
    this.handle(parsed.data);
  }

  private handle(message: FromHostMessage): void {
    switch (message.kind) {
      case 'ready':
        this.started?.resolve();
        return;
      case 'start.failed':
        this.started?.reject(new CoreStartError(message.message, message.isFolderProblem));
        return;
      case 'reply':
        this.settle(message.id, message.result);
        return;
      case 'event':
        // The payload is the core's own, made from typed code (see ./protocol.ts on why it is not parsed again here).
        this.options.onEvent(message.event as ApiEvent);
        return;
      case 'port':
        void servePortCall(this.options.ports, message.name, message.input).then((result) => {
          if (!result.ok) this.options.logger.warn({ port: message.name, ...result.error }, 'a port call of the core was refused');
          if (!this.exit) this.process.send({ kind: 'port.reply', id: message.id, result });
        });
        return;
      case 'log':
        writeLogLine(this.options.logger, message.line);
        return;
      case 'refused':
        this.options.logger.warn({ id: message.id, ...message.error }, 'the core process refused a message');
        if (message.id !== null) this.settle(message.id, { ok: false, error: message.error });
        return;
      case 'stopped':
        return;
    }
  }

  private settle(id: number, result: ApiResult<unknown>): void {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    resolve?.(result);
  }

  private exited(exit: HostExit): void {
    this.exit = exit;
    for (const resolve of this.pending.values()) resolve(stoppedResult());
    this.pending.clear();
    this.started?.reject(new CoreStartError(`the core process ended before it started (${describeExit(exit)})`, false));
    if (!this.isStopping) this.options.onUnexpectedExit(exit);
  }
}

function stoppedResult(): ApiResult<never> {
  return { ok: false, error: { code: 'core_stopped', message: CORE_STOPPED_MESSAGE } };
}

export function describeExit(exit: HostExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
}
