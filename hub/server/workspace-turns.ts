// D4: what is sent to a workspace's desktops in `seq` order runs one piece at
// a time per workspace. The store answers with promises, so a fan-out now
// awaits its reads; without turns, the fan-outs of two requests that commit
// back to back (or a fan-out and a snapshot's catch-up) could interleave on a
// socket, and a frame for an older `seq` could follow a newer one. Each piece
// reads what it needs and sends in the same turn of the event loop as its
// last check (broadcaster.ts), so a socket's `sentSeq` only moves forward.
export class WorkspaceTurns {
  /** The last piece queued for each workspace; removed once it settles and nothing follows it. */
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `work` after the pieces already queued for this workspace; resolves
   * or rejects as `work` does. A failed piece does not stop those after it.
   */
  run(workspaceId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(workspaceId) ?? Promise.resolve();
    const turn = previous.then(work);
    // The chain itself never rejects: each caller hears its own piece's failure through `turn`.
    const tail: Promise<void> = turn.then(
      (): void => this.settled(workspaceId, tail),
      (): void => this.settled(workspaceId, tail),
    );
    this.tails.set(workspaceId, tail);
    return turn;
  }

  private settled(workspaceId: string, tail: Promise<void>): void {
    if (this.tails.get(workspaceId) === tail) this.tails.delete(workspaceId);
  }
}
