// U3/U4: a member is online while they have at least one live connection
// (several desktops count once); last seen is kept on the way out and, at
// most once a minute, while they are active.
//
// Issue 14.2: with several hub instances on one PostgreSQL, a member is
// online while any instance has a connection of theirs. Each instance counts
// its own connections here and mirrors which other instances hold a lease
// for the member (hub/cluster/presence-leases.ts keeps the mirror in step
// with the shared table), so `isOnline` stays a synchronous read.
export const ACTIVITY_PERSIST_INTERVAL_MS = 60_000;

/** Told when this instance's first connection of a member opens, or its last closes (the cluster shares it). */
export type LocalPresenceListener = (memberId: string, isOnlineHere: boolean) => void;

export class PresenceRegistry {
  private readonly liveConnections = new Map<string, number>();
  private readonly lastPersisted = new Map<string, number>();
  /** Issue 14.2: for each member, the other instances that hold a lease for them. */
  private readonly elsewhere = new Map<string, Set<string>>();
  private localListener: LocalPresenceListener | null = null;

  isOnline = (memberId: string): boolean => (this.liveConnections.get(memberId) ?? 0) > 0 || this.elsewhere.has(memberId);

  /** Issue 14.2: the cluster's presence, told of each member this instance brings online or takes offline. */
  onLocalChange(listener: LocalPresenceListener): void {
    this.localListener = listener;
  }

  /** Counts a new connection; true when it brought the member online (they were online nowhere). */
  connect(memberId: string): boolean {
    const count = this.liveConnections.get(memberId) ?? 0;
    this.liveConnections.set(memberId, count + 1);
    if (count > 0) return false;
    this.localListener?.(memberId, true);
    return !this.elsewhere.has(memberId);
  }

  /** Counts a closed connection; true when it took the member offline (they are online nowhere now). */
  disconnect(memberId: string): boolean {
    const count = this.liveConnections.get(memberId) ?? 0;
    if (count <= 1) {
      this.liveConnections.delete(memberId);
      this.lastPersisted.delete(memberId);
      if (count === 0) return false;
      this.localListener?.(memberId, false);
      return !this.elsewhere.has(memberId);
    }
    this.liveConnections.set(memberId, count - 1);
    return false;
  }

  /** Issue 14.2: another instance took a lease for the member; true when that brought them online. */
  arrivedElsewhere(instanceName: string, memberId: string): boolean {
    const wasOnline = this.isOnline(memberId);
    const instances = this.elsewhere.get(memberId) ?? new Set<string>();
    instances.add(instanceName);
    this.elsewhere.set(memberId, instances);
    return !wasOnline;
  }

  /** Issue 14.2: another instance's lease for the member ended (closed, or the instance died); true when that took them offline. */
  leftElsewhere(instanceName: string, memberId: string): boolean {
    const instances = this.elsewhere.get(memberId);
    if (!instances?.delete(instanceName)) return false;
    if (instances.size === 0) this.elsewhere.delete(memberId);
    return !this.isOnline(memberId);
  }

  /**
   * Issue 14.2: the other instances' leases as the shared table has them now
   * (after the listener missed notifications); returns the members that came
   * online and went offline by it.
   */
  replaceElsewhere(leases: ReadonlyArray<{ instanceName: string; memberId: string }>): { arrived: string[]; left: string[] } {
    const before = new Set(this.elsewhere.keys());
    this.elsewhere.clear();
    for (const { instanceName, memberId } of leases) {
      const instances = this.elsewhere.get(memberId) ?? new Set<string>();
      instances.add(instanceName);
      this.elsewhere.set(memberId, instances);
    }
    const arrived = [...this.elsewhere.keys()].filter((memberId) => !before.has(memberId) && !this.liveConnections.has(memberId));
    const left = [...before].filter((memberId) => !this.isOnline(memberId));
    return { arrived, left };
  }

  /** Whether activity at `now` should be written as last seen (throttled). */
  shouldPersistActivity(memberId: string, now: number): boolean {
    const last = this.lastPersisted.get(memberId) ?? 0;
    if (now - last < ACTIVITY_PERSIST_INTERVAL_MS) return false;
    this.lastPersisted.set(memberId, now);
    return true;
  }

  /** Issue 14.2: whether another instance holds a lease for the member. */
  isOnlineElsewhere(memberId: string): boolean {
    return this.elsewhere.has(memberId);
  }

  /** Whether the member has a connection on this instance. */
  isConnectedHere(memberId: string): boolean {
    return this.liveConnections.has(memberId);
  }

  /** The members with a connection on this instance. */
  onlineMembers(): string[] {
    return [...this.liveConnections.keys()];
  }
}
