// Issue 13.1: a scheduled access review reminds its owner through the tray
// notification when due. The hub decides "due" from its stored UTC date and
// its own clock; the desktop asks each time it reaches the hub and notifies
// once per due date, also across a restart of the app.
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER_PASSWORD, startTestHub } from '../../hub/testing';
import { TestCore } from './testing/test-core';

const DAY_MS = 24 * 60 * 60 * 1000;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe('issue 13.1: the reminder of a scheduled access review', () => {
  it('issue 13.1: notifies when the hub says the review is due, once per due date, not again after a restart', async () => {
    const clock = { now: Date.UTC(2031, 0, 10, 9) };
    const hub = await startTestHub({ now: () => clock.now });
    cleanups.push(() => hub.stop());
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const scheduled = await owner.request('review.schedule', { mutationId: 'schedule-review-1', everyDays: 30 });
    expect(scheduled.ok).toBe(true);
    owner.close();

    const early = await TestCore.start();
    cleanups.push(() => early.stop());
    await early.core.signIn(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD);
    await early.online();
    // Not due yet: nothing to say.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(early.notifications.filter((each) => each.title === 'Access review due')).toEqual([]);
    await early.stop();

    // Thirty days on (the hub's clock), a desktop signing in hears it is due.
    clock.now += 30 * DAY_MS + 60_000;
    let desktop = await TestCore.start();
    cleanups.push(() => desktop.stop());
    await desktop.core.signIn(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD);
    await desktop.online();
    await expect.poll(() => desktop.notifications.filter((each) => each.title === 'Access review due')).toHaveLength(1);

    desktop = await desktop.reopen();
    cleanups.push(() => desktop.stop());
    await desktop.online();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(desktop.notifications.filter((each) => each.title === 'Access review due')).toEqual([]);
  });
});
