// Issue 14.2, U3 across instances: presence as one truth. Each instance
// holds a lease in presence_leases for every member it has a connection of,
// takes it when their first connection opens and gives it back when their
// last closes, and renews all of its leases on a heartbeat. Every lease
// taken or given back is NOTIFYed in the statement's own transaction, so
// each instance's mirror (PresenceRegistry) follows, and it tells its own
// sockets when a member came online or went offline everywhere.
//
// An instance that dies (kill -9, a lost machine) stops renewing: at its next
// heartbeat another instance finds the leases expired, removes them, stores
// the last renewal as the member's last seen (unless they are online
// elsewhere) and announces them offline, in one transaction, so two
// instances reaping at once announce each lease once. All times are the
// database's clock, so instances' clocks need not agree.
import type { Logger } from 'pino';
import type pg from 'pg';
import type { Presence } from '../../shared/protocol';
import type { PresenceRegistry } from '../server/presence';
import type { PresenceMove } from './cluster-messages';
import { CLUSTER_CHANNELS } from './cluster-messages';

export interface PresenceLeaseTimes {
  /** How long a lease lasts without renewal: how soon a dead instance's members go offline. */
  leaseMs: number;
  /** How often an instance renews its leases and looks for expired ones. */
  renewEveryMs: number;
}

/**
 * Twice the hub's socket heartbeat (15 s) and renewed three times per
 * lease: a member whose instance died is announced offline within
 * leaseMs + renewEveryMs, 40 s.
 */
export const DEFAULT_PRESENCE_LEASE_TIMES: PresenceLeaseTimes = { leaseMs: 30_000, renewEveryMs: 10_000 };

/** The database's clock in ms. */
const DB_NOW = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

/** A presence NOTIFY for each row of `source`, whose columns are origin, workspace_id, member_id and last_seen_at. */
const notifyEach = (source: string, isOnline: boolean): string =>
  `SELECT pg_notify('${CLUSTER_CHANNELS.presence}', json_build_object('origin', origin, 'workspaceId', workspace_id, 'memberId', member_id, 'isOnline', ${isOnline}, 'lastSeenAt', last_seen_at)::text) FROM ${source}`;

const TAKE_LEASE = `
  WITH taken AS (
    INSERT INTO presence_leases (instance_name, member_id, workspace_id, renewed_at, expires_at)
    SELECT $1, id, workspace_id, ${DB_NOW}, ${DB_NOW} + $3 FROM members WHERE id = $2
    ON CONFLICT (instance_name, member_id) DO UPDATE SET renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at
    RETURNING instance_name AS origin, workspace_id, member_id, renewed_at AS last_seen_at)
  ${notifyEach('taken', true)}`;

const GIVE_BACK_LEASE = `
  WITH given AS (
    DELETE FROM presence_leases WHERE instance_name = $1 AND member_id = ANY($2::text[])
    RETURNING instance_name AS origin, workspace_id, member_id, ${DB_NOW} AS last_seen_at)
  ${notifyEach('given', false)}`;

const RENEW_LEASES = `
  UPDATE presence_leases SET renewed_at = ${DB_NOW}, expires_at = ${DB_NOW} + $2 WHERE instance_name = $1 RETURNING member_id`;

// Rows a data-modifying CTE deletes are still seen by its siblings: "online elsewhere" counts unexpired leases only.
const REAP_EXPIRED = `
  WITH gone AS (
    DELETE FROM presence_leases WHERE expires_at < ${DB_NOW}
    RETURNING instance_name AS origin, workspace_id, member_id, renewed_at AS last_seen_at),
  seen AS (
    UPDATE members SET last_seen_at = gone.last_seen_at FROM gone
    WHERE members.id = gone.member_id AND (members.last_seen_at IS NULL OR members.last_seen_at < gone.last_seen_at)
      AND NOT EXISTS (SELECT 1 FROM presence_leases AS other WHERE other.member_id = gone.member_id AND other.expires_at >= ${DB_NOW}))
  ${notifyEach('gone', false)}`;

const LEASES_ELSEWHERE = `
  SELECT presence_leases.instance_name, presence_leases.member_id, presence_leases.workspace_id, members.last_seen_at
  FROM presence_leases LEFT JOIN members ON members.id = presence_leases.member_id
  WHERE presence_leases.instance_name <> $1 AND presence_leases.expires_at >= ${DB_NOW}`;

export interface PresenceLeasesOptions {
  pool: pg.Pool;
  instanceName: string;
  presence: PresenceRegistry;
  /** Tells this instance's sockets of the workspace that a member came online or went offline (Broadcaster.presenceChanged). */
  tell(workspaceId: string, presence: Presence): void;
  logger: Logger;
  times?: PresenceLeaseTimes;
}

export class PresenceLeases {
  private readonly times: PresenceLeaseTimes;
  /** Each member's lease work in order: a quick connect and close must not give back before it took. */
  private readonly queues = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private beat: Promise<void> = Promise.resolve();
  private isClosed = false;

  constructor(private readonly options: PresenceLeasesOptions) {
    this.times = options.times ?? DEFAULT_PRESENCE_LEASE_TIMES;
  }

