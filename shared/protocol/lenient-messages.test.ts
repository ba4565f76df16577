// Issue 10.3: frames are read record by record; what cannot be read at all is
// refused with a reason the desktop logs.
import { describe, expect, it } from 'vitest';
import { readServerMessage } from './lenient-messages';

const team = (id: string, name: string) => ({ id, workspaceId: 'w1', name });
const changes = (teams: unknown[]) =>
  JSON.stringify({
    type: 'changes',
    fromSeq: 1,
    seq: 2,
    changes: { members: { upserted: [], deleted: [] }, teams: { upserted: teams, deleted: ['t9'] }, contacts: { upserted: [], deleted: [] } },
  });

describe('issue 10.3: reading hub frames record by record', () => {
  it('issue 10.3: keeps the readable records of a change set and names the others with their id and reason', () => {
    const read = readServerMessage(changes([team('t1', 'Billing'), team('t2', 'Bad\u0001name'), { name: 'no id' }]));
    expect(read.ok).toBe(true);
    if (!read.ok || read.message.type !== 'changes') return;
    expect(read.message.changes.teams).toEqual({ upserted: [team('t1', 'Billing')], deleted: ['t9'] });
    expect(read.unreadable.map(({ kind, id }) => ({ kind, id }))).toEqual([
      { kind: 'teams', id: 't2' },
      { kind: 'teams', id: null },
    ]);
    expect(read.unreadable[0]?.reason).toContain('name');
  });

  it('issue 12.3: a snapshot part keeps its readable records and names the others, so the desktop can count them as received', () => {
    const part = (kind: string, records: unknown[]) => JSON.stringify({ type: 'snapshot.part', seq: 7, kind, records });
    const read = readServerMessage(part('teams', [team('t1', 'Billing'), team('t2', 'Bad\u0001name'), team('t3', 'Sales')]));
    expect(read.ok).toBe(true);
    if (!read.ok || read.message.type !== 'snapshot.part') return;
    expect(read.message).toEqual({ type: 'snapshot.part', seq: 7, kind: 'teams', records: [team('t1', 'Billing'), team('t3', 'Sales')] });
    expect(read.unreadable.map(({ kind, id }) => ({ kind, id }))).toEqual([{ kind: 'teams', id: 't2' }]);
    // An unknown kind breaks the envelope: the part is refused whole.
    expect(readServerMessage(part('planets', [team('t1', 'Billing')])).ok).toBe(false);
  });

  it('issue 10.3: a frame that is not JSON, or has a broken envelope, is refused whole with its reason', () => {
    expect(readServerMessage('{not json')).toEqual({ ok: false, reason: 'the frame is not JSON' });
    const broken = readServerMessage(JSON.stringify({ type: 'changes', fromSeq: -1, seq: 2, changes: {} }));
    expect(broken.ok).toBe(false);
    expect(readServerMessage(JSON.stringify({ type: 'mystery' })).ok).toBe(false);
  });

  it('issue 10.3: other frames read as before, with nothing left out', () => {
    expect(readServerMessage(JSON.stringify({ type: 'reply', id: 'r1', ok: true, result: { any: 1 } }))).toEqual({
      ok: true,
      message: { type: 'reply', id: 'r1', ok: true, result: { any: 1 } },
      unreadable: [],
    });
  });
});
