// Test helper for the fault suites across hub instances (hub/cluster-faults.test.ts):
// a desktop that only watches. It keeps the workspace's teams as a replica
// would, from the snapshot and each change set after it, and notes every
// change set that does not start where the one before ended (D4: a gap or
// a repeat). It also notes when each member was announced offline. If its
// socket closes, it subscribes again since the last seq it holds, on the
// first of its hubs that takes it.
import type { Presence, ServerMessage } from '../../shared/protocol';
import { TestClient } from '../testing/test-client';

const RETRY_PAUSE_MS = 200;

export interface FollowedTeam {
  id: string;
  name: string;
}

export class WorkspaceFollower {
  seq: number | null = null;
  readonly teams = new Map<string, FollowedTeam>();
  /** Change sets that did not start at the seq held: each is a defect. */
  readonly seqBreaks: string[] = [];
  /** When each presence move arrived (this process's clock). */
  readonly presenceMoves: Array<Presence & { at: number }> = [];
  resubscriptions = 0;
  private client: TestClient | null = null;
  private isClosed = false;
  private reconnecting: Promise<void> | null = null;

  private constructor(
    private readonly hubs: () => readonly string[],
    private readonly token: string,
    private readonly workspaceId: string,
  ) {}

  static async follow(hubs: () => readonly string[], token: string, workspaceId: string): Promise<WorkspaceFollower> {
    const follower = new WorkspaceFollower(hubs, token, workspaceId);
    await follower.subscribe();
    return follower;
  }

  /** Whether `memberId` was announced offline after `since`; the first such moment. */
  wentOfflineAt(memberId: string, since: number): number | undefined {
    return this.presenceMoves.find((move) => move.memberId === memberId && !move.isOnline && move.at >= since)?.at;
  }

  isOnline(memberId: string): boolean | undefined {
    return this.presenceMoves.findLast((move) => move.memberId === memberId)?.isOnline;
  }

  close(): void {
    this.isClosed = true;
    this.client?.close();
  }

  private apply(message: ServerMessage): void {
    if (message.type === 'snapshot') {
      this.teams.clear();
      for (const team of message.snapshot.teams) this.teams.set(team.id, { id: team.id, name: team.name });
      this.seq = message.seq;
    } else if (message.type === 'changes') {
      if (this.seq !== null && message.fromSeq !== this.seq) this.seqBreaks.push(`changes from ${message.fromSeq} to ${message.seq} while holding ${this.seq}`);
      for (const team of message.changes.teams.upserted) this.teams.set(team.id, { id: team.id, name: team.name });
      for (const id of message.changes.teams.deleted) this.teams.delete(id);
      this.seq = message.seq;
    } else if (message.type === 'presence') {
      const at = Date.now();
      for (const moved of message.presence) this.presenceMoves.push({ ...moved, at });
    }
  }

  private async subscribe(): Promise<void> {
    for (;;) {
      for (const hub of this.hubs()) {
        if (this.isClosed) return;
        try {
          const client = await TestClient.open(`${hub.replace(/^http/, 'ws')}/ws`, this.token, this.workspaceId);
          client.socket.on('message', (data: Buffer) => this.apply(JSON.parse(data.toString()) as ServerMessage));
          client.socket.once('close', () => this.lost(client));
          await client.subscribe(this.seq).catch((error: unknown) => {
            client.close();
            throw error;
          });
          this.client = client;
          return;
        } catch {
          // Refused, or its store is away: the next hub, then all again after a pause.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }

  private lost(client: TestClient): void {
    if (this.isClosed || this.client !== client) return;
    this.client = null;
    this.resubscriptions += 1;
    this.reconnecting = this.subscribe();
  }

  /** Resolves once a socket is subscribed again after a loss (tests wait for it before comparing). */
  async settled(): Promise<void> {
    await this.reconnecting;
  }
}
