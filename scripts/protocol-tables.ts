// Writes the message tables of docs/protocol.md from the zod schemas both ends
// validate with (shared/protocol, shared/domain), so the document cannot drift
// from them: every request and its result, every message the hub sends, the
// HTTP bodies and the records. Each table sits between marker comments
// (<!-- generated:NAME --> ... <!-- /generated:NAME -->); the prose around
// them is written by hand. Run `npx tsx scripts/protocol-tables.ts` after a
// schema change; scripts/protocol-tables.test.ts fails while the document is
// out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import type { AuditAction } from '../shared/domain';
import {
  AUDIT_ACTIONS,
  AVATAR_MAX_BYTES,
  auditEntrySchema,
  avatarUploadSchema,
  contactSchema,
  displayNameSchema,
  EMAIL_MAX_CODE_POINTS,
  emailSchema,
  idSchema,
  memberSchema,
  NAME_MAX_CODE_POINTS,
  notificationPreferencesSchema,
  organizationSchema,
  PHONE_MAX_CODE_POINTS,
  phoneSchema,
  restrictionChangesSchema,
  restrictionsSchema,
  TEAM_NAME_MAX_CODE_POINTS,
  teamNameSchema,
  teamSchema,
  timestampSchema,
  workspaceSchema,
} from '../shared/domain';
import { maskEmail, maskPhone } from '../shared/policy';
import {
  acceptInvitationRequestSchema,
  CLOSE_CODES,
  MAX_CLIENT_FRAME_BYTES,
  changePasswordRequestSchema,
  clientRequestSchema,
  hubErrorSchema,
  hubInfoResponseSchema,
  httpErrorBodySchema,
  invitationPreviewSchema,
  meResponseSchema,
  myInvitationSchema,
  myInvitationsResponseSchema,
  passwordResetCompleteSchema,
  passwordResetRequestSchema,
  presenceSchema,
  requestResultSchemas,
  serverMessageSchema,
  signInRequestSchema,
  signInResponseSchema,
  signOutOthersResponseSchema,
  snapshotTotalsSchema,
  workspaceChangesSchema,
  workspaceMembershipSchema,
  workspaceSnapshotSchema,
} from '../shared/protocol';
import { HUB_DEFAULTS } from '../hub/server/hub-options';

export const PROTOCOL_DOCUMENT = join(import.meta.dirname, '..', 'docs', 'protocol.md');

/** Zod 4 keeps a schema's definition and checks in `_zod.def`; only the parts read here are typed. */
interface SchemaDef {
  type: string;
  innerType?: Schema;
  defaultValue?: unknown;
  in?: Schema;
  out?: Schema;
  element?: Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: Array<{ _zod: { def: CheckDef } }>;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}
interface Schema {
  _zod: { def: SchemaDef };
}

const defOf = (schema: z.ZodType | Schema): SchemaDef => (schema as unknown as Schema)._zod.def;

/** How a value is described in a table: its type, and its limits and format. */
interface Description {
  type: string;
  limits: string;
}

const code = (text: string): string => `\`${text}\``;
const TEXT = '(see [Text](#text))';

/** The pattern a text schema's output must match, behind its text checks (the phone number's regex, the email format). */
function patternOf(schema: z.ZodType): string {
  const out = defOf(schema).out;
  const def = out ? (defOf(out) as SchemaDef & { pattern?: RegExp }) : undefined;
  const pattern = def?.pattern ?? def?.checks?.find((check) => check._zod.def.format === 'regex')?._zod.def.pattern;
  if (!pattern) throw new Error('a text schema has no pattern any more: update scripts/protocol-tables.ts');
  return pattern.source;
}

/**
 * Schemas whose rules live in refinements (the text rules of shared/domain/text.ts),
 * so their limits cannot be read from the checks: described here, from the same
 * constants the schemas use.
 */
