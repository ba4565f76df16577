// U8/D3: the exported file, parsed back with csv-parse, holds exactly the
// members, and cells that would run as formulas are neutralised.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain';
import { NO_RESTRICTIONS } from '../../../shared/policy';
import { isoTime, MEMBER_CSV_COLUMNS, neutraliseFormula, writeMembersCsv } from './members-csv';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-csv-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

function member(overrides: Partial<Member>): Member {
  return {
    id: 'm1',
    workspaceId: 'w',
    personId: 'p',
    email: 'a@example.com',
    displayName: 'Ann',
    avatarDataUrl: null,
    level: 'agent',
    restrictions: { ...NO_RESTRICTIONS },
    status: 'active',
    teamId: null,
    invitedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    joinedAt: Date.UTC(2026, 0, 3),
    lastSeenAt: Date.UTC(2026, 10, 28, 12),
    isOnline: false,
    accessUntil: null,
    accessHeirId: null,
    version: 1,
    ...overrides,
  };
}

describe('U8: member CSV export', () => {
  it('U8: writes every member with the documented columns, parsed back exactly', async () => {
    const members = [
      member({ id: 'a', displayName: 'Zoë "Zed" Ångström', email: 'zoe@example.com', level: 'manager', teamId: 't1', restrictions: { ...NO_RESTRICTIONS, dataExport: true } }),
      member({ id: 'b', displayName: 'Line\nBreak, Comma', status: 'pending', joinedAt: null, lastSeenAt: null }),
      member({ id: 'c', displayName: 'Online Olga', isOnline: true, restrictions: { ...NO_RESTRICTIONS, contactVisibility: 'self_only' } }),
    ];
    const file = join(folder, 'members.csv');
    const progress: number[] = [];
    await writeMembersCsv(file, members, [{ id: 't1', workspaceId: 'w', name: 'Support' }], (written) => progress.push(written));
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0] ?? {})).toEqual([...MEMBER_CSV_COLUMNS]);
    expect(rows).toEqual([
      {
        Name: 'Zoë "Zed" Ångström',
        Email: 'zoe@example.com',
        'Access level': 'Manager',
        Status: 'Active',
        Team: 'Support',
        Restrictions: 'R3 Data Export',
        'Last seen': '2026-11-28T12:00:00.000Z',
        Invited: '2026-01-02T03:04:05.000Z',
        Joined: '2026-01-03T00:00:00.000Z',
      },
      expect.objectContaining({ Name: 'Line\nBreak, Comma', Status: 'Pending', 'Last seen': '', Joined: '' }),
      expect.objectContaining({ Name: 'Online Olga', 'Last seen': 'online now', Restrictions: 'R5 Restrict Contact Visibility (self only)' }),
    ]);
    expect(progress.at(-1)).toBe(3);
  });

  it('U8: cells starting with = + - @ tab or CR are neutralised against formula injection', async () => {
    const dangerous = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tTab', '\rReturn'];
    const members = dangerous.map((name, index) => member({ id: `d${index}`, displayName: name }));
    const file = join(folder, 'danger.csv');
    await writeMembersCsv(file, members, []);
    const rows = parse(await readFile(file), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row['Name'])).toEqual(dangerous.map((name) => `'${name}`));
  });

  it('U8: streams a large workspace with progress', async () => {
    const members = Array.from({ length: 20_000 }, (_, index) => member({ id: `m${index}`, email: `m${index}@example.com` }));
    const file = join(folder, 'large.csv');
    const progress: number[] = [];
    expect(await writeMembersCsv(file, members, [], (written) => progress.push(written))).toBe(20_000);
    expect(progress.length).toBeGreaterThan(50);
    expect(parse(await readFile(file), { bom: true, columns: true })).toHaveLength(20_000);
  });

  it('U8: writes times exactly as toISOString, through its per-day shortcut', () => {
    const lastFourDigitYear = 253_402_300_799_999;
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: lastFourDigitYear }), fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 }), fc.constantFrom(0, 951_782_400_000, lastFourDigitYear, lastFourDigitYear + 1)), (at) => {
        expect(isoTime(at)).toBe(new Date(at).toISOString());
      }),
      { numRuns: 20_000 },
    );
    expect(isoTime(null)).toBe('');
  });

  it('U8: neutralises every cell that starts like a formula, and only those', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\n']) expect(neutraliseFormula(`${start}x`)).toBe(`'${start}x`);
    for (const safe of ['', 'x=', ' =x', '＝x', "'=x"]) expect(neutraliseFormula(safe)).toBe(safe);
  });
});
