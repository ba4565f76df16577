// Issue 13 through raw sockets: a bulk invitation's preview decides each row
// with the rules of one invitation (A4, A5, R7's plan) plus a list's own
// (the same address twice, a team the workspace lacks) and writes nothing;
// the commit decides again, applies each row on its own and records it (X1);
// who may send a list at all (U1); 1,000 rows pass, 1,001 do not; hostile
// text is refused in words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestResult } from '../shared/protocol';
import type { BulkInvitationRowInput } from '../shared/protocol/bulk-invitations';
import { sendBulkRequest } from './testing/bulk-invitation-requests';
import { HubRequestError } from './testing/test-client';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const row = (email: string, level: BulkInvitationRowInput['level'] = 'agent', extra: Partial<BulkInvitationRowInput> = {}): BulkInvitationRowInput => ({
  email,
  level,
  ...extra,
});

/** What a preview must leave as it was: the workspace's seq, its members, its people and its audit log. */
async function footprint(hub: TestHub) {
  const store = hub.hub.store;
  return {
    seq: (await store.workspaces.byId(hub.workspaceId))?.seq,
    members: (await store.members.inWorkspace(hub.workspaceId)).length,
    audit: (await store.audit.all(hub.workspaceId)).length,
  };
}

/** Rule IDs and field names never reach a person: each refusal is a sentence. */
function expectPlainWords(message: string): void {
  expect(message).not.toMatch(/\b[AUVRLEXOD]\d\b|rows\.|\binput\b|_/);
  expect(message).toMatch(/^[A-Z0-9“a-z].*[.]$/);
}

