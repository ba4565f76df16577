// Changes another process wrote to this hub's store (the command line's
// `plan` on the data folder of a running hub) reach connected desktops within
// a few seconds: each workspace whose sequence moved is delivered again, which
// is a no-op for every desktop already up to date and a catch-up (or a fresh
// snapshot, when what it may see changed) for the others.
import type { HubStore } from '../store/hub-store';
import type { Broadcaster } from './broadcaster';

/** Starts looking every `intervalMs`; returns the function that stops it. */
export function watchOutsideChanges(store: HubStore, broadcaster: Broadcaster, intervalMs: number): () => void {
  const lastSeq = new Map(store.workspaces.all().map((workspace) => [workspace.id, workspace.seq]));
  const timer = setInterval(() => {
    for (const workspace of store.workspaces.all()) {
      if (lastSeq.get(workspace.id) === workspace.seq) continue;
      lastSeq.set(workspace.id, workspace.seq);
      if (workspace.seq > 0) broadcaster.deliver(new Map([[workspace.id, { fromSeq: workspace.seq - 1, toSeq: workspace.seq }]]));
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
