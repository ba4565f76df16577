// A SQLite hub with something in every kind of row, for the tests of moving a
// hub to PostgreSQL and of its backups (issue 14.5): members joined through
// real invitations, a pending one, teams, contacts, sessions, audit rows, a
// person with two-step sign-in on, the hub's mail settings, names in hostile
// Unicode (no NUL: PostgreSQL cannot hold one), and a table of 150 rows and more.
import { join } from 'node:path';
import { NO_RESTRICTIONS } from '../../shared/policy';
import { HUB_DATABASE_FILE } from '../server/hub';
import { openHubStore } from '../store/hub-store';
import { HOSTILE_NAMES, MEMBER_PASSWORD, OWNER_PASSWORD, signInFrom, startTestHub } from '../testing';
import { turnOn } from '../two-step-fixtures';

/** Names a careless copy would damage: bidi overrides, combining marks, astral characters, ZWJ emoji, quotes, line separators. */
export const UNICODE_NAMES = [
  ...Object.values(HOSTILE_NAMES),
  'Ma\u0308rta \u202Eevil\u202C \u{1D518}\u{1D52B}\u{1D526}',
  '👩‍👩‍👧 family \u2028line\u2029para',
  "O'Brien \"; DROP TABLE contacts; --",
  '\\back\\slash\ttab 日本語 ﬀ',
] as const;

export const BULK_CONTACTS = 150;

export interface SqliteHubFacts {
  workspaceId: string;
  ownerEmail: string;
  agentEmail: string;
  /** The agent's authenticator secret (they turned two-step sign-in on). */
  agentTwoStepSecret: string;
  pendingMemberId: string;
}

/** Builds the hub in `dataDir` through a running hub, then adds rows straight through the store; leaves nothing running. */
export async function buildSqliteHub(dataDir: string): Promise<SqliteHubFacts> {
  const hub = await startTestHub({ dataDir });
  let facts: SqliteHubFacts;
  try {
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await hub.addMember(owner, 'agent@example.com', 'agent', {}, UNICODE_NAMES[0]);
    await hub.addMember(owner, 'manager@example.com', 'manager', { dataExport: true }, UNICODE_NAMES[1]);
    const pendingMemberId = (await owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'agent', restrictions: NO_RESTRICTIONS } }))
      .member.id;
    await owner.mutate('team.create', { name: UNICODE_NAMES[2] });
    await owner.mutate('contact.create', { name: UNICODE_NAMES[5], phone: '+44 20 7946 0000', email: 'c@example.com', assigneeId: null, teamId: null });
    const clocked = Object.assign(hub, { clock: { now: Date.now() } });
    const agentToken = String((await signInFrom(hub.hub.url, 'agent@example.com', MEMBER_PASSWORD)).body.token);
    const { secret } = await turnOn(clocked, agentToken, MEMBER_PASSWORD);
    facts = { workspaceId: hub.workspaceId, ownerEmail: hub.ownerEmail, agentEmail: 'agent@example.com', agentTwoStepSecret: secret, pendingMemberId };
  } finally {
    await hub.stop();
  }

  const store = openHubStore(join(dataDir, HUB_DATABASE_FILE));
  try {
    const at = Date.UTC(2031, 2, 3, 9, 0, 0, 123);
    for (let index = 0; index < BULK_CONTACTS; index += 1) {
      await store.contacts.insert({
        id: `bulk-${String(index).padStart(4, '0')}`,
        workspaceId: facts.workspaceId,
        name: `${UNICODE_NAMES[index % UNICODE_NAMES.length] ?? ''} ${index}`,
        phone: index % 3 === 0 ? null : `+1 555 ${index}`,
        email: null,
        assigneeId: null,
        teamId: null,
        createdAt: at + index,
        updatedAt: at + index,
      });
    }
    await store.audit.insert({
      workspaceId: facts.workspaceId,
      at,
      actorName: UNICODE_NAMES[4] ?? '',
      action: 'member.edited',
      before: { name: UNICODE_NAMES[5], nested: { z: 1, a: [null, 'é'] } },
      after: null,
    });
    await store.settings.setMail({ host: 'mail.example.com', port: 587, security: 'starttls', user: 'hub', password: 'p@ss "word"', from: 'Hub <hub@example.com>' }, at);
  } finally {
    await store.close();
  }
  return facts;
}