describe('bulk invitations: the rules of each row', () => {
  let hub: TestHub;
  let owner: TestClient;

  beforeEach(async () => {
    hub = await startTestHub({ plan: 'growth' });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await owner.mutate('team.create', { name: 'Support' });
    await owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'agent' } });
  });
  afterEach(() => hub.stop());

  const mixedList = (): BulkInvitationRowInput[] => [
    row('ana@example.com'),
    row('bo@example.com', 'manager', { restrictions: { dataExport: true }, team: 'support' }),
    row(hub.ownerEmail),
    row('pending@example.com'),
    row('cy@example.com', 'agent', { restrictions: { maskContactDetails: true } }),
    row('di@example.com', 'agent', { restrictions: { dataExport: true } }),
    row('ANA@example.com', 'manager'),
    row('ed@example.com', 'agent', { team: 'Night shift' }),
  ];
  const expectedOutcomes = [
    ['ready', undefined],
    ['ready', undefined],
    ['refused', 'already_member'],
    ['refused', 'already_invited'],
    ['refused', 'restriction_needs_plan'],
    ['refused', 'restriction_not_applicable'],
    ['refused', 'duplicate_row'],
    ['refused', 'unknown_team'],
  ] as const;

  it('A4/A5/R7: the preview decides every row as one invitation would, and writes and sends nothing', async () => {
    const before = await footprint(hub);
    const preview = await owner.call('members.bulk_invite_preview', { rows: mixedList() });
    expect(preview.isInvitationEmailed).toBe(false);
    expect(preview.rows.map((each) => [each.outcome, each.outcome === 'refused' ? each.code : undefined])).toEqual(expectedOutcomes);
    expect(preview.rows.map((each) => each.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const each of preview.rows) if (each.outcome === 'refused') expectPlainWords(each.message);
    const byIndex = (index: number) => preview.rows[index] as { message: string; rule?: string };
    expect(byIndex(4)).toMatchObject({ rule: 'A5', message: expect.stringContaining('Advanced plan or higher') });
    expect(byIndex(6).message).toBe('ana@example.com is already earlier in this list; each person is invited once.');
    expect(byIndex(7).message).toContain('no team named “Night shift”');
    expect(await footprint(hub)).toEqual(before);
    expect(await hub.hub.store.people.byEmail('ana@example.com')).toBeUndefined();
  });

  it('A2/X1: the commit invites the rows that pass, refuses the others with their reasons, and records each invitation and the list', async () => {
    const result = await owner.mutate('members.bulk_invite', { rows: mixedList() });
    expect(result.rows.map((each) => [each.outcome, each.outcome === 'refused' ? each.code : undefined])).toEqual(
      expectedOutcomes.map(([outcome, code]) => [outcome === 'ready' ? 'invited' : outcome, code]),
    );
    const store = hub.hub.store;
    const ana = (await store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === 'ana@example.com');
    const bo = (await store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === 'bo@example.com');
    expect(ana).toMatchObject({ status: 'pending', level: 'agent', teamId: null });
    expect(bo).toMatchObject({ status: 'pending', level: 'manager', restrictions: { dataExport: true } });
    expect(bo?.teamId).toBe((await store.teams.byName(hub.workspaceId, 'Support'))?.id);
    // Each invited row has a live link of its own (no mail on this hub: the inviter passes them on).
    for (const each of result.rows) {
      if (each.outcome !== 'invited') continue;
      expect(each).toMatchObject({ isEmailed: false, inviteUrl: expect.stringMatching(/\/invite\/[A-Za-z0-9_-]{43}$/) });
      expect(await store.invitations.liveFor(each.memberId)).toBeDefined();
    }
    // A refused row left nothing behind: no person, no membership, no organization entry.
    for (const email of ['cy@example.com', 'di@example.com', 'ed@example.com']) expect(await store.people.byEmail(email)).toBeUndefined();

    const audit = await store.audit.all(hub.workspaceId);
    const invited = audit.filter((entry) => entry.action === 'member.invited').map((entry) => (entry.after as { email: string }).email);
    expect(invited).toEqual(expect.arrayContaining(['ana@example.com', 'bo@example.com']));
    expect(invited).not.toContain('cy@example.com');
    const bulk = audit.filter((entry) => entry.action === 'members.bulk_invited');
    expect(bulk).toHaveLength(1);
    expect(bulk[0]).toMatchObject({ actorName: 'Olive Owner', targetMemberId: null, after: { rows: 8, invited: 2, refused: 6 } });

    // The other desktops see the new pending members as any invitation.
    const changes = await owner.waitFor('changes', (message) => message.changes.members.upserted.some((member) => member.email === 'bo@example.com'));
    expect(changes.changes.members.upserted.find((member) => member.email === 'bo@example.com')).toMatchObject({ status: 'pending' });
  });

  it('the commit decides again: a row that was ready in the preview is refused when the workspace changed since', async () => {
    const rows = [row('late@example.com'), row('fine@example.com')];
    const preview = await owner.call('members.bulk_invite_preview', { rows });
    expect(preview.rows.every((each) => each.outcome === 'ready')).toBe(true);
    await owner.mutate('member.invite', { input: { email: 'late@example.com', level: 'agent' } });
    const result = await owner.mutate('members.bulk_invite', { rows });
    expect(result.rows.map((each) => each.outcome)).toEqual(['refused', 'invited']);
    expect(result.rows[0]).toMatchObject({ code: 'already_invited' });
  });
});

