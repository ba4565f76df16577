// The hub's Prometheus metrics (issue 14.5). Each hub has a registry of its
// own, never prom-client's global default: tests and benchmarks run many hubs
// in one process, and a hub's figures must be its own. The server reports to
// it through one-line hooks (a request answered, a fan-out started); what can
// be read when scraped (open sockets, how far behind they are) is read then,
// so an idle hub pays nothing for it.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ClientConnection } from './client-connection';

/** What a request came to: `ok`, the refusal's code (`forbidden`, `rate_limited`, ...) or `internal`. */
export type RequestOutcome = string;

export interface HubMetricsSources {
  /** Every open socket (the registry walks them without building a list). */
  connections(): Iterable<ClientConnection>;
  /** Whether any socket is open on the workspace (checked per commit: the registry's lookup, not a walk of every socket). */
  hasConnectionsIn(workspaceId: string): boolean;
  /** The workspace's newest committed sequence number; null when it is gone. */
  workspaceSeq(workspaceId: string): number | null | Promise<number | null>;
}

/**
 * Process-wide figures (CPU, memory, event loop delay, GC) describe the
 * process, not a hub, and prom-client's collectors cannot be stopped once
 * started: one registry for them per process, made at the first scrape, so
 * tests that start hundreds of hubs and never scrape start none.
 */
let processRegistry: Registry | null = null;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Fan-out takes from well under a millisecond (a few sockets) to tens of milliseconds (thousands). */
const FAN_OUT_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export class HubMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'type' | 'outcome'>;
  private readonly fanOut: Histogram;

  constructor(private readonly sources: HubMetricsSources) {
    const registers = [this.registry];
    new Gauge({
      name: 'gatehouse_hub_open_connections',
      help: 'Desktop sockets open on this hub.',
      registers,
      collect() {
        let count = 0;
        for (const connection of sources.connections()) if (connection.isOpen) count += 1;
        this.set(count);
      },
    });
    this.requests = new Counter({
      name: 'gatehouse_hub_requests_total',
      help: 'Requests answered over the desktops\' sockets, by type and outcome (ok, a refusal code, or internal).',
      labelNames: ['type', 'outcome'],
      registers,
    });
    this.fanOut = new Histogram({
      name: 'gatehouse_hub_fan_out_seconds',
      help: 'From a committed change to its frames handed to the last subscribed socket of its workspaces.',
      buckets: FAN_OUT_BUCKETS_SECONDS,
      registers,
    });
    const lag = this.changeLogLag.bind(this);
    new Gauge({
      name: 'gatehouse_hub_change_log_lag_commits',
      help: 'Commits not yet sent to the subscribed socket furthest behind (0: every desktop is current).',
      registers,
      async collect() {
        this.set(await lag());
      },
    });
  }

  /** Hook (request-processor.ts): a request got its reply. */
  requestAnswered(type: string, outcome: RequestOutcome): void {
    this.requests.inc({ type, outcome });
  }

  /**
   * Hook (broadcaster.ts): a change was committed and its fan-out starts now;
   * the returned function is called once the last frame went to its socket.
   * A commit to workspaces with no socket open sends nothing and is not
   * timed, so the histogram describes the fan-outs people wait for.
   */
  fanOutStarted(workspaceIds: Iterable<string>): () => void {
    for (const workspaceId of workspaceIds) {
      if (this.sources.hasConnectionsIn(workspaceId)) return this.fanOut.startTimer();
    }
    return noop;
  }

  /** The text Prometheus scrapes: this hub's figures, then the process's. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    const [own, shared] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return { contentType: this.registry.contentType, body: `${own}\n${shared}` };
  }

  /** The most commits any subscribed socket is behind its workspace (a snapshot streaming, a change another process wrote). */
  private async changeLogLag(): Promise<number> {
    const lowestSent = new Map<string, number>();
    for (const connection of this.sources.connections()) {
      if (!connection.isSubscribed && !connection.isSnapshotPending) continue;
      const sent = lowestSent.get(connection.workspaceId);
      if (sent === undefined || connection.sentSeq < sent) lowestSent.set(connection.workspaceId, connection.sentSeq);
    }
    let worst = 0;
    for (const [workspaceId, sent] of lowestSent) {
      const seq = await this.sources.workspaceSeq(workspaceId);
      if (seq !== null) worst = Math.max(worst, seq - sent);
    }
    return worst;
  }
}

function noop(): void {}
