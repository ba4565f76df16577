// The core host's work, whatever process it runs in: reads the parent's
// messages, builds the desktop core when told to start, answers API calls
// through the same handler table and dispatch as every transport, sends the
// core's events and port calls, and closes the core when told to stop (or
// when the parent is gone).
import type { Logger } from 'pino';
import type { ApiHandlers } from '../../../shared/api/contract';
import { dispatchApiCall } from '../api/dispatch';
import { createApiHandlers } from '../api/handlers';
import { DesktopCore } from '../desktop-core';
import type { CoreHostSecret, CoreHostSettings } from './host-settings';
import type { HostLink } from './links';
import { forwardingLogger } from './log-lines';
import { PortCaller } from './port-caller';
import type { FromHostMessage } from './protocol';
import { describeProblem, idOf, toHostMessageSchema } from './protocol';
import { remotePorts } from './remote-ports';
import { startFailure } from './start-failure';

interface RunningCore {
  core: DesktopCore;
  handlers: ApiHandlers;
  logger: Logger;
}

export class CoreHostServer {
  private readonly parent: PortCaller;
  private phase: 'waiting' | 'starting' | 'running' | 'stopping' = 'waiting';
  private running: RunningCore | null = null;
  private coreLogger: Logger | null = null;

  constructor(
    private readonly link: HostLink,
    /** Ends the process once the core is closed. */
    private readonly exit: (code: number) => void,
  ) {
    this.parent = new PortCaller((message) => this.send(message));
    link.onMessage((raw) => this.receive(raw));
    link.onParentGone(() => void this.stop());
  }

  /** The core's logger from its start on, for what happens outside a call (an uncaught error). */
  get logger(): Logger | null {
    return this.coreLogger;
  }

  private receive(raw: unknown): void {
    const parsed = toHostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const reason = `The Gatehouse core was sent a message it cannot read (${describeProblem(parsed.error)}); nothing was done.`;
      const { kind, id } = idOf(raw);
      // A call or a port call that can be told apart still gets an answer, so nothing waits for one forever.
      if (kind === 'port.reply' && id !== null) this.parent.settle(id, { ok: false, error: { code: 'bad_message', message: reason } });
      this.refuse(kind === 'call' ? id : null, 'bad_message', reason);
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'start':
        void this.start(message.settings, message.secret);
        return;
      case 'call':
        void this.answer(message.id, message.method, message.input);
        return;
      case 'port.reply':
        this.parent.settle(message.id, message.result);
        return;
      case 'invitation.opened':
        this.running?.core.invitationOpened(message.hubUrl, message.token);
        return;
      case 'stop':
        void this.stop();
        return;
    }
  }

  private async start(settings: CoreHostSettings, secret: CoreHostSecret): Promise<void> {
    if (this.phase !== 'waiting') {
      this.refuse(null, 'already_started', 'The Gatehouse core was told to start twice; the second start was ignored.');
      return;
    }
    this.phase = 'starting';
    const logger = forwardingLogger(settings.logLevel, (line) => this.send({ kind: 'log', line }));
    this.coreLogger = logger;
    let core: DesktopCore | null = null;
    try {
      core = new DesktopCore(remotePorts(settings, secret, this.parent, logger));
      await core.init();
    } catch (error) {
      const failure = startFailure(error, settings.dataDir);
      if (!failure.isFolderProblem) logger.error({ err: error }, 'the core could not start');
      this.send({ kind: 'start.failed', ...failure });
      await core?.close().catch(() => undefined);
      this.exit(1);
      return;
    }
    const handlers = createApiHandlers(core, { name: settings.appName, version: settings.appVersion, runtime: settings.runtime });
    core.onEvent((event) => this.send({ kind: 'event', event }));
    this.running = { core, handlers, logger };
    this.phase = 'running';
    this.send({ kind: 'ready' });
  }

  private async answer(id: number, method: string, input: unknown): Promise<void> {
    const running = this.running;
    if (!running || this.phase !== 'running') {
      this.refuse(id, 'core_not_running', 'The Gatehouse core is not running (starting or stopping); the call was not made.');
      return;
    }
    const result = await dispatchApiCall(running.handlers, method, input, (error, name) => running.logger.error({ err: error, method: name }, 'api call failed'));
    this.send({ kind: 'reply', id, result });
  }

  private async stop(): Promise<void> {
    if (this.phase === 'stopping') return;
    this.phase = 'stopping';
    await this.running?.core.close().catch((error: unknown) => this.running?.logger.error({ err: error }, 'the core did not close cleanly'));
    this.send({ kind: 'stopped' });
    this.exit(0);
  }

  private refuse(id: number | null, code: string, message: string): void {
    this.coreLogger?.warn({ code, id }, message);
    this.send({ kind: 'refused', id, error: { code, message } });
  }

  /** A reply the channel cannot carry (a value that does not clone) must not take the core down: the call fails instead. */
  private send(message: FromHostMessage): void {
    try {
      this.link.send(message);
    } catch (error) {
      if (message.kind !== 'reply') throw error;
      this.link.send({ kind: 'reply', id: message.id, result: { ok: false, error: { code: 'internal', message: 'Something went wrong in Gatehouse; the change was not made.' } } });
    }
  }
}