const NAMED_VALUES = new Map<Schema, Description>([
  [idSchema as unknown as Schema, { type: 'id', limits: `1-64 characters of ${code('A-Za-z0-9_-')}` }],
  [displayNameSchema as unknown as Schema, { type: 'name', limits: `1-${NAME_MAX_CODE_POINTS} characters ${TEXT}` }],
  [teamNameSchema as unknown as Schema, { type: 'team name', limits: `1-${TEAM_NAME_MAX_CODE_POINTS} characters ${TEXT}` }],
  [
    emailSchema as unknown as Schema,
    { type: 'email', limits: `1-${EMAIL_MAX_CODE_POINTS} characters, lower-cased, then matching ${code(patternOf(emailSchema))} ${TEXT}` },
  ],
  [
    phoneSchema as unknown as Schema,
    { type: 'phone', limits: `1-${PHONE_MAX_CODE_POINTS} characters, matching ${code(patternOf(phoneSchema))} ${TEXT}` },
  ],
  [
    defOf(avatarUploadSchema).innerType as Schema,
    { type: 'avatar', limits: `a ${code('data:image/(png|jpeg|webp|gif);base64,...')} URL of at most ${AVATAR_MAX_BYTES / 1024} KiB decoded, whose bytes are that image type` },
  ],
  [timestampSchema as unknown as Schema, { type: 'timestamp', limits: 'epoch milliseconds' }],
  [hubErrorSchema.shape.code as unknown as Schema, { type: 'error code', limits: 'see [Error codes](#error-codes)' }],
]);

/** Records described once in their own table and referred to by name elsewhere. */
export const RECORDS: ReadonlyArray<[name: string, schema: z.ZodType]> = [
  ['Member', memberSchema],
  ['Contact', contactSchema],
  ['Team', teamSchema],
  ['Workspace', workspaceSchema],
  ['Organization', organizationSchema],
  ['Restrictions', restrictionsSchema],
  ['RestrictionChanges', restrictionChangesSchema],
  ['Preferences', notificationPreferencesSchema],
  ['Presence', presenceSchema],
  ['AuditEntry', auditEntrySchema],
  ['Snapshot', workspaceSnapshotSchema],
  ['SnapshotTotals', snapshotTotalsSchema],
  ['Changes', workspaceChangesSchema],
  ['Error', hubErrorSchema],
  ['WorkspaceMembership', workspaceMembershipSchema],
  ['MyInvitation', myInvitationSchema],
];
/** By the record's object schema, so a default or optional around it is read first (required? nullable?). */
const RECORD_NAMES = new Map<Schema, string>(
  RECORDS.map(([name, schema]) => {
    const def = defOf(schema);
    return [(def.type === 'object' ? schema : def.innerType) as Schema, name];
  }),
);
const recordLink = (name: string): string => `[${name}](#${name.toLowerCase()})`;

