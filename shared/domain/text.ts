// The rules every piece of text a person types must meet before the hub keeps
// it: well-formed Unicode (no lone surrogates, which storage turns into
// replacement characters and which the other desktops' schemas then refuse),
// NFC-normalized and trimmed (so "é" typed two ways is one name), no control
// characters, and in names no bidirectional overrides (they can make a name
// read as another). Lengths count code points, the same way on every end, so
// the inputs' limits, the hub and the desktops agree.
import { z } from 'zod';

export const NAME_MAX_CODE_POINTS = 100;
export const TEAM_NAME_MAX_CODE_POINTS = 60;
export const EMAIL_MAX_CODE_POINTS = 254;
export const PHONE_MAX_CODE_POINTS = 30;

/** C0 and C1 controls and DEL; line feed only where a text may span lines. */
function isControl(codePoint: number, allowNewlines: boolean): boolean {
  if (codePoint === 0x0a) return !allowNewlines;
  return codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/** The Unicode line and paragraph separators break a line as a control would. */
const LINE_SEPARATORS = new Set([0x2028, 0x2029]);

function hasControl(text: string, allowNewlines: boolean): boolean {
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (isControl(codePoint, allowNewlines) || LINE_SEPARATORS.has(codePoint)) return true;
  }
  return false;
}

/** Embeddings, overrides and isolates (LRE..RLO, LRI..PDI); the plain marks LRM and RLM stay allowed. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: it must see halves). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** String.prototype.isWellFormed, which the ES2023 library the project compiles against does not declare yet. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Length as a person counts it: code points, so an emoji or a CJK character is one. */
export function codePointLength(text: string): number {
  return [...text].length;
}

/** NFC and without surrounding blanks: the form the hub stores, returns and shows. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').trim();
}

export interface TextRules {
  /** How the text is called in messages, lower case ("name", "team name"). */
  label: string;
  min: number;
  max: number;
  allowNewlines?: boolean;
  /** Names refuse bidirectional overrides; free text could allow them. */
  allowBidiControls?: boolean;
  /** The message for an empty text, when it should say more than "Enter a …". */
  emptyMessage?: string;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function withArticle(text: string): string {
  return `${/^[aeiou]/i.test(text) ? 'an' : 'a'} ${text}`;
}

/**
 * A string schema for text a person types: refuses malformed text with a
 * plain message and outputs it normalized (NFC, trimmed).
 */
export function wellFormedText(rules: TextRules) {
  const label = capitalized(rules.label);
  return z
    .string()
    .refine(isWellFormedText, { error: `${label} contains a broken character; type it again`, abort: true })
    .transform(normalizeText)
    .refine((text) => codePointLength(text) >= rules.min, {
      error: rules.emptyMessage ?? `Enter ${withArticle(rules.label)}`,
      abort: true,
    })
    .refine((text) => codePointLength(text) <= rules.max, {
      error: `${capitalized(withArticle(rules.label))} is at most ${rules.max} characters`,
      abort: true,
    })
    .refine((text) => !hasControl(text, rules.allowNewlines === true), { error: `${label} cannot contain control characters or line breaks`, abort: true })
    .refine((text) => rules.allowBidiControls === true || !BIDI_CONTROLS.test(text), {
      error: `${label} cannot contain characters that reverse the direction of text`,
    });
}
