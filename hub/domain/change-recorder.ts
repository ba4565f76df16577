// Records, inside a mutation's transaction, which entities changed: each
// raises its workspace's sequence number and lands in the change log, so a
// client that missed it can catch up.
import type { HubStore } from '../store/hub-store';
import type { ChangedEntity } from '../store/repos/changes';

export interface SeqRange {
  fromSeq: number;
  toSeq: number;
}

export class ChangeRecorder {
  /**
   * `ranges` is shared by the recorders `using` makes, so a savepoint's
   * changes count towards the request they are part of.
   */
  constructor(
    private readonly store: HubStore,
    private readonly ranges = new Map<string, SeqRange>(),
  ) {}

  /** The same record, written through `store` (a savepoint's own store inside the transaction). */
  using(store: HubStore): ChangeRecorder {
    return new ChangeRecorder(store, this.ranges);
  }

  async record(workspaceId: string, entity: ChangedEntity, entityId: string): Promise<void> {
    const seq = await this.store.workspaces.nextSeq(workspaceId);
    await this.store.changes.append({ workspaceId, seq, entity, entityId });
    const range = this.ranges.get(workspaceId);
    if (range) range.toSeq = seq;
    else this.ranges.set(workspaceId, { fromSeq: seq - 1, toSeq: seq });
  }

  /** The sequence range each touched workspace moved through. */
  touched(): ReadonlyMap<string, SeqRange> {
    return this.ranges;
  }
}