/** What the audit log keeps before and after each action (hub/domain: members, invitations, reports, accept-invitation). */
export const AUDIT_ACTION_NOTES: Record<AuditAction, { what: string; before: string; after: string }> = {
  'member.invited': {
    what: 'an invitation was sent',
    before: 'null',
    after: '`{email, level, status, restrictions, accessUntil, accessHeir}` (`accessUntil` UTC ms or null; `accessHeir` the name of who then receives the contacts, or null)',
  },
  'member.accepted': {
    what: 'the invited person accepted (the actor is the new member)',
    before: '`{email, level, status, restrictions}` while pending',
    after: 'the same, now active',
  },
  'member.edited': {
    what: 'level, restrictions or end of access changed',
    before: '`{email, level, status, restrictions, accessUntil, accessHeir}` (a plan change writes no `accessUntil`)',
    after: 'the same after the edit',
  },
  'member.revoked': {
    what: 'the member was revoked',
    before: '`{email, level, status, restrictions}`',
    after: '`{contactsAffected, contactsMovedTo}` (the heir\'s name, or null), and `reviewId` when an access review revoked them',
  },
  'invitation.resent': { what: 'a new link replaced the old one', before: 'null', after: '`{expiresAt}`' },
  'invitation.cancelled': { what: 'a pending invitation was cancelled', before: '`{email, level, status: "pending"}`', after: 'null' },
  'workspace.plan_changed': {
    what: "the hub's operator changed the workspace's plan (no actor member)",
    before: '`{plan}`',
    after: '`{plan, restrictionsDropped}` (how many members lost a restriction the new plan does not offer; each also has a `member.edited` entry)',
  },
  'invitation.declined': {
    what: 'the invited person declined (the actor is that member)',
    before: '`{email, level, status: "pending"}`',
    after: 'null',
  },
  'members.exported': { what: 'the member list was exported (no target)', before: 'null', after: '`{count}`' },
  'audit.exported': {
    what: 'the audit log was exported (no target)',
    before: 'null',
    after:
      '`{count, filters: {action, member, actor, from, to}}`: how many entries were exported and the filters that chose them; `member` and `actor` are `{id, name}` (the name at the time, null when the log never named them) or null',
  },
  'workspace.two_step_required': {
    what: 'an Owner required two-step sign-in for the workspace, changed its deadline, or stopped requiring it (no target)',
    before: '`{isRequired: false}`, or `{isRequired: true, requiredAt, deadline}`',
    after: '`{isRequired: true, requiredAt, deadline, graceDays}`, or `{isRequired: false}`',
  },
  'two_step.reset': {
    what: "the hub's operator reset the member's two-step sign-in (no actor member; one entry in each workspace of the person)",
    before: '`{twoStep: "on"}`',
    after: '`{twoStep: "off", by: "operator"}`',
  },
  'review.started': {
    what: 'an Owner or Manager started an access review (no target)',
    before: 'null',
    after: '`{reviewId, criteria: "not_seen" | "never_signed_in", days?, members, leftOut}`',
  },
  'review.completed': {
    what: 'the review was decided in one step (no target; each revoke also has its `member.revoked` entry, with `reviewId`)',
    before: 'null',
    after: '`{reviewId, kept, revoked, refused, keptMembers, refusedMembers}` (names)',
  },
  'review.scheduled': {
    what: "a member set, changed or stopped their own recurring review (no target)",
    before: '`{everyDays: null}`, or `{everyDays, nextDueAt}`',
    after: '`{everyDays, nextDueAt}`, or `{everyDays: null}`',
  },
  'members.bulk_invited': {
    what: 'a list was sent with `members.bulk_invite` (no target; each invitation also has its `member.invited` entry)',
    before: 'null',
    after: '`{rows, invited, refused}`: how many rows the list had, and how many were invited or refused',
  },
  'member.access_ended': {
    what: 'the hub revoked the member by itself when their access end date came (no actor member); revoked as `member.revoke` does',
    before: '`{email, level, status, restrictions, accessUntil, accessHeir}`',
    after: '`{contactsAffected, contactsMovedTo, heirWhoLeft}`: the heir\'s name or null; `heirWhoLeft` names the chosen heir when they had left, so the contacts were left unassigned',
  },
  'member.access_ending_warned': {
    what: 'the hub warned the member and the admins who may manage them that the access ends soon (no actor member; once per end date)',
    before: 'null',
    after: '`{accessUntil, accessHeir, days}`',
  },
  'workspace.access_warning_changed': {
    what: 'an Owner changed how many days before an access end the hub warns (no target)',
    before: '`{days}`',
    after: '`{days}` (0: no warning)',
  },
  'member.access_end_held': {
    what: 'the end date came but the member is the last active Owner, so the hub kept their access and told the Owners (no actor member; once per end date)',
    before: 'null',
    after: '`{accessUntil}`',
  },
};

function stringLimits(def: SchemaDef): string {
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  const min = checks.find((check) => check.check === 'min_length')?.minimum;
  const max = checks.find((check) => check.check === 'max_length')?.maximum;
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) parts.push(`${min}-${max} characters`);
  else if (min !== undefined) parts.push(`at least ${min} characters`);
  else if (max !== undefined) parts.push(`at most ${max} characters`);
  for (const check of checks) {
    if (check.format === 'regex' && check.pattern) parts.push(`matching ${code(check.pattern.source)}`);
    else if (check.check === 'string_format' && check.format) parts.push(`format ${check.format}`);
  }
  return parts.join(', ');
}

function numberDescription(def: SchemaDef): Description {
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  const isInteger = checks.some((check) => check.check === 'number_format' && (check.format === 'safeint' || check.format === 'int32'));
  const parts: string[] = [];
  for (const check of checks) {
    if (check.check === 'greater_than' && check.value !== undefined) {
      parts.push(check.inclusive || !isInteger ? `${check.inclusive ? '≥' : '>'} ${check.value}` : `≥ ${check.value + 1}`);
    }
    if (check.check === 'less_than' && check.value !== undefined) {
      parts.push(check.inclusive || !isInteger ? `${check.inclusive ? '≤' : '<'} ${check.value}` : `≤ ${check.value - 1}`);
    }
  }
  return { type: isInteger ? 'integer' : 'number', limits: parts.join(', ') };
}

