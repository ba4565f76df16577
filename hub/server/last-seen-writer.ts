// U3/U4: a member's last seen is written when they come online or go offline.
// Coming online is told to the workspace at once, as the socket opens (a
// mass reconnect tells each arrival without waiting for the store); going
// offline is told once the member is known to still exist. The store answers
// with promises, so the writes queue here one after another: a desktop that
// connects and drops at once stores the later moment, and an offline that is
// told late, after the member came back, is not told at all.
import type { Logger } from 'pino';
import type { Presence } from '../../shared/protocol';
import type { IsOnline } from '../domain/projection';
import type { HubStore } from '../store/hub-store';

export class LastSeenWriter {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: HubStore,
    private readonly now: () => number,
    private readonly isOnline: IsOnline,
    /** Tells the workspace a member came online or went offline. */
    private readonly tell: (workspaceId: string, presence: Presence) => void,
    private readonly logger: Logger,
  ) {}

  /** Tells an arrival at once; queues the write (and, for a departure, the telling). A failed write is logged. */
  write(memberId: string, workspaceId: string, isOnline: boolean): void {
    const at = this.now();
    if (isOnline) this.tell(workspaceId, { memberId, isOnline, lastSeenAt: at });
    this.tail = this.tail
      .then(() => this.writeNow(memberId, workspaceId, isOnline, at))
      .catch((error: unknown) => this.logger.error({ err: error, memberId, isOnline }, 'could not store when a member was last seen'));
  }

  /** Resolves once every queued write is done (the hub is stopping). */
  drained(): Promise<void> {
    return this.tail;
  }

  private async writeNow(memberId: string, workspaceId: string, isOnline: boolean, at: number): Promise<void> {
    if (isOnline) return this.store.members.setLastSeen(memberId, at);
    // A member deleted meanwhile gets no last seen, and nobody is told they went offline.
    if ((await this.store.members.byId(memberId)) === undefined) return;
    await this.store.members.setLastSeen(memberId, at);
    // Back online while this waited: that arrival was told already, and is the truth now.
    if (!this.isOnline(memberId)) this.tell(workspaceId, { memberId, isOnline, lastSeenAt: at });
  }
}
