// Replica contents for the replica's tests: a workspace whose members,
// teams and contacts carry addresses that can be searched for in the file's
// raw bytes, and a varied one (awkward names, ties, nulls) whose list queries
// are checked against brute force (replica-queries-reference.ts).
import type { Contact, Member } from '../../../shared/domain';
import { NO_RESTRICTIONS } from '../../../shared/policy';
import type { WorkspaceSnapshot } from '../../../shared/protocol';

/** `contact7@<domain>` and `<phonePrefix> 0007` for contacts, `member7@<domain>` for members. */
export function workspaceSnapshot(workspaceId: string, domain: string, size: number, phonePrefix = '+44 20 7946'): WorkspaceSnapshot {
  const members: Member[] = Array.from({ length: size }, (_, index) => ({
    id: `${workspaceId}-m${index}`,
    workspaceId,
    personId: `${workspaceId}-p${index}`,
    email: `member${index}@${domain}`,
    displayName: `Member ${index} of ${domain}`,
    avatarDataUrl: null,
    level: index === 0 ? 'owner' : 'agent',
    restrictions: NO_RESTRICTIONS,
    status: 'active',
    teamId: `${workspaceId}-t1`,
    invitedAt: 1_700_000_000_000 + index,
    joinedAt: 1_700_000_100_000 + index,
    lastSeenAt: 1_700_000_200_000 + index,
    isOnline: false,
    accessUntil: null,
    accessHeirId: null,
    version: 1,
  }));
  const contacts: Contact[] = Array.from({ length: size }, (_, index) => ({
    id: `${workspaceId}-c${index}`,
    workspaceId,
    name: `Customer ${index} of ${domain}`,
    phone: `${phonePrefix} ${String(index).padStart(4, '0')}`,
    email: `contact${index}@${domain}`,
    assigneeId: `${workspaceId}-m${index % size}`,
    teamId: null,
    isMasked: false,
  }));
  return {
    organization: { id: `${workspaceId}-o`, name: `Organization of ${domain}` },
    workspace: { id: workspaceId, organizationId: `${workspaceId}-o`, name: `Workspace of ${domain}`, plan: 'advanced', accessEndWarningDays: 3 },
    selfMemberId: `${workspaceId}-m0`,
    members,
    teams: [{ id: `${workspaceId}-t1`, workspaceId, name: `Team of ${domain}` }],
    contacts,
    preferences: { scope: 'everyone', memberIds: [], notifyOnline: true, notifyOffline: false },
  };
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Names that make search and sort earn their keep: case pairs inside and
 * outside ASCII (including letters FTS5 and JavaScript fold differently),
 * scripts without case, emoji, short names, and the characters of FTS5's and
 * GLOB's own syntax.
 */
export const AWKWARD_NAMES = [
  'Ada Lovelace', 'ada lovelace', 'ADA LOVELACE', 'Émile Zola', 'émile zola', 'Zoë Ångström', 'Łukasz Nowak', 'Σίσυφος Σοφός', 'σίσυφος σοφός',
  'ſtraße Straße', 'İpek Işık', 'ıpek ışık', 'Kelvin Kelvin', 'Ꭰꭰ Cherokee', 'Иван Петров', 'иван петров', '李小龙', '王', 'Li', 'Al', 'Ng', '😀 Smiley',
  'NEAR(a b)', '"Quoted" Name', 'Star* Name', 'Question? Name', '[Bracket] Name', 'Caret^ Name', 'col:umn name', 'a AND b OR c', '-minus +plus',
  'O\'Brien', 'Anne-Marie Ólafsdóttir', 'ǅemal Ǆ', 'µ Micro', 'ß ẞ', 'x', 'ΣΑΣ', 'ﬁne ﬂow', 'Ａｄａ Fullwidth', 'שלום עולם', 'مرحبا',
] as const;

const TIMES = [1_700_000_000_000, 1_700_000_000_000, 1_700_000_500_000, 1_700_001_000_000, 1_700_002_000_000];

/** The clock the varied workspace's "ending soon" is counted from (its tests pass it as now). */
export const VARIED_NOW = 1_700_003_000_000;
const DAY = 86_400_000;
/**
 * End dates around the edges of "ending soon" for warnings of 0, 2 and 3 days
 * (7 days when 0): past, exactly on the edge, one millisecond after, ties.
 */
const ACCESS_ENDS = [VARIED_NOW - 3_600_000, VARIED_NOW + DAY, VARIED_NOW + 2 * DAY, VARIED_NOW + 2 * DAY + 1, VARIED_NOW + 3 * DAY, VARIED_NOW + 3 * DAY + 1, VARIED_NOW + 7 * DAY, VARIED_NOW + 7 * DAY + 1, VARIED_NOW + 40 * DAY];

/**
 * A workspace whose members, teams and contacts vary in every field a list
 * filters or sorts by, with ties (same name, same times) and nulls, so a
 * query's answer can be checked against a brute-force one.
 */
export function variedSnapshot(workspaceId: string, size: number, seed: number, accessEndWarningDays = 3): WorkspaceSnapshot {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const teams = Array.from({ length: 5 }, (_, index) => ({ id: `${workspaceId}-t${index}`, workspaceId, name: pick(['Support', 'support', 'Sales', 'Émile team', 'Night shift', '"Q" team']) }));
  const members: Member[] = Array.from({ length: size }, (_, index) => {
    const status = random() < 0.15 ? 'pending' : 'active';
    const lastSeenAt = random() < 0.2 ? null : pick(TIMES) + Math.floor(random() * 3) * 60_000;
    return {
      id: `${workspaceId}-m${index}`,
      workspaceId,
      personId: `${workspaceId}-p${index}`,
      email: `${pick(['ada', 'emile', 'li', 'near', 'star', 'x', 'quoted'])}.${index}${pick(['', '+tag', '_x'])}@${pick(['example.com', 'acme.example', 'xn--mnchen-3ya.example'])}`,
      displayName: random() < 0.7 ? pick(AWKWARD_NAMES) : `${pick(AWKWARD_NAMES)} ${index % 7}`,
      avatarDataUrl: null,
      level: pick(['owner', 'manager', 'agent', 'agent', 'agent'] as const),
      restrictions: { ...NO_RESTRICTIONS, dataExport: random() < 0.2, maskContactDetails: random() < 0.2 },
      status,
      teamId: random() < 0.3 ? null : pick(teams).id,
      invitedAt: pick(TIMES) + Math.floor(random() * 5),
      joinedAt: status === 'pending' ? null : pick(TIMES) + 1_000,
      lastSeenAt,
      isOnline: lastSeenAt !== null && random() < 0.25,
      accessUntil: random() < 0.5 ? null : pick(ACCESS_ENDS),
      accessHeirId: null,
      version: 1,
    };
  });
  const contacts: Contact[] = Array.from({ length: Math.ceil(size / 2) }, (_, index) => {
    const isMasked = random() < 0.3;
    return {
      id: `${workspaceId}-c${index}`,
      workspaceId,
      name: random() < 0.8 ? pick(AWKWARD_NAMES) : `Customer ${index}`,
      phone: random() < 0.5 ? null : isMasked ? '•••••67' : `+44 20 7946 ${String(index).padStart(4, '0')}`,
      email: random() < 0.3 ? null : isMasked ? 'c•••@example.com' : `customer${index}@${pick(['example.com', 'shop.example'])}`,
      // Some assignees are not members of this copy (an Agent's replica): the row still names them.
      assigneeId: random() < 0.3 ? null : random() < 0.1 ? `${workspaceId}-gone` : pick(members).id,
      teamId: random() < 0.5 ? null : pick(teams).id,
      isMasked,
    };
  });
  return {
    organization: { id: `${workspaceId}-o`, name: 'Acme' },
    workspace: { id: workspaceId, organizationId: `${workspaceId}-o`, name: 'Support', plan: 'advanced', accessEndWarningDays },
    selfMemberId: `${workspaceId}-m0`,
    members,
    teams,
    contacts,
    preferences: { scope: 'everyone', memberIds: [], notifyOnline: true, notifyOffline: false },
  };
}