const joinLimits = (...parts: string[]): string => parts.filter((part) => part !== '').join('; ');

/** Whether a schema is read as what a client sends (defaults fill what it leaves out) or as what it receives. */
interface Context {
  io: 'input' | 'output';
  /** The record being described in its own table, not referred to by name. */
  isTopRecord: boolean;
}

/** A table row: a field of an object. */
interface Row {
  field: string;
  type: string;
  isRequired: boolean;
  isNullable: boolean;
  limits: string;
}

/**
 * Describes a value: unwraps optional, nullable and default (noting them),
 * names records and text, reads the checks of strings and numbers, and
 * expands unnamed objects into rows of their own (`input.email`).
 */
function describe(schema: Schema, path: string, rows: Row[], isRequired: boolean, isNullable: boolean, notes: string[], context: Context): void {
  const named = NAMED_VALUES.get(schema);
  const record = context.isTopRecord && path === '' ? undefined : RECORD_NAMES.get(schema);
  const push = (description: Description): void => {
    rows.push({ field: path, type: description.type, isRequired, isNullable, limits: joinLimits(description.limits, ...notes) });
  };
  if (named) return push(named);
  if (record) return push({ type: recordLink(record), limits: '' });
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
      return describe(def.innerType as Schema, path, rows, false, isNullable, notes, context);
    case 'nullable':
      return describe(def.innerType as Schema, path, rows, isRequired, true, notes, context);
    case 'default':
    case 'prefault': {
      // A default fills a key a request leaves out; what the hub sends always has it.
      const value = def.defaultValue;
      const isObject = typeof value === 'object' && value !== null;
      const note = isObject ? (context.io === 'input' ? 'left out: the defaults' : '') : `default ${code(JSON.stringify(value))}`;
      return describe(def.innerType as Schema, path, rows, context.io === 'output' && isRequired, isNullable, [...notes, note], context);
    }
    case 'pipe': {
      // What a client sends is the pipe's input; what it receives, its output, unless that is a bare transform.
      const out = def.out as Schema;
      const side = context.io === 'output' && defOf(out).type !== 'transform' ? out : (def.in as Schema);
      return describe(side, path, rows, isRequired, isNullable, notes, context);
    }
    case 'string':
      return push({ type: 'string', limits: stringLimits(def) });
    case 'number':
      return push(numberDescription(def));
    case 'boolean':
      return push({ type: 'boolean', limits: '' });
    case 'unknown':
    case 'any':
    case 'transform':
      return push({ type: 'any', limits: '' });
    case 'literal':
      return push({ type: (def.values ?? []).map((value) => code(JSON.stringify(value))).join(' \\| '), limits: '' });
    case 'enum':
      return push({ type: Object.values(def.entries ?? {}).map((value) => code(JSON.stringify(value))).join(' \\| '), limits: '' });
    case 'record':
      return push({ type: 'object', limits: 'any keys' });
    case 'array': {
      const element: Row[] = [];
      describe(def.element as Schema, `${path}[]`, element, true, false, [], { ...context, isTopRecord: false });
      const [first] = element;
      const max = (def.checks ?? []).find((check) => check._zod.def.check === 'max_length')?._zod.def.maximum;
      const limits = max === undefined ? '' : `at most ${max} items`;
      if (element.length === 1 && first) return push({ type: `array of ${first.type}`, limits: joinLimits(limits, first.limits) });
      push({ type: 'array of objects', limits });
      rows.push(...element.slice(1));
      return;
    }
    case 'object': {
      const isStrict = def.catchall !== undefined && defOf(def.catchall).type === 'never';
      if (path !== '') push({ type: 'object', limits: isStrict ? 'no other keys' : '' });
      for (const [key, value] of Object.entries(def.shape ?? {})) describe(value, path === '' ? key : `${path}.${key}`, rows, true, false, [], context);
      return;
    }
    case 'union': {
      const options = (def.options ?? []).map((option) => {
        const optionRows: Row[] = [];
        describe(option, path, optionRows, true, false, [], context);
        return optionRows[0]?.type ?? 'any';
      });
      return push({ type: options.join(' or '), limits: '' });
    }
    default:
      throw new Error(`scripts/protocol-tables.ts cannot describe a ${def.type} schema (at ${path || 'the top'})`);
  }
}

