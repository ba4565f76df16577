// The desktop core in a real child process for tests, driven through
// CoreClient as the web console and Electron's main process drive it: a temp
// data folder, the parent's ports played by the test (where an export goes,
// the notifications shown, the session token kept in a file), every event
// recorded, and every host process it started kept, to kill or poke at.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from 'pino';
import type { ApiEvent, ApiInput, ApiOutput, ApiResult } from '../../../../shared/api/contract';
import type { ApiEventName, ApiMethodName } from '../../../../shared/api/methods';
import { dispatchApiCall } from '../../api/dispatch';
import type { ExportTarget } from '../../desktop-ports';
import { createFileSecretStore } from '../../secret-store';
import type { RestartPolicy } from '../core-client';
import { hostLogLevel } from '../host-settings';
import { CoreClient } from '../core-client';
import type { CoreHostProcess } from '../links';
import type { NodeCoreHostOptions } from '../node-core-host';
import { forkNodeCoreHost } from '../node-core-host';

type EventOf<E extends ApiEventName> = Extract<ApiEvent, { name: E }>;

export interface TestCoreProcessOptions {
  dataDir?: string;
  restart?: Partial<RestartPolicy>;
  host?: NodeCoreHostOptions;
  logger?: Logger;
  migrations?: { hub?: string; replica?: string } | null;
}

export class TestCoreProcess {
  readonly events: ApiEvent[] = [];
  readonly notifications: Array<{ title: string; body: string }> = [];
  /** Every host process started, the first one first. */
  readonly hosts: CoreHostProcess[] = [];
  /** What the save-as dialog answers (null: the person cancels); a function is asked each time. */
  exportTarget: ExportTarget | null | ((suggestedName: string) => Promise<ExportTarget | null>) = null;
  client!: CoreClient;
  private waiters: Array<{ match: (event: ApiEvent) => boolean; resolve: (event: ApiEvent) => void }> = [];

  private constructor(
    readonly dataDir: string,
    private readonly isOwnDataDir: boolean,
  ) {}

  static async start(options: TestCoreProcessOptions = {}): Promise<TestCoreProcess> {
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'gatehouse-core-process-')));
    const testCore = new TestCoreProcess(dataDir, options.dataDir === undefined);
    const logger = options.logger ?? pino({ level: 'silent' });
    testCore.client = await CoreClient.start({
      spawn: () => {
        const host = forkNodeCoreHost(options.host);
        testCore.hosts.push(host);
        return host;
      },
      logger,
      restart: { delayMs: 50, ...options.restart },
      ports: {
        secrets: createFileSecretStore(join(dataDir, 'session.token'), null),
        chooseExportTarget: async (suggestedName) => {
          const target = testCore.exportTarget;
          return typeof target === 'function' ? target(suggestedName) : target;
        },
        notify: (title, body) => void testCore.notifications.push({ title, body }),
        openExternal: async () => undefined,
      },
      settings: {
        runtime: 'node',
        appName: 'Gatehouse',
        appVersion: 'test',
        dataDir,
        logLevel: hostLogLevel(logger),
        migrations: options.migrations ?? null,
        operatorHubUrl: null,
        shareableAddresses: [{ address: '192.0.2.10', family: 'IPv4', interfaceName: 'eth0' }],
        syncBackoff: { initialMs: 50, maxMs: 400 },
        canShowFolder: false,
      },
    });
    testCore.client.onEvent((event) => testCore.record(event));
    return testCore;
  }

  /** A call as a transport makes it: checked against the contract, answered with a result, never a throw. */
  call(method: string, input?: unknown): Promise<ApiResult<unknown>> {
    return dispatchApiCall(this.client.handlers, method, input);
  }

  /** The value of a call that must succeed. */
  async value<M extends ApiMethodName>(method: M, input?: ApiInput<M>): Promise<ApiOutput<M>> {
    const result = await dispatchApiCall(this.client.handlers, method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
    return result.value as ApiOutput<M>;
  }

  /** The first matching event, among those already recorded or still to come. */
  waitForEvent<E extends ApiEventName>(name: E, predicate: (event: EventOf<E>) => boolean = () => true, timeoutMs = 10_000): Promise<EventOf<E>> {
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

  async stop(): Promise<void> {
    await this.client.close();
    if (this.isOwnDataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  private record(event: ApiEvent): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.match(event)) return true;
      waiter.resolve(event);
      return false;
    });
  }
}