describe('bulk invitations: what each level may do', () => {
  let hub: TestHub;
  let owner: TestClient;

  beforeEach(async () => {
    hub = await startTestHub({ plan: 'enterprise' });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });
  afterEach(() => hub.stop());

  const everyLevel = [row('o@example.com', 'owner'), row('m@example.com', 'manager'), row('a@example.com', 'agent')];

  it('A4: an Owner invites Owners, Managers and Agents in one list', async () => {
    const result = await owner.mutate('members.bulk_invite', { rows: everyLevel });
    expect(result.rows.map((each) => each.outcome)).toEqual(['invited', 'invited', 'invited']);
  });

  it('A4: a Manager invites the Agents of a list; its Owner and Manager rows are refused with the reason', async () => {
    await hub.addMember(owner, 'manager@example.com', 'manager');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const preview = await manager.call('members.bulk_invite_preview', { rows: everyLevel });
    const result = await manager.mutate('members.bulk_invite', { rows: everyLevel });
    for (const answer of [preview.rows, result.rows]) {
      expect(answer.map((each) => each.outcome)).toEqual(['refused', 'refused', expect.stringMatching(/ready|invited/)]);
      expect(answer[0]).toMatchObject({ code: 'cannot_invite_level', rule: 'A4', message: 'Managers can invite Agents only, not Owners.' });
      expect(answer[1]).toMatchObject({ code: 'cannot_invite_level', message: 'Managers can invite Agents only, not Managers.' });
    }
    expect(await hub.hub.store.people.byEmail('o@example.com')).toBeUndefined();
    expect(await hub.hub.store.people.byEmail('a@example.com')).toBeDefined();
  });

  it('U1: an Agent, and a Manager restricted from Workspace Settings, are refused the whole list, which changes nothing', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent');
    await hub.addMember(owner, 'r1@example.com', 'manager', { workspaceSettings: true });
    const agent = await hub.connect('agent@example.com', MEMBER_PASSWORD);
    const restricted = await hub.connect('r1@example.com', MEMBER_PASSWORD);
    const before = await footprint(hub);
    for (const [client, code] of [
      [agent, 'module_unavailable'],
      [restricted, 'restricted'],
    ] as const) {
      const preview = await client.request('members.bulk_invite_preview', { rows: [row('x@example.com')] });
      expect(preview).toMatchObject({ ok: false, error: { code } });
      const commit = await client.request('members.bulk_invite', { mutationId: `bulk-${code}`, rows: [row('x@example.com')] });
      expect(commit).toMatchObject({ ok: false, error: { code } });
      if (!commit.ok) expectPlainWords(commit.error.message);
    }
    expect(await footprint(hub)).toEqual(before);
  });

  it('a team is joined only by whoever may manage teams: a Manager without restrictions may', async () => {
    await owner.mutate('team.create', { name: 'Sales' });
    await hub.addMember(owner, 'manager@example.com', 'manager');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const result = await manager.mutate('members.bulk_invite', { rows: [row('t@example.com', 'agent', { team: 'SALES' })] });
    expect(result.rows[0]?.outcome).toBe('invited');
    expect((await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === 't@example.com')?.teamId).toBe(
      (await hub.hub.store.teams.byName(hub.workspaceId, 'Sales'))?.id,
    );
  });
});