function rowsOf(schema: z.ZodType, io: Context['io'], options: { omit?: readonly string[]; isRecord?: boolean } = {}): Row[] {
  const rows: Row[] = [];
  describe(schema as unknown as Schema, '', rows, true, false, [], { io, isTopRecord: options.isRecord === true });
  return rows.filter((row) => !(options.omit ?? []).includes(row.field));
}

/** A pipe splits a table cell even inside code, so every one not already escaped is. */
const cell = (text: string): string => text.replace(/\n/g, ' ').replace(/(?<!\\)\|/g, '\\|');

function table(rows: Row[], emptyText = '`{}` (no fields)'): string {
  if (rows.length === 0) return emptyText;
  const lines = ['| field | type | required | nullable | limits and format |', '|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(`| ${code(row.field)} | ${cell(row.type)} | ${row.isRequired ? 'yes' : 'no'} | ${row.isNullable ? 'yes' : 'no'} | ${cell(row.limits)} |`);
  }
  return lines.join('\n');
}

const literalOf = (schema: z.ZodType, key: string): string => {
  const value = defOf(schema).shape?.[key];
  return value ? String(defOf(value).values?.[0]) : '';
};

/**
 * A result that is one of several objects (which one, the request decides:
 * `members.export` and its `includeRows`) gets a table for each, headed with
 * the description its schema carries.
 */
function resultTables(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (def.type !== 'union') return ['Result:', '', table(rowsOf(schema, 'output')), ''];
  return (def.options ?? []).flatMap((option) => {
    const when = (option as unknown as z.ZodType).description;
    if (!when) throw new Error('each object of a result that is one of several needs a description saying when it is sent');
    return [`Result ${when}:`, '', table(rowsOf(option as unknown as z.ZodType, 'output')), ''];
  });
}

function requestsSection(): string {
  const parts: string[] = [];
  for (const option of clientRequestSchema.options) {
    const type = literalOf(option, 'type') as keyof typeof requestResultSchemas;
    parts.push(`#### ${code(type)}`, '', table(rowsOf(option, 'input', { omit: ['id', 'type'] }), 'No fields besides `id` and `type`.'), '');
    parts.push(...resultTables(requestResultSchemas[type]));
  }
  return parts.join('\n').trimEnd();
}

function serverMessagesSection(): string {
  const parts: string[] = [];
  for (const option of serverMessageSchema.options) {
    const type = literalOf(option, 'type');
    const ok = defOf(option).shape?.ok;
    // "Message" keeps these headings' anchors apart from the records' (`presence` and Presence).
    const title = ok ? `Message ${code(type)}, ${code(`ok: ${String(defOf(ok).values?.[0])}`)}` : `Message ${code(type)}`;
    parts.push(`#### ${title}`, '', table(rowsOf(option, 'output')), '');
  }
  return parts.join('\n').trimEnd();
}

const HTTP_BODIES: ReadonlyArray<[title: string, schema: z.ZodType, io: Context['io']]> = [
  ['`POST /api/sign-in` body', signInRequestSchema, 'input'],
  ['`POST /api/sign-in` and `POST /api/invitations/accept` answer', signInResponseSchema, 'output'],
  ['`GET /api/me` answer (also `POST /api/me/invitations/MEMBER_ID/accept`)', meResponseSchema, 'output'],
  ['`GET /api/invitations/TOKEN` answer', invitationPreviewSchema, 'output'],
  ['`POST /api/invitations/accept` body', acceptInvitationRequestSchema, 'input'],
  ['`GET /api/me/invitations` answer (also `POST /api/me/invitations/MEMBER_ID/decline`)', myInvitationsResponseSchema, 'output'],
  ['`POST /api/account/password` body', changePasswordRequestSchema, 'input'],
  ['`POST /api/account/sign-out-others` answer', signOutOthersResponseSchema, 'output'],
  ['`POST /api/password-reset` body', passwordResetRequestSchema, 'input'],
  ['`POST /api/password-reset/complete` body', passwordResetCompleteSchema, 'input'],
  ['`GET /api/hub-info` answer', hubInfoResponseSchema, 'output'],
  ['Every error answer', httpErrorBodySchema, 'output'],
];

