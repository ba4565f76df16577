// A streamed snapshot on its way in (issue 12): its parts are written to the
// replica as they arrive (inside the staging transaction, unseen by readers),
// counted against the totals the hub announced, and committed in one go once
// `snapshot.end` has come and the counts agree. Records this version cannot
// read are counted as received, kept out, and remembered for the notice.
import type { SyncProgress } from '../../../shared/api/sync-progress';
import type { RecordKind, ServerMessageOf, UnreadableRecord } from '../../../shared/protocol';
import { RECORD_KINDS } from '../../../shared/protocol';
import type { StagedSnapshot } from '../replica/replica';

export class SnapshotAssembly {
  private readonly received: Record<RecordKind, number> = { members: 0, teams: 0, contacts: 0 };
  /** Records left out, each with a key for the unreadable counts (its id, or its place in the stream). */
  readonly unreadable: Array<{ kind: RecordKind; key: string }> = [];

  constructor(
    private readonly staged: StagedSnapshot,
    readonly begin: ServerMessageOf<'snapshot.begin'>,
  ) {}

  get seq(): number {
    return this.begin.seq;
  }

  add(part: ServerMessageOf<'snapshot.part'>, unreadable: UnreadableRecord[]): void {
    this.staged.add(part.kind, part.records);
    for (const record of unreadable) this.unreadable.push({ kind: record.kind, key: record.id ?? `#${this.seq}.${this.unreadable.length}` });
    this.received[part.kind] += part.records.length + unreadable.length;
  }

  /** Why the parts do not make the snapshot the hub announced, or null when they do. */
  shortfall(): string | null {
    const wrong = RECORD_KINDS.filter((kind) => this.received[kind] !== this.begin.totals[kind]);
    if (wrong.length === 0) return null;
    return `the snapshot's parts do not add up: ${wrong.map((kind) => `${this.received[kind]} of ${this.begin.totals[kind]} ${kind}`).join(', ')}`;
  }

  commit(at: number): void {
    const { organization, workspace, selfMemberId, preferences } = this.begin;
    this.staged.commit(this.seq, { organization, workspace, selfMemberId, preferences }, at);
  }

  abandon(): void {
    this.staged.abandon();
  }

  progress(phase: SyncProgress['phase']): SyncProgress {
    const of = (kind: RecordKind) => ({ received: this.received[kind], total: this.begin.totals[kind] });
    return { workspaceId: this.staged.workspaceId, phase, members: of('members'), teams: of('teams'), contacts: of('contacts') };
  }
}
