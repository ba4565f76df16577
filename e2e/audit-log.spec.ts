// X1 in the browser: an Owner in Paris reviews the audit log, choosing an
// action (and changing their mind), the member it involves, who did it and
// the days, typed as a person types dates in their own calendar; the days go
// to the hub as that calendar's midnights in UTC. "Export CSV" writes what the
// filters match through the web console's download, with the times in UTC
// and in Paris, and the hub records the export with its count and filters.
// A real hub with a dated log (hub/testing/audit-history.ts), the real core,
// Debian's Chromium, axe.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import type { AuditHistory } from '../hub/testing/audit-history';
import { AUDIT_TIMES, HOSTILE_NAMES, startAuditHistory } from '../hub/testing/audit-history';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from '../hub/testing/test-hub';
import { AuditPage } from './pages/audit-page';
import type { Desktop } from './support/desktop';
import { startDesktop } from './support/desktop';
import { expectAccessible } from './support/expect-accessible';
import { expect, test } from './support/fixtures';

const PARIS = { timezoneId: 'Europe/Paris', locale: 'en-GB' } as const;

let history: AuditHistory;
const desktops: Desktop[] = [];
test.beforeEach(async () => {
  history = await startAuditHistory();
});
test.afterEach(async () => {
  while (desktops.length > 0) await desktops.pop()?.stop();
  await history.hub.stop();
});

/** A desktop signed in as `email`, its window in Paris on the day after the log's last entry. */
async function openInParis(browser: Browser, email: string, password: string): Promise<Page> {
  const desktop = await startDesktop();
  desktops.push(desktop);
  await desktop.api['session.signIn']({ hubUrl: history.hub.hub.url, email, password });
  const context = await browser.newContext(PARIS);
  const page = await context.newPage();
  await page.clock.setFixedTime(Date.UTC(2031, 2, 6, 12));
  await page.goto(desktop.webConsole.url);
  await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
  return page;
}

const exportEntries = async () => (await history.hub.hub.store.audit.all(history.hub.workspaceId)).filter((entry) => entry.action === 'audit.exported');

test('X1: an Owner narrows the log by action, member, who did it and days in their own calendar, and drops each filter again', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await openInParis(browser, history.hub.ownerEmail, OWNER_PASSWORD);
  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.rows()).toHaveCount(10);

  // An action chosen, taken back, chosen again.
  await audit.chooseAction('Invited');
  await expect.poll(() => audit.shown()).toEqual(['Invited · bo@example.com', 'Invited · mia@example.com', 'Invited · ada@example.com']);
  await audit.clearAction();
  await expect(audit.rows()).toHaveCount(10);
  await audit.chooseAction('Invited');
  await expect(audit.rows()).toHaveCount(3);

  await audit.pickMember('audit-actor', 'Miri', '@Miriam');
  await expect.poll(() => audit.shown()).toEqual(['Invited · bo@example.com']);

  // Days typed into the date fields, digit by digit.
  await audit.typeDay('audit-from', { day: 3, month: 3, year: 2031 });
  await audit.typeDay('audit-to', { day: 4, month: 3, year: 2031 });
  await expect(page.getByTestId('audit-range')).toContainText('From 3 March 2031 to 4 March 2031, both days included, in your time zone (Europe/Paris).');
  await expect.poll(() => audit.shown()).toEqual(['Invited · bo@example.com']);
  // The last day typed again, one day earlier: Bo's invitation (4 March) is left out, and the page says what leaves the list empty.
  await audit.typeDay('audit-to', { day: 3, month: 3, year: 2031 });
  await expect(page.getByTestId('audit-range')).toContainText('On 3 March 2031, in your time zone (Europe/Paris).');
  await expect(page.getByTestId('audit-empty-filters')).toHaveText(`No “Invited” entries done by ${HOSTILE_NAMES.mia}, on 3 March 2031. Drop a filter, or clear them all.`);
  await expectAccessible(page, 'audit log, filtered to nothing');
  await page.getByTestId('audit-remove-days').click();
  await expect(page.getByTestId('audit-range')).toHaveCount(0);
  await expect.poll(() => audit.shown()).toEqual(['Invited · bo@example.com']);

  await page.getByTestId('audit-actor').getByRole('button', { name: /^Clear/ }).click();
  await audit.pickMember('audit-member', 'Miri', '@Miriam');
  await audit.clearAction();
  // Mia as the one invited, as the one who accepted, and as the one who invited Bo.
  await expect.poll(() => audit.shown()).toEqual(['Invited · bo@example.com', `Accepted · ${HOSTILE_NAMES.mia}`, 'Invited · mia@example.com']);
  await page.getByTestId('audit-member').getByRole('button', { name: /^Clear/ }).click();
  await expect(audit.rows()).toHaveCount(10);
  await expectAccessible(page, 'audit log with filters');
});

