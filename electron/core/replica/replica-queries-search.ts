// What a search box's text means to the replica: a substring of the name or
// of the email, with case folded as the FTS5 index folds it (one definition
// for every path). Three characters or more go through the trigram index;
// one or two cannot (a trigram needs three), so those scan the workspace's
// name index with a LIKE or GLOB pattern, which SQLite runs in C. Every
// index hit is checked with the same pattern on the row itself.
//
// Typed text never reaches SQL as syntax: the FTS5 query is one quoted string
// (quotes doubled), so *, NEAR, AND, column filters and parentheses are plain
// characters, the GLOB pattern puts *, ? and [ inside a class, and the LIKE
// pattern escapes %, _ and its escape character.
import { isWellFormedText } from '../../../shared/domain/text';
import { caseVariants } from './replica-queries-fold';

/** How a row is checked against the search: a pattern over each searched column, with SQL's LIKE or GLOB. */
export interface SearchCheck {
  operator: 'LIKE' | 'GLOB';
  pattern: string;
}

export type SearchPlan =
  /** No search: every row. */
  | { kind: 'everything' }
  /** Text no stored name or email can contain: no row, without asking SQLite. */
  | { kind: 'nothing' }
  /** One or two characters: scan, checking each row. */
  | { kind: 'scan'; check: SearchCheck }
  /** Three or more: the trigram index finds the candidates, `check` decides. */
  | { kind: 'index'; match: string; check: SearchCheck };

/** The trigram tokenizer indexes runs of three characters. */
const TRIGRAM = 3;

/** GLOB's own syntax outside a class; inside one, each is a plain character. */
const GLOB_SPECIAL = new Set(['*', '?', '[']);

function globClass(character: string): string {
  const variants = caseVariants(character);
  if (variants.length === 1) return GLOB_SPECIAL.has(character) ? `[${character}]` : character;
  // Variants are letters only (no ], ^ or - among them), so the class needs no escaping.
  return `[${variants.join('')}]`;
}

/** A GLOB pattern matching any text that contains `needle`, case folded as FTS5 folds it. */
export function containsGlob(needle: string): string {
  let pattern = '*';
  for (const character of needle) pattern += globClass(character);
  return `${pattern}*`;
}

/** An FTS5 query for the exact phrase `needle`: one string, in which nothing is syntax. */
export function phraseQuery(needle: string): string {
  return `"${needle.replaceAll('"', '""')}"`;
}

/** LIKE folds ASCII letters and nothing else; FTS5 also folds ſ to s and the Kelvin sign to k. */
const LIKE_FOLDS_AS_FTS5 = /^[\x20-\x7e]*$/;
const FOLDED_FROM_OUTSIDE_ASCII = /[sk]/i;

/** LIKE's own syntax, escaped with a backslash (the queries say ESCAPE '\'). */
function likePattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * LIKE where it folds exactly as FTS5 does (printable ASCII without s or k),
 * which SQLite runs about twice as fast as a GLOB of character classes.
 */
function searchCheck(needle: string): SearchCheck {
  if (LIKE_FOLDS_AS_FTS5.test(needle) && !FOLDED_FROM_OUTSIDE_ASCII.test(needle)) return { operator: 'LIKE', pattern: likePattern(needle) };
  return { operator: 'GLOB', pattern: containsGlob(needle) };
}

/**
 * The plan for a search box's text. The text is taken as the Users page took
 * it (surrounding blanks ignored), NFC-normalized as every stored name is.
 * Broken text (a lone surrogate) and NUL (which would end a pattern early)
 * are in no stored name or email.
 */
export function planSearch(text: string): SearchPlan {
  if (!isWellFormedText(text) || text.includes('\u0000')) return { kind: 'nothing' };
  const needle = text.normalize('NFC').trim();
  if (needle === '') return { kind: 'everything' };
  const check = searchCheck(needle);
  return [...needle].length < TRIGRAM ? { kind: 'scan', check } : { kind: 'index', match: phraseQuery(needle), check };
}