  /** Reads the other instances' leases into the mirror, follows this instance's connections, and starts the heartbeat. */
  async start(): Promise<void> {
    await this.readElsewhere();
    this.options.presence.onLocalChange((memberId, isOnlineHere) => this.queue(memberId, () => (isOnlineHere ? this.take(memberId) : this.giveBack([memberId]))));
    this.timer = setInterval(() => {
      // A heartbeat slower than the interval is not started twice.
      this.beat = this.beat.then(() => this.heartbeat());
    }, this.times.renewEveryMs);
    this.timer.unref();
  }

  /** A lease was taken or given back on another instance (or a dead one's was reaped). */
  heard(move: PresenceMove): void {
    const { presence, tell } = this.options;
    const isMoved = move.isOnline ? presence.arrivedElsewhere(move.origin, move.memberId) : presence.leftElsewhere(move.origin, move.memberId);
    if (isMoved) tell(move.workspaceId, { memberId: move.memberId, isOnline: move.isOnline, lastSeenAt: move.lastSeenAt });
  }

  /** After the listener reconnected: what moved while it was away is read from the table. */
  async readElsewhere(): Promise<void> {
    const { rows } = await this.options.pool.query<{ instance_name: string; member_id: string; workspace_id: string; last_seen_at: string | null }>(LEASES_ELSEWHERE, [
      this.options.instanceName,
    ]);
    const { arrived, left } = this.options.presence.replaceElsewhere(rows.map((row) => ({ instanceName: row.instance_name, memberId: row.member_id })));
    const arrivedRows = new Map(rows.map((row) => [row.member_id, row]));
    for (const memberId of arrived) {
      const row = arrivedRows.get(memberId);
      if (row) this.options.tell(row.workspace_id, { memberId, isOnline: true, lastSeenAt: row.last_seen_at === null ? null : Number(row.last_seen_at) });
    }
    if (left.length === 0) return;
    // A member deleted meanwhile is told to nobody: their workspace no longer lists them.
    const gone = await this.options.pool.query<{ id: string; workspace_id: string; last_seen_at: string | null }>(
      'SELECT id, workspace_id, last_seen_at FROM members WHERE id = ANY($1::text[])',
      [left],
    );
    for (const row of gone.rows) this.options.tell(row.workspace_id, { memberId: row.id, isOnline: false, lastSeenAt: row.last_seen_at === null ? null : Number(row.last_seen_at) });
  }

  /** One heartbeat: renews this instance's leases (taking again any another instance reaped), then reaps expired ones. */
  async heartbeat(): Promise<void> {
    if (this.isClosed) return;
    const { pool, instanceName, presence, logger } = this.options;
    try {
      const { rows } = await pool.query<{ member_id: string }>(RENEW_LEASES, [instanceName, this.times.leaseMs]);
      const held = new Set(rows.map((row) => row.member_id));
      // Reaped while this instance could not renew (PostgreSQL was away longer than a lease): taken again, and announced online.
      for (const memberId of presence.onlineMembers()) {
        if (!held.has(memberId) && !this.queues.has(memberId)) this.queue(memberId, () => this.takeIfStillHere(memberId));
      }
      const reaped = await pool.query(REAP_EXPIRED);
      if ((reaped.rowCount ?? 0) > 0) logger.warn({ leases: reaped.rowCount }, 'presence leases of an instance that stopped renewing were removed; their members are announced offline');
    } catch (error) {
      logger.error({ err: error }, 'the presence heartbeat failed; tried again at the next one');
    }
  }

  /** Stops the heartbeat and gives back every lease this instance holds (its members go offline everywhere else). */
  async close(): Promise<void> {
    this.isClosed = true;
    if (this.timer) clearInterval(this.timer);
    await this.beat;
    await Promise.all(this.queues.values());
    const held = this.options.presence.onlineMembers();
    if (held.length > 0) await this.giveBack(held).catch((error: unknown) => this.options.logger.error({ err: error }, 'could not give back the presence leases; they expire'));
  }

  /** Leases held now, by member (tests). */
  async heldLeases(): Promise<string[]> {
    const { rows } = await this.options.pool.query<{ member_id: string }>('SELECT member_id FROM presence_leases WHERE instance_name = $1 ORDER BY member_id', [this.options.instanceName]);
    return rows.map((row) => row.member_id);
  }

  private queue(memberId: string, work: () => Promise<void>): void {
    const next = (this.queues.get(memberId) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) => this.options.logger.error({ err: error, memberId }, 'a presence lease could not be taken or given back; the heartbeat sets it right'))
      .finally(() => {
        if (this.queues.get(memberId) === next) this.queues.delete(memberId);
      });
    this.queues.set(memberId, next);
  }

  private async take(memberId: string): Promise<void> {
    await this.options.pool.query(TAKE_LEASE, [this.options.instanceName, memberId, this.times.leaseMs]);
  }

  private async takeIfStillHere(memberId: string): Promise<void> {
    if (this.options.presence.isConnectedHere(memberId)) await this.take(memberId);
  }

  private async giveBack(memberIds: readonly string[]): Promise<void> {
    await this.options.pool.query(GIVE_BACK_LEASE, [this.options.instanceName, memberIds]);
  }
}
