// The host's end of the channel, in each of the two places the host runs:
// a Node child process (process.send / 'message') and an Electron utility
// process (process.parentPort). Neither imports Electron: the host runs
// under plain Node in the tests and the web console.
import type { HostLink } from './links';

/** Electron's parentPort, as much of it as the host uses. */
export interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** In a process started by child_process.fork. */
export function nodeProcessLink(): HostLink {
  return {
    send(message) {
      // After the parent has gone there is nobody to tell; sending would throw.
      if (process.connected) process.send?.(message);
    },
    onMessage: (listener) => void process.on('message', listener),
    onParentGone: (listener) => void process.once('disconnect', listener),
  };
}

/** In an Electron utility process: the main process ends it when it quits, so there is nothing to watch for. */
export function parentPortLink(port: ParentPortLike): HostLink {
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => void port.on('message', (event) => listener(event.data)),
    onParentGone: () => undefined,
  };
}

/** The link of whichever process this is: Electron gives a utility process a parentPort, Node gives a forked child an IPC channel. */
export function currentHostLink(): HostLink {
  const port = (process as { parentPort?: ParentPortLike | null }).parentPort;
  if (port) return parentPortLink(port);
  if (process.send) return nodeProcessLink();
  throw new Error('The Gatehouse core host must be started by its parent (child_process.fork or utilityProcess.fork).');
}
