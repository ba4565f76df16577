// The two ends of the channel between the core host and its parent, kept
// apart from what travels on it (./protocol.ts): a Node IPC channel
// (child_process.fork, the web console and the tests) or Electron's
// parentPort (utilityProcess, the desktop app) carry the same messages.
import type { FromHostMessage, ToHostMessage } from './protocol';

/** The host's end. */
export interface HostLink {
  send(message: FromHostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The parent went away without saying stop (killed, crashed): the host closes the core and exits. */
  onParentGone(listener: () => void): void;
}

/** How a host process ended: an exit code, or the signal that ended it. */
export interface HostExit {
  code: number | null;
  signal: string | null;
}

/** The parent's end: the host process it started. */
export interface CoreHostProcess {
  /** Undefined until the process runs (utilityProcess) and after it exits. */
  readonly pid: number | undefined;
  send(message: ToHostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (exit: HostExit) => void): void;
  /** Ends it at once (after a stop that was not answered in time). */
  kill(): void;
}
