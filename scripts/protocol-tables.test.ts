// Issue 10.7: docs/protocol.md is exact. Its generated tables must be what
// scripts/protocol-tables.ts writes from the schemas now (run it after a
// schema change), and the hand-written parts must name every error code,
// every request type and the protocol version the code has.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../shared/domain';
import { DENY_CODES } from '../shared/policy';
import { CLOSE_CODES, clientRequestSchema, HUB_ERROR_CODES, PROTOCOL_VERSION, serverMessageSchema } from '../shared/protocol';
import { PROTOCOL_DOCUMENT, protocolTables, UNDESCRIBED, withTables } from './protocol-tables';

const document = readFileSync(PROTOCOL_DOCUMENT, 'utf8');
const STALE = 'docs/protocol.md is out of date with the schemas: run `npx tsx scripts/protocol-tables.ts`';

/** The hand-written text: the document without its generated sections. */
function handWritten(): string {
  return Object.keys(protocolTables()).reduce(
    (text, name) => text.replace(new RegExp(`<!-- generated:${name} -->[\\s\\S]*?<!-- /generated:${name} -->`), ''),
    document,
  );
}

/** The rows of the hand-written table that follows a heading. */
function tableAfter(heading: string): string {
  const start = document.indexOf(heading);
  expect(start, `docs/protocol.md has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const rest = document.slice(start);
  const table = /\n(\|[^\n]*\n)+/.exec(rest);
  return table?.[0] ?? '';
}

describe('issue 10.7: docs/protocol.md follows the schemas', () => {
  it('issue 10.7: every generated table is what the schemas give now', () => {
    expect(withTables(document) === document, STALE).toBe(true);
  });

  it('issue 10.7: every close code has its meaning', () => {
    expect(protocolTables()['close-codes']).not.toContain(UNDESCRIBED);
    for (const code of Object.values(CLOSE_CODES)) expect(protocolTables()['close-codes']).toContain(`| ${code} |`);
  });

  it('issue 10.7: every socket error code is explained in the error code table, every HTTP one in the HTTP errors table', () => {
    const socketTable = tableAfter('### Error codes');
    const httpTable = tableAfter('### HTTP errors');
    for (const code of HUB_ERROR_CODES) expect(`${socketTable}${httpTable}`, code).toContain(`\`${code}\``);
  });

  it('issue 10.7: the policy codes, and only they, are said to carry a rule', () => {
    const policyRow = tableAfter('### Error codes')
      .split('\n')
      .find((row) => row.startsWith('| policy codes'));
    for (const code of DENY_CODES) expect(policyRow, code).toContain(`\`${code}\``);
    for (const code of ['already_member', 'conflict', 'invalid_reassignment']) expect(policyRow).not.toContain(`\`${code}\``);
  });

  it('issue 10.7: the hand-written request table names every request type, and the version is the one the code speaks', () => {
    const requests = tableAfter('## 3. Requests');
    for (const option of clientRequestSchema.options) expect(requests).toContain(`| \`${option.shape.type.value}\` |`);
    expect(handWritten()).toContain(`Version: ${PROTOCOL_VERSION} (\`PROTOCOL_VERSION\`)`);
  });

  it('issue 12.3: the hand-written text shows every message the hub sends, with its type', () => {
    // Lines are wrapped by hand: read it as one line.
    const text = handWritten().replace(/\s+/g, ' ');
    for (const option of serverMessageSchema.options) expect(text).toContain(`{"type": "${option.shape.type.value}"`);
  });

  it('issue 10.7: every audit action is described', () => {
    for (const action of AUDIT_ACTIONS) expect(protocolTables().records).toContain(`| \`${action}\` |`);
  });

  it('issue 10.7: a stale table is caught, and a missing marker is an error', () => {
    const stale = document.replace(/(<!-- generated:requests -->\n)[^\n]*\n/, '$1| a row the schemas do not have |\n');
    expect(withTables(stale)).not.toBe(stale);
    expect(() => withTables('no markers here')).toThrow(/generated:/);
  });
});
