// Issue 13.1: the tray reminder of a due access review comes once per due date
// and member, also across a restart of the app (a real file in a temp folder).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REVIEW_REMINDERS_FILE, ReviewReminders, remindIfReviewDue } from './review-reminders';

let folder: string;
let shown: string[];
const target = { workspaceId: 'w1', workspaceName: 'Support', memberId: 'm1' };
const remindersIn = (dir: string) => new ReviewReminders({ file: join(dir, REVIEW_REMINDERS_FILE), notify: (title, body) => shown.push(`${title}: ${body}`), log: () => undefined });

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-reminders-'));
  shown = [];
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('access review reminders', () => {
  it('notifies a due review once, not again after a restart, and again for the next due date', () => {
    expect(remindersIn(folder).consider(target, { everyDays: 30, nextDueAt: 1_000, isDue: false })).toBe(false);
    expect(remindersIn(folder).consider(target, { everyDays: 30, nextDueAt: 1_000, isDue: true })).toBe(true);
    expect(remindersIn(folder).consider(target, { everyDays: 30, nextDueAt: 1_000, isDue: true })).toBe(false);
    expect(remindersIn(folder).consider({ ...target, memberId: 'm2' }, { everyDays: 30, nextDueAt: 1_000, isDue: true })).toBe(true);
    expect(remindersIn(folder).consider(target, { everyDays: 30, nextDueAt: 9_000, isDue: true })).toBe(true);
    expect(shown).toEqual(Array(3).fill('Access review due: Your access review of Support is due. Open Access reviews to start it.'));
  });

  it('asks the hub only for Owners and Managers, and a refusal is logged, not thrown', async () => {
    const logged: string[] = [];
    const asked: string[] = [];
    const hub = async (type: string) => {
      asked.push(type);
      throw new Error('module_unavailable');
    };
    await expect(remindIfReviewDue(hub, remindersIn(folder), { ...target, level: 'agent' }, () => undefined)).resolves.toBe(false);
    expect(asked).toEqual([]);
    await expect(remindIfReviewDue(hub, remindersIn(folder), { ...target, level: 'manager' }, (message) => logged.push(message))).resolves.toBe(false);
    expect(logged).toEqual(['could not ask the hub whether an access review is due']);
    const due = async () => ({ schedule: { everyDays: 90, nextDueAt: 5, isDue: true } });
    await expect(remindIfReviewDue(due, remindersIn(folder), { ...target, level: 'owner' }, () => undefined)).resolves.toBe(true);
  });
});
