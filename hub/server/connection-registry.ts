// The open connections, by workspace.
import type { ClientConnection } from './client-connection';

export class ConnectionRegistry {
  private readonly byWorkspace = new Map<string, Set<ClientConnection>>();

  add(connection: ClientConnection): void {
    const set = this.byWorkspace.get(connection.workspaceId) ?? new Set();
    set.add(connection);
    this.byWorkspace.set(connection.workspaceId, set);
  }

  remove(connection: ClientConnection): void {
    const set = this.byWorkspace.get(connection.workspaceId);
    set?.delete(connection);
    if (set?.size === 0) this.byWorkspace.delete(connection.workspaceId);
  }

  /**
   * The copy of this workspace id its open connections already hold (or this
   * one, for the first): each upgrade's id is a slice of its own request URL,
   * which it would keep alive for as long as the socket is open.
   */
  sharedWorkspaceId(workspaceId: string): string {
    const open = this.byWorkspace.get(workspaceId)?.values().next();
    return open && !open.done ? open.value.workspaceId : workspaceId;
  }

  inWorkspace(workspaceId: string): ClientConnection[] {
    return [...(this.byWorkspace.get(workspaceId) ?? [])];
  }

  all(): ClientConnection[] {
    return [...this.each()];
  }

  /** Every open connection, without building a list (the heartbeat and session timer walk them all). */
  *each(): IterableIterator<ClientConnection> {
    for (const set of this.byWorkspace.values()) yield* set;
  }

  /** Closes every socket opened with one of these sessions (they were signed out, or expired). */
  closeSessions(sessionHashes: Iterable<string>, code: number, reason: string): void {
    const ended = new Set(sessionHashes);
    if (ended.size === 0) return;
    for (const connection of this.all()) {
      if (ended.has(connection.sessionHash)) connection.close(code, reason);
    }
  }
}
