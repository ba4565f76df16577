// Issue 12: each sync event becomes the invalidation the renderer's windows
// act on, naming what changed, or nothing at all.
import { describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain';
import { workspaceSnapshot } from './replica-fixtures';
import { listsChangedBy, MAX_NAMED_IDS } from './replica-queries-changes';

const none = { upserted: [], deleted: [] };
const member = workspaceSnapshot('w', 'example.com', 1).members[0] as Member;

describe('lists.changed from sync events', () => {
  it('issue 12: a snapshot changes every list and the summary', () => {
    expect(listsChangedBy('w', { type: 'snapshot' })).toEqual({ workspaceId: 'w', cause: 'snapshot', members: 'all', teams: 'all', contacts: 'all', isSummaryChanged: true });
  });

  it('issue 12: a change set names the rows it upserted and deleted, list by list', () => {
    const changed = listsChangedBy('w', { type: 'changes', seq: 4, changes: { members: { upserted: [member], deleted: ['w-m9', member.id] }, teams: none, contacts: { upserted: [], deleted: ['c1'] } } });
    expect(changed).toEqual({ workspaceId: 'w', cause: 'changes', members: [member.id, 'w-m9'], teams: [], contacts: ['c1'], isSummaryChanged: true });
  });

  it('issue 12: presence names its members, or says "all" past a few hundred (the first list names everyone)', () => {
    expect(listsChangedBy('w', { type: 'presence', presence: [{ memberId: 'w-m1', isOnline: true, lastSeenAt: 5 }] })).toEqual({
      workspaceId: 'w', cause: 'presence', members: ['w-m1'], teams: [], contacts: [], isSummaryChanged: false,
    });
    const everyone = Array.from({ length: MAX_NAMED_IDS + 1 }, (_, index) => ({ memberId: `m${index}`, isOnline: false, lastSeenAt: null }));
    expect(listsChangedBy('w', { type: 'presence', presence: everyone })?.members).toBe('all');
    expect(listsChangedBy('w', { type: 'presence', presence: [] })).toBeNull();
  });

  it('issue 12 (D1): losing the hub takes everyone offline; coming back waits for the presence list', () => {
    expect(listsChangedBy('w', { type: 'connection', state: { status: 'offline', detail: 'x', retryAt: null } })).toMatchObject({ cause: 'connection', members: 'all', teams: [] });
    expect(listsChangedBy('w', { type: 'connection', state: { status: 'online', detail: null, retryAt: null } })).toBeNull();
    expect(listsChangedBy('w', { type: 'session_ended', reason: 'Signed out.' })).toBeNull();
  });
});