test('X1: a day is the person’s day: the export at 23:59 UTC on 5 March is on 6 March in Paris', async ({ browser }) => {
  const page = await openInParis(browser, history.hub.ownerEmail, OWNER_PASSWORD);
  const audit = new AuditPage(page);
  await audit.open();
  await audit.chooseAction('Members exported');
  await audit.typeDay('audit-from', { day: 5, month: 3, year: 2031 });
  await audit.typeDay('audit-to', { day: 5, month: 3, year: 2031 });
  await expect(page.getByTestId('audit-empty')).toContainText('No entries match these filters');
  await audit.typeDay('audit-from', { day: 6, month: 3, year: 2031 });
  await audit.typeDay('audit-to', { day: 6, month: 3, year: 2031 });
  await expect.poll(() => audit.shown()).toEqual(['Members exported · ']);
  await expect(audit.rows().first().locator('td').first()).toHaveAttribute('title', /6 March 2031 at 00:59:59/);
});

test('X1: "Export CSV" writes what the filters match, in UTC and in Paris time, and the hub records the count and the filters', async ({ browser }) => {
  const page = await openInParis(browser, history.hub.ownerEmail, OWNER_PASSWORD);
  const audit = new AuditPage(page);
  await audit.open();
  await audit.chooseAction('Invited');
  await audit.pickMember('audit-actor', 'Miri', '@Miriam');
  await expect(audit.rows()).toHaveCount(1);

  const downloading = page.waitForEvent('download');
  await page.getByTestId('audit-export-button').focus();
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Support audit log \d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(await readFile(await download.path()), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(rows).toEqual([
    {
      'Time (UTC)': new Date(AUDIT_TIMES.boJoined).toISOString(),
      'Time (Europe/Paris)': '2031-03-04 09:00:00 +01:00',
      Who: `'${HOSTILE_NAMES.mia}`,
      What: 'Invited',
      Whom: 'bo@example.com',
      Details: 'As Agent',
    },
  ]);
  await expect(page.getByTestId('audit-export-outcome')).toHaveText(`1 entry exported to “${download.suggestedFilename()}” in your downloads`);
  expect((await exportEntries()).at(0)?.after).toEqual({
    count: 1,
    filters: { action: 'member.invited', member: null, actor: { id: history.ids.mia, name: HOSTILE_NAMES.mia }, from: null, to: null },
  });
  await expectAccessible(page, 'audit log, exported');

  // Days chosen in Paris reach the hub as Paris midnights, in UTC; the last day is included.
  await audit.typeDay('audit-from', { day: 3, month: 3, year: 2031 });
  await audit.typeDay('audit-to', { day: 4, month: 3, year: 2031 });
  const again = page.waitForEvent('download');
  await page.getByTestId('audit-export-button').click();
  await again;
  await expect.poll(async () => (await exportEntries()).length).toBe(2);
  expect((await exportEntries()).at(0)?.after).toMatchObject({ count: 1, filters: { from: Date.UTC(2031, 2, 2, 23), to: Date.UTC(2031, 2, 4, 23) } });
});

test('X1: a Manager has no Audit log to open', async ({ browser }) => {
  const page = await openInParis(browser, 'mia@example.com', MEMBER_PASSWORD);
  await page.getByTestId('nav-users').waitFor();
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
});
