// Issue 14.2: the one connection on which a hub instance hears the others.
// LISTEN belongs to a session, so it is a dedicated pg.Client, not a pooled
// one. When PostgreSQL restarts or the connection drops, it connects again
// (waiting longer after each failure, up to a few seconds) and LISTENs
// again; notifications sent while it was away are lost, so once back it
// tells the hub to catch up (onReconnected), and says so in the log.
import type { Logger } from 'pino';
import pg from 'pg';
import type { ClusterChannel, ClusterPayloads } from './cluster-messages';
import { CLUSTER_CHANNELS, parsePayload } from './cluster-messages';

export type ClusterHandlers = { [C in ClusterChannel]?: (payload: ClusterPayloads[C]) => void };

export interface ClusterListenerOptions {
  connectionString: string;
  /** This instance's application_name: payloads whose origin it is are skipped. */
  instanceName: string;
  logger: Logger;
  handlers: ClusterHandlers;
  /** After a reconnection: what was sent meanwhile was missed. Its failure is logged. */
  onReconnected(): Promise<void>;
}

const FIRST_RETRY_MS = 100;
const LONGEST_RETRY_MS = 5_000;

export class ClusterListener {
  private client: pg.Client | null = null;
  private isClosed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = FIRST_RETRY_MS;
  /** How many times it connected again after losing the connection (tests and logs). */
  reconnections = 0;

  constructor(private readonly options: ClusterListenerOptions) {}

  /** Connects and LISTENs; rejects when PostgreSQL cannot be reached now (the hub then does not start). */
  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch((error: unknown) => this.options.logger.warn({ err: error }, 'the cluster listener did not close cleanly'));
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: `${this.options.instanceName} listener`,
      // A connection that silently died (a lost machine, not a restart) is noticed by the kernel within a minute.
      keepAlive: true,
    });
    client.on('notification', (message) => this.heard(message.channel, message.payload));
    // Both fire when the server goes away; lost() acts once per client.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      for (const channel of Object.values(CLUSTER_CHANNELS)) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.client !== client || this.isClosed) return;
    this.client = null;
    this.options.logger.warn({ err: error ?? undefined }, 'the cluster listener lost PostgreSQL; connecting again');
    // Nothing else holds this client: its end is not waited for.
    void client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.isClosed) return;
    this.retryTimer = setTimeout(() => void this.reconnect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
  }

  private async reconnect(): Promise<void> {
    this.retryTimer = null;
    try {
      await this.connect();
    } catch (error) {
      this.options.logger.warn({ err: error, retryInMs: this.retryMs }, 'the cluster listener could not reach PostgreSQL yet');
      return this.scheduleReconnect();
    }
    if (this.isClosed) return void (await this.close());
    this.reconnections += 1;
    this.options.logger.info({ reconnections: this.reconnections }, 'the cluster listener reconnected to PostgreSQL; catching every workspace up');
    try {
      await this.options.onReconnected();
    } catch (error) {
      this.options.logger.error({ err: error }, 'catching up after the cluster listener reconnected failed');
    }
  }

  private heard(channel: string, payload: string | undefined): void {
    const known = Object.values(CLUSTER_CHANNELS).find((name) => name === channel);
    if (!known) return this.options.logger.error({ channel }, 'a cluster notification on an unknown channel was dropped');
    let parsed: ClusterPayloads[ClusterChannel];
    try {
      parsed = parsePayload(known, payload ?? '');
    } catch (error) {
      return this.options.logger.error({ err: error, channel, payload }, 'a cluster notification that does not parse was dropped');
    }
    if (parsed.origin === this.options.instanceName) return;
    const handler = this.options.handlers[known] as ((payload: ClusterPayloads[ClusterChannel]) => void) | undefined;
    try {
      handler?.(parsed);
    } catch (error) {
      this.options.logger.error({ err: error, channel }, 'a cluster notification could not be handled');
    }
  }
}