describe('bulk invitations: size, retries and hostile text', () => {
  let hub: TestHub;
  let owner: TestClient;

  beforeEach(async () => {
    // The default quotas: a list of 1,000 is one request to them.
    hub = await startTestHub({ plan: 'advanced' });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });
  afterEach(() => hub.stop());

  const many = (count: number) => Array.from({ length: count }, (_, index) => row(`person.${index}@example.com`));

  it('issue 13: 1,000 rows are one request, previewed and invited; the quotas count it once', async () => {
    const preview = await sendBulkRequest(owner, 'members.bulk_invite_preview', many(1_000));
    expect(preview.ok && (preview.result as RequestResult<'members.bulk_invite_preview'>).rows.filter((each) => each.outcome === 'ready')).toHaveLength(1_000);
    const commit = await sendBulkRequest(owner, 'members.bulk_invite', many(1_000));
    expect(commit.ok && (commit.result as RequestResult<'members.bulk_invite'>).rows.filter((each) => each.outcome === 'invited')).toHaveLength(1_000);
    expect(await hub.hub.store.members.inWorkspace(hub.workspaceId)).toHaveLength(1_001);
    // Counted as 1,000 requests, the list would have used up the session's burst (150): this one would be refused.
    await expect(owner.call('activity')).resolves.toEqual({});
  });

  it('issue 13: 1,001 rows are refused whole, in words, before any row is looked at', async () => {
    const before = await footprint(hub);
    for (const reply of [await sendBulkRequest(owner, 'members.bulk_invite_preview', many(1_001)), await sendBulkRequest(owner, 'members.bulk_invite', many(1_001))]) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message', message: expect.stringContaining('At most 1,000 people can be invited at once') } });
    }
    expect(await footprint(hub)).toEqual(before);
  });

  it('issue 13: a retried list is answered again and applied once; the answer again carries no link, and the hub keeps none', async () => {
    const rows = [row('once@example.com'), row('twice@example.com', 'manager')];
    const first = await owner.mutate('members.bulk_invite', { rows }, 'bulk-retry-1');
    const again = await owner.mutate('members.bulk_invite', { rows }, 'bulk-retry-1');
    expect(again.rows.map((each) => each.outcome === 'invited' && each.memberId)).toEqual(first.rows.map((each) => each.outcome === 'invited' && each.memberId));
    expect(again.rows.every((each) => each.outcome === 'invited' && each.inviteUrl === null)).toBe(true);
    expect(await hub.hub.store.members.inWorkspace(hub.workspaceId)).toHaveLength(3);
    expect((await hub.hub.store.audit.all(hub.workspaceId)).filter((entry) => entry.action === 'members.bulk_invited')).toHaveLength(1);
    const ownerPerson = (await hub.hub.store.people.byEmail(hub.ownerEmail))?.id ?? '';
    expect(JSON.stringify((await hub.hub.store.changes.appliedMutation(ownerPerson, 'bulk-retry-1'))?.reply)).not.toContain('/invite/');
    // The same key with another list is refused, never answered with the first one's result.
    await expect(owner.mutate('members.bulk_invite', { rows: [row('other@example.com')] }, 'bulk-retry-1')).rejects.toMatchObject({
      error: { code: 'idempotency_key_reused' },
    });
  });

  it('hostile text: a list with a reversed, broken, invisible, oversized or formula address is refused whole, in words, and changes nothing', async () => {
    const cases: Array<[string, string]> = [
      ['eve\u202E@example.com', 'Email address cannot contain characters that reverse the direction of text'],
      ['lone\uD800@example.com', 'Email address contains a broken character; type it again'],
      ['zero\u200Bwidth@example.com', 'This address holds an invisible character (such as a zero-width space); type it again'],
      [`${'a'.repeat(2_000)}@example.com`, 'An email address is at most 254 characters'],
      ['=HYPERLINK("http://evil.example","x")', 'Enter a valid email address, such as name@example.com'],
    ];
    const before = await footprint(hub);
    for (const [email, reason] of cases) {
      const reply = await owner.request('members.bulk_invite', { mutationId: `bulk-hostile-${cases.findIndex(([each]) => each === email)}`, rows: [row('ok@example.com'), row(email)] });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message', message: `${reason}.` } });
    }
    expect(await footprint(hub)).toEqual(before);
  });

  it('hostile text: a team cell that is a spreadsheet formula is only a name the workspace lacks, and a reversed team name is refused', async () => {
    const result = await owner.mutate('members.bulk_invite', { rows: [row('f@example.com', 'agent', { team: '=HYPERLINK("http://evil.example","Support")' })] });
    expect(result.rows[0]).toMatchObject({ outcome: 'refused', code: 'unknown_team' });
    const reversed = await owner.request('members.bulk_invite_preview', { rows: [row('g@example.com', 'agent', { team: 'Sup\u202Eport' })] });
    expect(reversed).toMatchObject({ ok: false, error: { message: 'Team name cannot contain characters that reverse the direction of text.' } });
  });

  it('an unknown field in a row is refused, so a typo never silently grants access', async () => {
    const reply = await owner.request('members.bulk_invite_preview', { rows: [{ ...row('u@example.com'), restrictions: { dataExprot: true } }] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    await expect(owner.call('members.bulk_invite_preview', { rows: [] })).rejects.toBeInstanceOf(HubRequestError);
  });
});
