// A desktop core for tests: real replica files in a temp folder, real sockets
// to a real hub, fast reconnects, and every event it emits recorded.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { ApiEvent } from '../../../shared/api/contract';
import type { ApiEventName } from '../../../shared/api/methods';
import { DesktopCore } from '../desktop-core';
import type { ExportTarget } from '../desktop-ports';
import { createFileSecretStore } from '../secret-store';

type EventOf<E extends ApiEventName> = Extract<ApiEvent, { name: E }>;

export class TestCore {
  readonly core: DesktopCore;
  readonly events: ApiEvent[] = [];
  readonly notifications: Array<{ title: string; body: string }> = [];
  /** Where the next export goes (null: the person cancels the dialog). */
  exportTarget: ExportTarget | null = null;
  private waiters: Array<{ match: (event: ApiEvent) => boolean; resolve: (event: ApiEvent) => void }> = [];

  private constructor(
    readonly dataDir: string,
    private readonly isOwnDataDir: boolean,
  ) {
    this.core = new DesktopCore({
      runtime: 'node',
      appName: 'Gatehouse',
      appVersion: 'test',
      dataDir,
      logger: pino({ level: 'silent' }),
      secrets: createFileSecretStore(join(dataDir, 'session.token'), null),
      syncBackoff: { initialMs: 50, maxMs: 400 },
      chooseExportTarget: async () => this.exportTarget,
      notify: (title, body) => this.notifications.push({ title, body }),
      openExternal: async () => undefined,
    });
    this.core.onEvent((event) => {
      this.events.push(event);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(event)) return true;
        waiter.resolve(event);
        return false;
      });
    });
  }

  static async start(dataDir?: string, isOwnDataDir = dataDir === undefined): Promise<TestCore> {
    const folder = dataDir ?? (await mkdtemp(join(tmpdir(), 'gatehouse-core-')));
    const testCore = new TestCore(folder, isOwnDataDir);
    await testCore.core.init();
    return testCore;
  }

  /** The first matching event, among those already emitted or still to come. */
  waitForEvent<E extends ApiEventName>(name: E, predicate: (event: EventOf<E>) => boolean = () => true, timeoutMs = 5_000): Promise<EventOf<E>> {
    const match = (event: ApiEvent): boolean => event.name === name && predicate(event as EventOf<E>);
    const already = this.events.find(match);
    if (already) return Promise.resolve(already as EventOf<E>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${name} event within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event as EventOf<E>);
        },
      });
    });
  }

  /** Waits until the connection is online (after the events seen so far). */
  async online(timeoutMs = 5_000): Promise<unknown> {
    const seen = this.events.length;
    if ((await this.core.sessionState()).connection.status === 'online') return Promise.resolve();
    return this.waitForEvent('connection.changed', (event) => event.payload.status === 'online' && this.events.indexOf(event) >= seen, timeoutMs);
  }

  /** A new core on the same data folder, as after restarting the app. */
  async reopen(): Promise<TestCore> {
    await this.core.close();
    return TestCore.start(this.dataDir, this.isOwnDataDir);
  }

  async stop(): Promise<void> {
    await this.core.close();
    if (this.isOwnDataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}
