// Issue 13.2: the end of temporary access as typed in the person's time zone,
// and what refuses it before the hub does.
import { describe, expect, it } from 'vitest';
import { accessEndOf, draftOf } from './access-until-draft';

const NOW = new Date(2026, 10, 30, 12, 0).getTime();

describe('the "Access until" fields', () => {
  it('issue 13.2: a date and time typed in this time zone mean that local moment', () => {
    const draft = { hasEnd: true, date: '2026-12-03', time: '17:00', heirId: null };
    expect(accessEndOf(draft, NOW)).toEqual({ ok: true, accessUntil: new Date(2026, 11, 3, 17, 0).getTime() });
    expect(draftOf(new Date(2026, 11, 3, 17, 0).getTime(), 'm2')).toEqual({ ...draft, heirId: 'm2' });
  });

  it('issue 13.2: "No end date" means none, whatever was typed', () => {
    expect(accessEndOf({ hasEnd: false, date: 'nonsense', time: '', heirId: null }, NOW)).toEqual({ ok: true, accessUntil: null });
  });

  it('issue 13.2: refuses an empty date, a moment already past, and one more than ten years ahead, on the field concerned', () => {
    expect(accessEndOf({ hasEnd: true, date: '', time: '17:00', heirId: null }, NOW)).toMatchObject({ ok: false, field: 'date' });
    expect(accessEndOf({ hasEnd: true, date: '2026-11-30', time: '11:59', heirId: null }, NOW)).toMatchObject({ ok: false, field: 'time', message: 'Choose a moment in the future' });
    expect(accessEndOf({ hasEnd: true, date: '2026-11-29', time: '18:00', heirId: null }, NOW)).toMatchObject({ ok: false, field: 'date' });
    expect(accessEndOf({ hasEnd: true, date: '2037-01-01', time: '09:00', heirId: null }, NOW)).toMatchObject({ ok: false, field: 'date' });
  });
});
