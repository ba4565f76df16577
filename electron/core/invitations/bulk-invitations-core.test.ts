// Issue 13 through the desktop core and its API table, against a real hub
// with a real SMTP sink: a CSV file read into rows, checked, previewed,
// sent as one request with its progress passed on, and the results and the
// template written to the file the save-as dialog chose, every cell that
// could run as a formula neutralised.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SmtpSink, TestClient, TestHub } from '../../../hub/testing';
import { OWNER_PASSWORD, startSmtpSink, startTestHub } from '../../../hub/testing';
import type { ApiHandlers, BulkResultLine } from '../../../shared/api/contract';
import { checkDraft, repeatedAddresses } from '../../../shared/api/bulk-invitation-drafts';
import { createApiHandlers } from '../api/handlers';
import { dispatchApiCall } from '../api/dispatch';
import { TestCore } from '../testing/test-core';

let hub: TestHub;
let smtp: SmtpSink;
let owner: TestClient;
let desktop: TestCore;
let handlers: ApiHandlers;

beforeEach(async () => {
  smtp = await startSmtpSink();
  hub = await startTestHub({ plan: 'growth', mail: { smtpUrl: smtp.url, from: 'Gatehouse <hub@example.com>' } });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  await owner.mutate('team.create', { name: 'Support' });
  desktop = await TestCore.start();
  await desktop.core.signIn(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD);
  await desktop.online();
  handlers = createApiHandlers(desktop.core, { name: 'Gatehouse', version: 'test', runtime: 'node' });
});
afterEach(async () => {
  await desktop.stop();
  await hub.stop();
  await smtp.close();
});