function httpSection(): string {
  return HTTP_BODIES.flatMap(([title, schema, io]) => [`#### ${title}`, '', table(rowsOf(schema, io)), '']).join('\n').trimEnd();
}

function recordsSection(): string {
  const parts: string[] = [];
  for (const [name, schema] of RECORDS) parts.push(`#### ${name}`, '', table(rowsOf(schema, 'output', { isRecord: true })), '');
  parts.push('#### Audit actions', '', '| `action` | what happened | `before` | `after` |', '|---|---|---|---|');
  for (const action of AUDIT_ACTIONS) {
    const note = AUDIT_ACTION_NOTES[action];
    parts.push(`| ${code(action)} | ${note.what} | ${note.before} | ${note.after} |`);
  }
  return parts.join('\n');
}

/** What each close code tells a client to do; a code without a sentence here is listed as undescribed (and the test fails). */
export const CLOSE_CODE_MEANINGS: Partial<Record<keyof typeof CLOSE_CODES, string>> = {
  goingAway: 'the hub is shutting down; reconnect later',
  messageTooBig: `a frame over ${MAX_CLIENT_FRAME_BYTES / 1024} KiB`,
  internalError: 'the hub failed while sending a snapshot or the presence list; reconnect and subscribe again (the replica keeps what it had)',
  sessionEnded: 'the session was signed out (here, by "sign out other sessions", or by a new password); sign in again',
  sessionExpired: 'the session reached its end (30 days); sign in again',
  revoked: 'the member was revoked: each request the hub had received got its reply, then a `revoked` message came',
  subscribeTimeout: 'no `subscribe` in time',
  tooManyErrors: `${HUB_DEFAULTS.maxConsecutiveErrors} malformed frames in a row`,
};
export const UNDESCRIBED = '(not described yet)';

function closeCodesSection(): string {
  const lines = ['| code | name | meaning |', '|---|---|---|'];
  const codes = Object.entries(CLOSE_CODES) as Array<[keyof typeof CLOSE_CODES, number]>;
  for (const [name, value] of codes.sort(([, a], [, b]) => a - b)) {
    lines.push(`| ${value} | ${code(name)} | ${cell(CLOSE_CODE_MEANINGS[name] ?? UNDESCRIBED)} |`);
  }
  return lines.join('\n');
}

/** Masking (R7) as the hub does it, computed by the shared functions themselves. */
export const MASK_EXAMPLES: ReadonlyArray<[field: 'phone' | 'email', value: string]> = [
  ['phone', '+44 20 7946 0958'],
  ['phone', '555-0123'],
  ['phone', '(12)'],
  ['email', 'jane.doe@example.com'],
  ['email', 'x@mail.example.co.uk'],
];

function masksSection(): string {
  const lines = ['| field | stored | sent masked |', '|---|---|---|'];
  for (const [field, value] of MASK_EXAMPLES) {
    lines.push(`| ${field} | ${code(value)} | ${code(field === 'phone' ? maskPhone(value) : maskEmail(value))} |`);
  }
  return lines.join('\n');
}

/** Each generated section by its marker name. */
export function protocolTables(): Record<string, string> {
  return {
    'close-codes': closeCodesSection(),
    requests: requestsSection(),
    'server-messages': serverMessagesSection(),
    http: httpSection(),
    records: recordsSection(),
    masks: masksSection(),
  };
}

/** The document with every generated section replaced; throws when a marker pair is missing. */
export function withTables(document: string, tables: Record<string, string> = protocolTables()): string {
  let text = document;
  for (const [name, body] of Object.entries(tables)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`docs/protocol.md needs the markers ${open} and ${close}`);
    text = `${text.slice(0, start + open.length)}\n${body}\n${text.slice(end)}`;
  }
  return text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const before = readFileSync(PROTOCOL_DOCUMENT, 'utf8');
  const after = withTables(before);
  if (after === before) console.log('docs/protocol.md is up to date');
  else {
    writeFileSync(PROTOCOL_DOCUMENT, after);
    console.log('docs/protocol.md updated');
  }
}
