// Issue 14.2: the entry point a hub on PostgreSQL calls to run beside other
// instances on the same database. It listens for what the others commit and
// tell (cluster-listener.ts) and hands each to the hub through `hooks`:
// changes to deliver, sessions whose sockets to close, messages for members,
// presence moves. Revoked members need nothing of their own: the revoke is a
// change, and the broadcaster closes the sockets of a member it finds
// revoked when it delivers it. See docs/cluster.md.
import type { Logger } from 'pino';
import pg from 'pg';
import type { Presence } from '../../shared/protocol';
import type { SeqRange } from '../domain/change-recorder';
import type { PresenceRegistry } from '../server/presence';
import { ChangeFanOut } from './change-fan-out';
import type { WorkspaceSeq } from './change-fan-out';
import type { MemberMessage } from './cluster-messages';
import { CLUSTER_CHANNELS } from './cluster-messages';
import { ClusterListener } from './cluster-listener';
import { ClusterPublisher } from './cluster-publisher';
import type { PresenceLeaseTimes } from './presence-leases';
import { PresenceLeases } from './presence-leases';

export interface ClusterHooks {
  /** Broadcaster.deliver: brings this instance's sockets up to these seqs. */
  deliver(ranges: ReadonlyMap<string, SeqRange>): Promise<void>;
  /** Every workspace and its stored seq, to catch up after a reconnection. */
  workspaces(): Promise<WorkspaceSeq[]>;
  /** Closes this instance's sockets of sessions that ended elsewhere. */
  closeSessions(sessionHashes: readonly string[]): void;
  /** Sends a message to this instance's subscribed sockets of these members. */
  sendToMembers(workspaceId: string, memberIds: ReadonlySet<string>, message: MemberMessage['message']): void;
  /** The hub's presence: its own connections, and the mirror of the other instances' leases this keeps. */
  presence: PresenceRegistry;
  /** Tells this instance's sockets that a member came online or went offline everywhere (Broadcaster.presenceChanged). */
  tellPresence(workspaceId: string, presence: Presence): void;
}

export interface ClusterOptions {
  /** The database the hub's store is on. */
  connectionString: string;
  /** newInstanceName(): also the store pool's application_name (storeConnectionString). */
  instanceName: string;
  logger: Logger;
  hooks: ClusterHooks;
  /** How long a presence lease lasts and how often it is renewed (tests shorten them). */
  presenceLeaseTimes?: PresenceLeaseTimes;
}

export interface HubCluster {
  readonly instanceName: string;
  /** Sends a message to these members' sockets on every other instance (the hub sends to its own). */
  sendToMembers(workspaceId: string, memberIds: readonly string[], message: MemberMessage['message']): Promise<void>;
  /** How many times the listener connected again (tests, logs). */
  reconnections(): number;
  /** The shared presence (tests run its heartbeat by hand). */
  readonly presenceLeases: PresenceLeases;
  /** Gives back this instance's presence leases, stops listening and waits for deliveries under way; before the store closes. */
  close(): Promise<void>;
}

/** Joins the instances on this database; resolves once it listens (before the hub takes sockets). */
export async function joinCluster(options: ClusterOptions): Promise<HubCluster> {
  const { connectionString, instanceName, logger, hooks } = options;
  // For the NOTIFYs this instance sends, its presence leases and its heartbeat: a few connections, apart from the store's.
  const pool = new pg.Pool({ connectionString, application_name: instanceName, max: 4 });
  // Its message only: the error carries the whole client (pg-pool sets error.client), kilobytes a line.
  pool.on('error', (error) => logger.warn({ reason: error.message }, 'a cluster pool connection was lost while idle; the pool opens another'));
  const fanOut = new ChangeFanOut(hooks.deliver, logger);
  const presenceLeases = new PresenceLeases({ pool, instanceName, presence: hooks.presence, tell: hooks.tellPresence, logger, times: options.presenceLeaseTimes });
  const listener = new ClusterListener({
    connectionString,
    instanceName,
    logger,
    handlers: {
      [CLUSTER_CHANNELS.changes]: (change) => fanOut.heard(change),
      [CLUSTER_CHANNELS.sessionsEnded]: (ended) => hooks.closeSessions(ended.sessionHashes),
      [CLUSTER_CHANNELS.memberMessages]: (sent) => hooks.sendToMembers(sent.workspaceId, new Set(sent.memberIds), sent.message),
      [CLUSTER_CHANNELS.presence]: (move) => presenceLeases.heard(move),
    },
    async onReconnected() {
      const count = await fanOut.catchUpAll(() => hooks.workspaces());
      await presenceLeases.readElsewhere();
      logger.info({ workspaces: count }, 'caught every workspace and the presence of other instances up after the cluster listener reconnected');
    },
  });
  try {
    // Listening first: a lease taken between reading the table and listening would otherwise be missed.
    await listener.start();
    await presenceLeases.start();
  } catch (error) {
    await listener.close();
    await pool.end();
    throw error;
  }
  const publisher = new ClusterPublisher(pool, instanceName);
  logger.info({ instanceName }, 'joined the hub instances on this database');
  return {
    instanceName,
    sendToMembers: (workspaceId, memberIds, message) => publisher.sendToMembers(workspaceId, memberIds, message),
    reconnections: () => listener.reconnections,
    presenceLeases,
    async close() {
      await presenceLeases.close();
      await listener.close();
      await fanOut.drained();
      await pool.end();
    },
  };
}
