// Test helpers: a real hub on 127.0.0.1 with a real store (a SQLite file in
// a temp folder, or under the "hub on PostgreSQL" project a fresh database on
// the run's PostgreSQL server: test-store.ts), an Owner ready to sign in, and
// members of any level made through the real invite-and-accept path.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { AccessLevel, Plan, Restrictions } from '../../shared/policy';
import { NO_RESTRICTIONS } from '../../shared/policy';
import type { SignInResponse } from '../../shared/protocol';
import { bootstrapWorkspace } from '../bootstrap';
import type { RunningHub } from '../server/hub';
import { startHub } from '../server/hub';
import type { HubOptions } from '../server/hub-options';
import { TestClient } from './test-client';
import { createTestDatabase } from './test-store';

export const OWNER_PASSWORD = 'owner-password-1';
export const MEMBER_PASSWORD = 'member-password-1';

export interface TestHub {
  hub: RunningHub;
  dataDir: string;
  workspaceId: string;
  ownerEmail: string;
  /** Signs in over HTTP and opens a subscribed socket. */
  connect(email: string, password: string, options?: { workspaceId?: string; since?: number | null }): Promise<TestClient>;
  signIn(email: string, password: string): Promise<SignInResponse>;
  /**
   * An active member of the given level, invited by `by` and accepted the real
   * way: through the link for a new address, or, for an address that already
   * has an account, signed in with MEMBER_PASSWORD and accepted from that session.
   */
  addMember(by: TestClient, email: string, level: AccessLevel, restrictions?: Partial<Restrictions>, displayName?: string): Promise<string>;
  /**
   * Stops the hub and starts a new one on the same data folder and port (as
   * after a crash or an upgrade), running `whileDown` in between.
   */
  restart(options?: Partial<HubOptions>, whileDown?: () => Promise<void>): Promise<TestHub>;
  /** Stops the hub and removes its data folder. */
  stop(): Promise<void>;
}

export async function startTestHub(options: { plan?: Plan } & Partial<HubOptions> = {}): Promise<TestHub> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'gatehouse-hub-')));
  const isOwnDataDir = options.dataDir === undefined;
  // A restart passes the database it had; a new test hub gets a new one (none on SQLite).
  const database = 'database' in options ? options.database : await createTestDatabase();
  const hub = await startHub({
    port: 0,
    logger: pino({ level: 'silent' }),
    heartbeatMs: 1_000,
    ...options,
    ...(database === undefined ? {} : { database }),
    dataDir,
  });
  const ownerEmail = 'owner@example.com';
  const existing = (await hub.store.workspaces.all())[0];
  const workspaceId =
    existing?.id ??
    (
      await bootstrapWorkspace(hub.store, {
        organizationName: 'Acme',
        workspaceName: 'Support',
        plan: options.plan ?? 'enterprise',
        ownerEmail,
        ownerName: 'Olive Owner',
        ownerPassword: OWNER_PASSWORD,
      })
    ).workspaceId;
  const clients: TestClient[] = [];

  async function signIn(email: string, password: string): Promise<SignInResponse> {
    const response = await fetch(`${hub.url}/api/sign-in`, {
      method: 'POST',
      // A fresh connection each time: a kept-alive one may belong to a hub that was restarted.
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await response.json()) as SignInResponse & { error?: { message: string } };
    if (!response.ok) throw new Error(`sign-in failed: ${body.error?.message}`);
    return body;
  }

  const testHub: TestHub = {
    hub,
    dataDir,
    workspaceId,
    ownerEmail,
    signIn,
    async connect(email, password, connectOptions = {}) {
      const session = await signIn(email, password);
      const client = await TestClient.open(hub.socketUrl, session.token, connectOptions.workspaceId ?? workspaceId);
      clients.push(client);
      await client.subscribe(connectOptions.since ?? null);
      return client;
    },
    async addMember(by, email, level, restrictions = {}, displayName = email.split('@')[0]) {
      const invited = await by.mutate('member.invite', { input: { email, level, restrictions: { ...NO_RESTRICTIONS, ...restrictions } } });
      const token = new URL(invited.inviteUrl ?? '').pathname.split('/').pop();
      const response = await fetch(`${hub.url}/api/invitations/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ token, displayName, password: MEMBER_PASSWORD }),
      });
      if (response.status === 409) {
        const session = await signIn(email, MEMBER_PASSWORD);
        const accepted = await fetch(`${hub.url}/api/me/invitations/${invited.member.id}/accept`, {
          method: 'POST',
          headers: { authorization: `Bearer ${session.token}`, connection: 'close' },
        });
        if (!accepted.ok) throw new Error(`accept from the session failed: ${await accepted.text()}`);
      } else if (!response.ok) throw new Error(`accept failed: ${await response.text()}`);
      return invited.member.id;
    },
    async restart(restartOptions = {}, whileDown = async () => undefined) {
      for (const client of clients) client.close();
      await hub.close();
      await whileDown();
      const next = await startTestHub({ ...options, database, port: hub.port, ...restartOptions, dataDir });
      // The new hub owns the folder now: stopping it cleans up.
      return { ...next, stop: async () => {
        await next.stop();
        if (isOwnDataDir) await rm(dataDir, { recursive: true, force: true });
      } };
    },
    async stop() {
      for (const client of clients) client.close();
      await hub.close();
      if (isOwnDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return testHub;
}