async function call(method: string, input: unknown): Promise<unknown> {
  const result = await dispatchApiCall(handlers, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** A saved CSV as a spreadsheet would read it: its records, after the byte order mark. */
async function savedRecords(path: string): Promise<{ text: string; records: string[][] }> {
  const text = await readFile(path, 'utf8');
  return { text, records: parse(text, { bom: true }) };
}

const LIST = [
  'Email,Access level,Team,Restrictions',
  'ana@example.com,Agent,Support,Restrict Workflows Button',
  'bo@example.com,Manager,,Data Export',
  'ana@example.com,Agent,,',
  'cy@example.com,Agent,,Mask Phone Number and Email Address',
  '"=HYPERLINK(""http://evil.example"",""x"")",Agent,,',
  `${'owner@example.com'},Agent,,`,
].join('\r\n');

describe('issue 13: a bulk invitation through the core', () => {
  it('reads a CSV, previews it on the hub, sends it as one request with progress, and saves one result per row', async () => {
    const list = (await call('invitations.readList', { text: LIST })) as { rows: Parameters<typeof checkDraft>[0][]; problem: string | null };
    expect(list.problem).toBeNull();
    const checks = list.rows.map(checkDraft);
    const repeated = repeatedAddresses(checks.map((check, index) => ({ line: list.rows[index]?.line ?? 0, email: check.row?.email ?? null })));
    // Row 4 repeats row 2; row 6 is a formula, not an address: neither is sent.
    expect([...repeated.keys()]).toEqual([2]);
    expect(checks[4]?.problems?.email).toBe('Enter a valid email address, such as name@example.com.');
    const sendable = checks.flatMap((check, index) => (check.row && !repeated.has(index) ? [check.row] : []));
    expect(sendable.map((row) => row.email)).toEqual(['ana@example.com', 'bo@example.com', 'cy@example.com', 'owner@example.com']);

    const preview = (await call('invitations.previewBulk', { rows: sendable })) as { rows: Array<{ outcome: string; code?: string }> };
    expect(preview.rows.map((row) => row.code ?? row.outcome)).toEqual(['ready', 'ready', 'restriction_needs_plan', 'already_member']);
    expect(smtp.mails).toHaveLength(0);

    const ready = sendable.filter((_, index) => preview.rows[index]?.outcome === 'ready');
    const result = (await call('invitations.sendBulk', { rows: ready })) as { rows: Array<{ outcome: string; isEmailed?: boolean; inviteUrl?: string | null }> };
    expect(result.rows.map((row) => [row.outcome, row.isEmailed])).toEqual([
      ['invited', true],
      ['invited', true],
    ]);
    const progress = desktop.events.filter((event) => event.name === 'invitations.progress').map((event) => event.payload);
    expect(progress[0]).toEqual({ done: 0, total: 2 });
    // The hub's own frames, passed on: each mailed row counts.
    expect(progress).toContainEqual({ done: 1, total: 2 });
    expect(progress.at(-1)).toEqual({ done: 2, total: 2 });
    expect(smtp.mails.map((mail) => mail.to).sort()).toEqual(['ana@example.com', 'bo@example.com']);
    expect((await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === 'ana@example.com')).toMatchObject({
      status: 'pending',
      restrictions: { workflowsButton: true },
      teamId: (await hub.hub.store.teams.byName(hub.workspaceId, 'Support'))?.id,
    });

    // The results: one line per row of the list, refused ones with their reasons.
    const lines: BulkResultLine[] = [
      { line: 2, email: 'ana@example.com', level: 'Agent', team: 'Support', restrictions: ['Restrict Workflows Button'], outcome: 'emailed', link: null, reason: null },
      { line: 3, email: 'bo@example.com', level: 'Manager', team: '', restrictions: ['Data Export'], outcome: 'emailed', link: null, reason: null },
      { line: 4, email: 'ana@example.com', level: 'Agent', team: '', restrictions: [], outcome: 'refused', link: null, reason: 'The same address is on row 2 of this list; each person is invited once.' },
      { line: 6, email: '=HYPERLINK("http://evil.example","x")', level: 'Agent', team: '=1+1', restrictions: [], outcome: 'refused', link: null, reason: 'Enter a valid email address, such as name@example.com.' },
      { line: 7, email: 'dee@example.com', level: 'Agent', team: '', restrictions: [], outcome: 'link', link: 'http://127.0.0.1/invite/abc', reason: null },
    ];
    desktop.exportTarget = { kind: 'file', path: join(desktop.dataDir, 'results.csv') };
    const saved = await call('invitations.saveResults', { rows: lines });
    expect(saved).toEqual({ status: 'saved', filePath: join(desktop.dataDir, 'results.csv'), rowCount: 5 });
    const { text, records } = await savedRecords(join(desktop.dataDir, 'results.csv'));
    expect(text.startsWith('\uFEFFRow,Email,Access level,Team,Restrictions,Result,Invitation link,Reason\r\n')).toBe(true);
    expect(records[0]).toEqual(['Row', 'Email', 'Access level', 'Team', 'Restrictions', 'Result', 'Invitation link', 'Reason']);
    expect(records[1]).toEqual(['2', 'ana@example.com', 'Agent', 'Support', 'Restrict Workflows Button', 'Invitation emailed', '', '']);
    expect(records[3]?.[5]).toBe('Not invited');
    // A cell a spreadsheet would run starts with an apostrophe: shown, never run.
    expect(records[4]?.slice(1, 4)).toEqual([`'=HYPERLINK("http://evil.example","x")`, 'Agent', `'=1+1`]);
    expect(records[5]?.slice(5, 7)).toEqual(['Link to pass on', 'http://127.0.0.1/invite/abc']);
  });

  it('saves the template, which reads back as a list whose rows pass their checks; a cancelled dialog writes nothing', async () => {
    desktop.exportTarget = { kind: 'file', path: join(desktop.dataDir, 'template.csv') };
    expect(await call('invitations.saveTemplate', undefined)).toMatchObject({ status: 'saved', rowCount: 3 });
    const text = await readFile(join(desktop.dataDir, 'template.csv'), 'utf8');
    const list = (await call('invitations.readList', { text })) as { rows: Parameters<typeof checkDraft>[0][] };
    expect(list.rows.map((row) => checkDraft(row).problems)).toEqual([null, null, null]);
    desktop.exportTarget = null;
    expect(await call('invitations.saveTemplate', undefined)).toEqual({ status: 'cancelled' });
  });

  it('refuses before the hub hears of it: more than 1,000 rows, a malformed row, a list too large for one frame', async () => {
    const rows = Array.from({ length: 1_001 }, (_, index) => ({ email: `p${index}@example.com`, level: 'agent' }));
    const tooMany = await dispatchApiCall(handlers, 'invitations.sendBulk', { rows });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'rows: At most 1,000 people can be invited at once; split the list' } });
    const hostile = await dispatchApiCall(handlers, 'invitations.sendBulk', { rows: [{ email: 'x\u202E@example.com', level: 'agent' }] });
    expect(hostile).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // 1,000 addresses near the longest an address may be would make a frame the hub refuses: said in words, nothing sent.
    const long = Array.from({ length: 1_000 }, (_, index) => ({ email: `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${index}@${'d'.repeat(50)}.example.com`, level: 'agent' }));
    for (const method of ['invitations.previewBulk', 'invitations.sendBulk']) {
      expect(await dispatchApiCall(handlers, method, { rows: long })).toMatchObject({ ok: false, error: { code: 'list_too_large', message: expect.stringContaining('Split it into two lists') } });
    }
    expect(await hub.hub.store.members.inWorkspace(hub.workspaceId)).toHaveLength(1);
  });
});
