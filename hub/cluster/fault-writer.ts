// Test helper for the fault suites across hub instances (hub/cluster-faults.test.ts):
// a desktop writing as fast as its hub answers, through raw sockets. It sends
// team.create with a mutation id, one at a time, and keeps every mutation it
// sent and whether it was acknowledged. When its socket closes (its hub was
// killed, or closed it) it connects again, to the first of its hubs that
// takes it (the test plays the proxy in front of the instances), and sends
// the unacknowledged mutation again with the same mutation id, as the
// desktop does. An error the hub may answer while its database is away
// (`internal`) or a quota (`rate_limited`) is retried with the same id too;
// any other refusal is kept for the test to report, never retried.
import { randomUUID } from 'node:crypto';
import type { HubErrorCode } from '../../shared/protocol';
import { TestClient } from '../testing/test-client';

/** Errors a retry with the same mutation id is the answer to. */
const RETRIED_CODES: ReadonlySet<HubErrorCode> = new Set(['internal', 'rate_limited']);
const RETRY_PAUSE_MS = 200;
/** Once told to stop, how long a writer keeps trying to reach a hub for its last mutation before it fails. */
const GIVE_UP_AFTER_STOP_MS = 30_000;
/** A reply slower than this is a hang: a hub must answer, with an error if it cannot do the work. */
export const REPLY_DEADLINE_MS = 10_000;

export interface WrittenMutation {
  mutationId: string;
  name: string;
  isAcknowledged: boolean;
  /** How many times it was sent (1 unless retried). */
  sends: number;
}

export interface FailedReply {
  writer: string;
  code: HubErrorCode | 'no_reply';
  at: number;
  message: string;
}

/** What every writer of a run shares: the mutations, the errors it saw, and how it fared. */
export class WriteLog {
  readonly mutations: WrittenMutation[] = [];
  /** Errors answered (and replies that never came) that were retried. */
  readonly retriedFailures: FailedReply[] = [];
  /** Refusals that are not retried: each one is a defect the test reports. */
  readonly refusals: FailedReply[] = [];
  /** Connections opened again after a socket closed. */
  reconnections = 0;
  /** Slowest reply, in ms, and every reply's time (for p95). */
  readonly replyMs: number[] = [];

  acknowledged(): WrittenMutation[] {
    return this.mutations.filter((mutation) => mutation.isAcknowledged);
  }
}

type Outcome = { kind: 'ok' } | { kind: 'error'; code: HubErrorCode; message: string; retryAfterMs?: number } | { kind: 'closed' } | { kind: 'no_reply' };

export interface FaultWriterOptions {
  name: string;
  /** The hubs' http:// addresses, preferred first: a socket is opened on the first that takes it. */
  hubs: () => readonly string[];
  token: string;
  workspaceId: string;
  log: WriteLog;
}

export class FaultWriter {
  private client: TestClient | null = null;
  /** The open socket's close, one listener per socket (not one per request). */
  private clientClosed: Promise<number> = Promise.resolve(0);
  private nextRequest = 1;
  private isStopping = false;
  private running: Promise<void> | null = null;

  constructor(private readonly options: FaultWriterOptions) {}

  start(): void {
    this.running = this.run();
  }

  /** Stops after the mutation under way is acknowledged (or refused); rejects if the writer failed. */
  async stop(): Promise<void> {
    this.isStopping = true;
    await this.running;
    this.client?.close();
  }

  private async run(): Promise<void> {
    for (let index = 0; !this.isStopping; index += 1) {
      const mutation: WrittenMutation = { mutationId: randomUUID(), name: `${this.options.name}-${index}`, isAcknowledged: false, sends: 0 };
      this.options.log.mutations.push(mutation);
      await this.deliver(mutation);
    }
  }

  /** Sends `mutation` until it is acknowledged or refused, connecting again as often as needed. */
  private async deliver(mutation: WrittenMutation): Promise<void> {
    const { log, name } = this.options;
    for (;;) {
      const client = await this.connected();
      mutation.sends += 1;
      const outcome = await this.send(client, mutation);
      if (outcome.kind === 'ok') {
        mutation.isAcknowledged = true;
        return;
      }
      if (outcome.kind === 'closed') continue;
      if (outcome.kind === 'no_reply') {
        log.retriedFailures.push({ writer: name, code: 'no_reply', at: Date.now(), message: `no reply within ${REPLY_DEADLINE_MS} ms` });
        // A socket that stopped answering is given up, as a desktop gives it up.
        client.close();
        this.client = null;
        continue;
      }
      const failure = { writer: name, code: outcome.code, at: Date.now(), message: outcome.message };
      if (!RETRIED_CODES.has(outcome.code)) {
        log.refusals.push(failure);
        return;
      }
      log.retriedFailures.push(failure);
      await pause(outcome.retryAfterMs ?? RETRY_PAUSE_MS);
    }
  }

  private async send(client: TestClient, mutation: WrittenMutation): Promise<Outcome> {
    if (client.closeCode !== null) return { kind: 'closed' };
    const id = `${this.options.name}-r${this.nextRequest++}`;
    const sentAt = Date.now();
    const reply = client.waitFor('reply', (message) => message.id === id, REPLY_DEADLINE_MS).then(
      (message): Outcome =>
        message.ok
          ? { kind: 'ok' }
          : { kind: 'error', code: message.error.code, message: message.error.message, ...(message.error.retryAfterMs === undefined ? {} : { retryAfterMs: message.error.retryAfterMs }) },
      (): Outcome => ({ kind: 'no_reply' }),
    );
    client.sendRaw(JSON.stringify({ id, type: 'team.create', mutationId: mutation.mutationId, name: mutation.name }));
    const outcome = await Promise.race([reply, this.clientClosed.then((): Outcome => ({ kind: 'closed' }))]);
    if (outcome.kind === 'ok' || outcome.kind === 'error') this.options.log.replyMs.push(Date.now() - sentAt);
    return outcome;
  }

  /** The open socket, or a new one on the first hub that takes it (a hub whose store is away refuses for now: tried again). */
  private async connected(): Promise<TestClient> {
    if (this.client && this.client.closeCode === null) return this.client;
    if (this.client) this.options.log.reconnections += 1;
    this.client = null;
    let stoppedAt: number | null = null;
    for (;;) {
      if (this.isStopping) stoppedAt ??= Date.now();
      if (stoppedAt !== null && Date.now() - stoppedAt > GIVE_UP_AFTER_STOP_MS) {
        throw new Error(`${this.options.name} reached none of ${this.options.hubs().join(', ')} for ${GIVE_UP_AFTER_STOP_MS} ms`);
      }
      for (const hub of this.options.hubs()) {
        try {
          const client = await TestClient.open(`${hub.replace(/^http/, 'ws')}/ws`, this.options.token, this.options.workspaceId);
          await client.subscribe(null).catch((error: unknown) => {
            client.close();
            throw error;
          });
          this.client = client;
          this.clientClosed = client.closed();
          return client;
        } catch {
          // Refused, or its store is away: the next hub, then all of them again after a pause.
        }
      }
      await pause(RETRY_PAUSE_MS);
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
