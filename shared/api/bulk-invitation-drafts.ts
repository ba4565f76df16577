// Issue 13: a row of a bulk invitation as a person writes it (in a pasted
// list, a CSV file, or the screen's table) and its check. Levels and
// restrictions are words here ("Manager", "Data Export"), as in the template;
// they become the wire's values, and the row is then checked with the one
// schema the hub parses the request with (bulkInvitationRowSchema), so the
// screen says what is wrong on the row before anything is sent. Used by the
// desktop core (reading a list) and the renderer (each edit).
import { z } from 'zod';
import type { AccessLevel, Restrictions } from '../policy';
import { ACCESS_LEVEL_LABELS, ACCESS_LEVELS, NO_RESTRICTIONS, RESTRICTIONS } from '../policy';
import type { BulkInvitationRow } from '../protocol/bulk-invitations';
import { bulkInvitationRowSchema } from '../protocol/bulk-invitations';

/** Longest cell kept from a list: anything longer is refused by the rules of its field anyway, and is cut to this. */
export const MAX_DRAFT_CELL = 1_000;

export const bulkInvitationDraftSchema = z.object({
  /** Where the row came from (its line in the pasted text or the file, a spreadsheet's row number), so a person finds it there. */
  line: z.number().int().positive(),
  email: z.string().max(MAX_DRAFT_CELL + 1),
  /** "Owner", "Manager" or "Agent" (any case); empty for the level chosen for the whole list. */
  level: z.string().max(MAX_DRAFT_CELL + 1),
  /** A team's name, or empty for none. */
  team: z.string().max(MAX_DRAFT_CELL + 1),
  /** Each restriction in words (restrictionWords()). */
  restrictions: z.array(z.string().max(MAX_DRAFT_CELL + 1)).max(50),
});
export type BulkInvitationDraft = z.infer<typeof bulkInvitationDraftSchema>;

/** What a row's check may find wrong, by the column a person sees. */
export type DraftColumn = 'email' | 'level' | 'team' | 'restrictions';
export type DraftProblems = Partial<Record<DraftColumn, string>>;
export type DraftCheck = { row: BulkInvitationRow; problems: null } | { row: null; problems: DraftProblems };

/** Compared without case, accents' forms, punctuation or an "R3 " in front (as the member export writes them). */
function wordsKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^\s*r\d\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function levelFromWords(text: string): AccessLevel | null {
  const key = wordsKey(text);
  return ACCESS_LEVELS.find((level) => wordsKey(ACCESS_LEVEL_LABELS[level]) === key) ?? null;
}

export function levelWords(level: AccessLevel): string {
  return ACCESS_LEVEL_LABELS[level];
}

interface RestrictionChoice {
  words: string;
  level: 'manager' | 'agent';
  switches: Partial<Restrictions>;
}

/** Every restriction a row may name, with the words the template and the screen use; R5 names its scope. */
export const RESTRICTION_CHOICES: readonly RestrictionChoice[] = RESTRICTIONS.flatMap((definition): RestrictionChoice[] =>
  definition.key === 'contactVisibility'
    ? [
        { words: `${definition.label}: team and self`, level: definition.level, switches: { contactVisibility: 'team_and_self' } },
        { words: `${definition.label}: self only`, level: definition.level, switches: { contactVisibility: 'self_only' } },
      ]
    : [{ words: definition.label, level: definition.level, switches: { [definition.key]: true } }],
);

/** Other ways of writing the same choice: the R5 scopes as the Edit dialog words them, a plural. */
const ALIASES: ReadonlyArray<[string, string]> = [
  ['Contacts assigned to their team and themselves', 'Restrict Contact Visibility: team and self'],
  ['Contacts assigned to themselves only', 'Restrict Contact Visibility: self only'],
  ['Integrations', 'Integration'],
];

const CHOICES_BY_KEY = new Map<string, RestrictionChoice>([
  ...RESTRICTION_CHOICES.map((choice): [string, RestrictionChoice] => [wordsKey(choice.words), choice]),
  ...ALIASES.map(([alias, words]): [string, RestrictionChoice] => [wordsKey(alias), RESTRICTION_CHOICES.find((choice) => choice.words === words) as RestrictionChoice]),
]);

/** The restrictions a level may be given, in words (what the screen offers for a row of that level). */
export function restrictionWordsFor(level: AccessLevel | null): string[] {
  return RESTRICTION_CHOICES.filter((choice) => level === null || choice.level === level).map((choice) => choice.words);
}

/** A member's restrictions in words, as a row writes them. */
export function restrictionWords(restrictions: Restrictions): string[] {
  return RESTRICTION_CHOICES.filter((choice) => Object.entries(choice.switches).every(([key, value]) => restrictions[key as keyof Restrictions] === value)).map(
    (choice) => choice.words,
  );
}

/** A Restrictions cell of a list: one or more restrictions, separated by ; or | (or commas, when the cell was quoted). */
export function splitRestrictionsCell(cell: string): string[] {
  return cell
    .split(/[;|,\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function restrictionsOf(words: readonly string[]): { restrictions: Restrictions; problem: string | null } {
  const restrictions: Restrictions = { ...NO_RESTRICTIONS };
  for (const word of words) {
    const key = wordsKey(word);
    if (key === wordsKey('Restrict Contact Visibility')) {
      return { restrictions, problem: 'Say which contacts: “Restrict Contact Visibility: team and self” or “Restrict Contact Visibility: self only”.' };
    }
    const choice = CHOICES_BY_KEY.get(key);
    if (!choice) return { restrictions, problem: `“${word.slice(0, 60)}” is not a restriction Gatehouse knows; use the names in the template.` };
    Object.assign(restrictions, choice.switches);
  }
  return { restrictions, problem: null };
}

/**
 * A row's check before anything is sent: its words read as values, then the
 * shared row schema. Whether the level may be invited by this person, and
 * whether the restrictions fit the level and the plan, is the hub's to say
 * (the preview); this says what no hub could accept.
 */
export function checkDraft(draft: BulkInvitationDraft): DraftCheck {
  const problems: DraftProblems = {};
  const { restrictions, problem } = restrictionsOf(draft.restrictions);
  if (problem) problems.restrictions = problem;
  const parsed = bulkInvitationRowSchema.safeParse({
    email: draft.email,
    level: levelFromWords(draft.level) ?? draft.level,
    team: draft.team.trim() === '' ? null : draft.team,
    restrictions,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = issue.path[0];
      if (column === 'email' || column === 'level' || column === 'team' || column === 'restrictions') problems[column] ??= sentence(issue.message);
    }
  }
  // A failed parse always names one of the columns: the row schema has no other field.
  return parsed.success && Object.keys(problems).length === 0 ? { row: parsed.data, problems: null } : { row: null, problems };
}

/**
 * A4/A5 on a list: an address written twice is invited once; each later
 * row says where the first one is (by its line). Answers, by position in
 * `rows`, the line of the earlier row with the same address.
 */
export function repeatedAddresses(rows: ReadonlyArray<{ line: number; email: string | null }>): Map<number, number> {
  const firstLine = new Map<string, number>();
  const repeated = new Map<number, number>();
  rows.forEach((row, index) => {
    if (row.email === null) return;
    const earlier = firstLine.get(row.email);
    if (earlier === undefined) firstLine.set(row.email, row.line);
    else repeated.set(index, earlier);
  });
  return repeated;
}

export function repeatedAddressWords(firstLine: number): string {
  return `The same address is on row ${firstLine.toLocaleString('en')} of this list; each person is invited once.`;
}
