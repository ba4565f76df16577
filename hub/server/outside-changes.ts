// Changes another process wrote to this hub's store (the command line's
// `plan` on the data folder of a running hub) reach connected desktops within
// a few seconds: each workspace whose sequence moved is delivered again, which
// is a no-op for every desktop already up to date and a catch-up (or a fresh
// snapshot, when what it may see changed) for the others.
import type { Logger } from 'pino';
import type { HubStore } from '../store/hub-store';
import type { Broadcaster } from './broadcaster';

/** Starts looking every `intervalMs`; returns the function that stops it (resolving once a look under way is over). */
export async function watchOutsideChanges(store: HubStore, broadcaster: Broadcaster, intervalMs: number, logger: Logger): Promise<() => Promise<void>> {
  const lastSeq = new Map((await store.workspaces.all()).map((workspace) => [workspace.id, workspace.seq]));
  let looking: Promise<void> = Promise.resolve();
  let isLooking = false;

  async function look(): Promise<void> {
    const deliveries: Array<Promise<void>> = [];
    for (const workspace of await store.workspaces.all()) {
      if (lastSeq.get(workspace.id) === workspace.seq) continue;
      lastSeq.set(workspace.id, workspace.seq);
      if (workspace.seq > 0) deliveries.push(broadcaster.deliver(new Map([[workspace.id, { fromSeq: workspace.seq - 1, toSeq: workspace.seq }]])));
    }
    await Promise.all(deliveries);
  }

  const timer = setInterval(() => {
    // A look that takes longer than the interval is not started twice.
    if (isLooking) return;
    isLooking = true;
    looking = look()
      .catch((error: unknown) => logger.error({ err: error }, 'could not look for changes made by another process; looking again at the next interval'))
      .finally(() => {
        isLooking = false;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await looking;
  };
}
