// A SyncClient for tests, wired to real parts: a real replica file in a temp
// folder, a real hub (in this process or another), and a logger whose lines
// are kept so a test can check that every drop was written down with its reason.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Replica } from '../../replica/replica';
import type { BackoffSettings } from '../backoff';
import type { SyncClientOptions, SyncEvent } from '../sync-client';
import { SyncClient } from '../sync-client';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface SyncHarness {
  client: SyncClient;
  replica: Replica;
  events: SyncEvent[];
  logLines: LogLine[];
  /** The first matching event, among those already seen or still to come. */
  waitFor<T extends SyncEvent['type']>(type: T, predicate?: (event: Extract<SyncEvent, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<SyncEvent, { type: T }>>;
  waitOnline(timeoutMs?: number): Promise<void>;
  connectionStates(): Array<Extract<SyncEvent, { type: 'connection' }>['state']>;
  close(): Promise<void>;
}

export interface HarnessSettings {
  hubUrl: string;
  token: string;
  personId: string;
  workspaceId: string;
  backoff?: BackoffSettings;
  mutationRetryWindowMs?: number;
  /** Another replica than a fresh file (a test that makes it fail). */
  replica?: (file: string) => Replica;
  extra?: Partial<SyncClientOptions>;
}

export async function startSyncHarness(settings: HarnessSettings): Promise<SyncHarness> {
  const folder = await mkdtemp(join(tmpdir(), 'gatehouse-sync-'));
  const file = join(folder, 'replica.sqlite');
  const replica = settings.replica?.(file) ?? Replica.open(file, { hubUrl: settings.hubUrl, personId: settings.personId });
  const events: SyncEvent[] = [];
  const logLines: LogLine[] = [];
  let waiters: Array<{ match: (event: SyncEvent) => boolean; resolve: (event: SyncEvent) => void }> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) });
  const client = new SyncClient({
    hubUrl: settings.hubUrl,
    token: settings.token,
    workspaceId: settings.workspaceId,
    replica,
    logger,
    backoff: settings.backoff ?? { initialMs: 50, maxMs: 400 },
    ...(settings.mutationRetryWindowMs !== undefined ? { mutationRetryWindowMs: settings.mutationRetryWindowMs } : {}),
    ...settings.extra,
    onEvent: (event) => {
      events.push(event);
      waiters = waiters.filter((waiter) => {
        if (!waiter.match(event)) return true;
        waiter.resolve(event);
        return false;
      });
    },
  });
  const harness: SyncHarness = {
    client,
    replica,
    events,
    logLines,
    waitFor(type, predicate = () => true, timeoutMs = 5_000) {
      type Event = Extract<SyncEvent, { type: typeof type }>;
      const match = (event: SyncEvent): boolean => event.type === type && predicate(event as Event);
      const already = events.find(match);
      if (already) return Promise.resolve(already as Event);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          match,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event as Event);
          },
        });
      });
    },
    async waitOnline(timeoutMs = 5_000) {
      if (client.state.status === 'online') return;
      await harness.waitFor('connection', (event) => event.state.status === 'online' && client.state.status === 'online', timeoutMs);
    },
    connectionStates: () => events.flatMap((event) => (event.type === 'connection' ? [event.state] : [])),
    async close() {
      client.stop();
      replica.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
  return harness;
}
