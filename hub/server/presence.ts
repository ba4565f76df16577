// U3/U4: a member is online while they have at least one live connection
// (several desktops count once); last seen is kept on the way out and, at
// most once a minute, while they are active.
export const ACTIVITY_PERSIST_INTERVAL_MS = 60_000;

export class PresenceRegistry {
  private readonly liveConnections = new Map<string, number>();
  private readonly lastPersisted = new Map<string, number>();

  isOnline = (memberId: string): boolean => (this.liveConnections.get(memberId) ?? 0) > 0;

  /** Counts a new connection; true when it brought the member online. */
  connect(memberId: string): boolean {
    const count = this.liveConnections.get(memberId) ?? 0;
    this.liveConnections.set(memberId, count + 1);
    return count === 0;
  }

  /** Counts a closed connection; true when it took the member offline. */
  disconnect(memberId: string): boolean {
    const count = this.liveConnections.get(memberId) ?? 0;
    if (count <= 1) {
      this.liveConnections.delete(memberId);
      this.lastPersisted.delete(memberId);
      return count === 1;
    }
    this.liveConnections.set(memberId, count - 1);
    return false;
  }

  /** Whether activity at `now` should be written as last seen (throttled). */
  shouldPersistActivity(memberId: string, now: number): boolean {
    const last = this.lastPersisted.get(memberId) ?? 0;
    if (now - last < ACTIVITY_PERSIST_INTERVAL_MS) return false;
    this.lastPersisted.set(memberId, now);
    return true;
  }

  onlineMembers(): string[] {
    return [...this.liveConnections.keys()];
  }
}
