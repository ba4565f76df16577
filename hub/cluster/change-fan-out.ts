// Issue 14.2, D4 across instances: a change committed through another
// instance reaches this one's sockets. The commit's own trigger says
// "workspace W is at seq S" (cluster-messages.ts); this turns what arrives
// in one turn of the event loop into one delivery per workspace, the range
// the broadcaster expects. A socket whose sentSeq is not the range's start
// catches up from the store (Broadcaster.sendChanges), so a notification
// missed while the listener was away costs a catch-up, never a gap.
import type { Logger } from 'pino';
import type { SeqRange } from '../domain/change-recorder';
import type { CommittedChange } from './cluster-messages';

export type DeliverRanges = (ranges: ReadonlyMap<string, SeqRange>) => Promise<void>;

export interface WorkspaceSeq {
  id: string;
  seq: number;
}

export class ChangeFanOut {
  private pending = new Map<string, SeqRange>();
  private isFlushScheduled = false;
  private deliveries = new Set<Promise<void>>();

  constructor(
    private readonly deliver: DeliverRanges,
    private readonly logger: Logger,
  ) {}

  /** Another instance committed `change`: delivered with whatever else arrives in this turn. */
  heard(change: CommittedChange): void {
    const range = this.pending.get(change.workspaceId);
    // Notifications come in commit order, one per seq; the merge also holds when they do not.
    this.pending.set(
      change.workspaceId,
      range ? { fromSeq: Math.min(range.fromSeq, change.seq - 1), toSeq: Math.max(range.toSeq, change.seq) } : { fromSeq: change.seq - 1, toSeq: change.seq },
    );
    if (this.isFlushScheduled) return;
    this.isFlushScheduled = true;
    setImmediate(() => this.flush());
  }

  /**
   * Every workspace delivered up to its stored seq: a no-op for sockets up
   * to date, a catch-up from the store for the others (after a reconnection,
   * when notifications may have been missed).
   */
  async catchUpAll(workspaces: () => Promise<WorkspaceSeq[]>): Promise<number> {
    const ranges = new Map<string, SeqRange>();
    for (const workspace of await workspaces()) if (workspace.seq > 0) ranges.set(workspace.id, { fromSeq: workspace.seq - 1, toSeq: workspace.seq });
    await this.deliver(ranges);
    return ranges.size;
  }

  /** Resolves once every delivery started so far has ended (the hub is stopping). */
  async drained(): Promise<void> {
    while (this.isFlushScheduled || this.deliveries.size > 0) {
      if (this.isFlushScheduled) await new Promise((resolve) => setImmediate(resolve));
      await Promise.all(this.deliveries);
    }
  }

  private flush(): void {
    this.isFlushScheduled = false;
    const ranges = this.pending;
    this.pending = new Map();
    const delivery = this.deliver(ranges)
      .catch((error: unknown) =>
        this.logger.error({ err: error, workspaces: [...ranges.keys()] }, 'changes committed through another instance could not be delivered; its sockets catch up at the next change'),
      )
      .finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }
}
