// Issue 12, item 2: the core's process killed with SIGKILL. Calls it had not
// answered fail at once with a plain sentence (never hang), the renderer is
// told (the connection goes offline saying why), a new host starts on the
// same data folder and the renderer gets the session again; a host that
// keeps dying is not restarted forever.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportTarget } from '../desktop-ports';
import { CORE_FAILED_DETAIL, CORE_RESTARTING_DETAIL } from './core-client';
import { CORE_STOPPED_MESSAGE } from './core-connection';
import type { CoreHostProcess } from './links';
import { TestCoreProcess } from './testing/test-core-process';

const HOME = {
  organizationName: 'Home Org',
  workspaceName: 'Home',
  plan: 'growth',
  ownerName: 'Hal Home',
  ownerEmail: 'hal@example.com',
  password: 'home-password-1',
  isShared: false,
  address: null,
} as const;

let desktop: TestCoreProcess;
/** What the parent logged (the core's own lines included), as JSON. */
let logged: Array<Record<string, unknown>>;

afterEach(async () => {
  await desktop.stop();
});

function kill9(host: CoreHostProcess | null | undefined): void {
  const pid = host?.pid;
  if (!pid) throw new Error('no host process to kill');
  process.kill(pid, 'SIGKILL');
}

describe('issue 12.2: the core process dies', () => {
  beforeEach(async () => {
    logged = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
    desktop = await TestCoreProcess.start({ logger });
  });

  it('issue 12.2: SIGKILL during an export: the call fails plainly, the renderer is told, and a new host carries on', async () => {
    await desktop.value('setup.startLocalWorkspace', HOME);
    await desktop.waitForEvent('connection.changed', (event) => event.payload.status === 'online');
    // The save-as dialog stays open (the parent never answers) while the core's process is killed.
    let dialogOpened!: () => void;
    const isDialogOpen = new Promise<void>((resolve) => (dialogOpened = resolve));
    desktop.exportTarget = () => {
      dialogOpened();
      return new Promise<ExportTarget | null>(() => undefined);
    };
    const exporting = desktop.call('members.exportCsv');
    await isDialogOpen;
    const firstPid = desktop.client.hostProcess?.pid;
    kill9(desktop.client.hostProcess);

    expect(await exporting).toEqual({ ok: false, error: { code: 'core_stopped', message: CORE_STOPPED_MESSAGE } });
    const lost = await desktop.waitForEvent('connection.changed', (event) => event.payload.detail === CORE_RESTARTING_DETAIL);
    expect(lost.payload).toEqual({ status: 'offline', detail: CORE_RESTARTING_DETAIL, retryAt: null });
    expect(logged).toContainEqual(expect.objectContaining({ level: 50, hostPid: firstPid, signal: 'SIGKILL', msg: 'the core process stopped unexpectedly (signal SIGKILL)' }));

    // A call made while the new host starts waits for it.
    const state = await desktop.value('session.getState');
    expect(state).toMatchObject({ phase: 'signed_in', hub: { isLocal: true }, person: { email: 'hal@example.com' } });
    expect(desktop.client.state).toBe('running');
    expect(desktop.hosts).toHaveLength(2);
    expect(desktop.client.hostProcess?.pid).not.toBe(firstPid);
    await desktop.waitForEvent('session.changed', (event) => event.payload.phase === 'signed_in');
    await desktop.waitForEvent('connection.changed', (event) => event.payload.status === 'online' && desktop.events.indexOf(event) > desktop.events.indexOf(lost));
    expect((await desktop.value('workspace.get'))?.snapshot.workspace.name).toBe('Home');
  });
});

describe('issue 12.2: a core that keeps dying', () => {
  beforeEach(async () => {
    desktop = await TestCoreProcess.start({ restart: { maxRestarts: 1, windowMs: 60_000 } });
  });

  it('issue 12.2: is restarted up to the limit, then reported and not restarted; calls fail at once', async () => {
    kill9(desktop.client.hostProcess);
    await desktop.waitForEvent('connection.changed', (event) => event.payload.detail === CORE_RESTARTING_DETAIL);
    await desktop.value('app.getInfo');
    kill9(desktop.client.hostProcess);
    const failed = await desktop.waitForEvent('connection.changed', (event) => event.payload.detail === CORE_FAILED_DETAIL);
    expect(failed.payload).toEqual({ status: 'offline', detail: CORE_FAILED_DETAIL, retryAt: null });
    expect(desktop.client.state).toBe('failed');
    expect(await desktop.call('session.getState')).toEqual({ ok: false, error: { code: 'core_unavailable', message: CORE_FAILED_DETAIL } });
    expect(desktop.hosts).toHaveLength(2);
  });
});
