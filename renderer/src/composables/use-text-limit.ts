// The hub's length limits on the inputs that feed it, counted as the hub counts
// them: in code points of the normalized text, so 100 emoji make a 100-character
// name here as there. A field gets its counter and a rule that refuses a longer
// text on the field, before anything is sent. (A native maxlength would count
// UTF-16 units and stop a name of 100 emoji at 50.)
import type { ValidationRule } from 'vuetify';
import { codePointLength, EMAIL_MAX_CODE_POINTS, NAME_MAX_CODE_POINTS, normalizeText, PHONE_MAX_CODE_POINTS, TEAM_NAME_MAX_CODE_POINTS } from '@shared/domain';

/** Each kind of text with its limit and how a person calls it ("a name"). */
const LIMITS = {
  name: { max: NAME_MAX_CODE_POINTS, called: 'A name' },
  teamName: { max: TEAM_NAME_MAX_CODE_POINTS, called: 'A team name' },
  email: { max: EMAIL_MAX_CODE_POINTS, called: 'An email address' },
  phone: { max: PHONE_MAX_CODE_POINTS, called: 'A phone number' },
} as const;

export type TextLimitKind = keyof typeof LIMITS;

/** Props for a v-text-field: bind with v-bind. */
export interface TextLimit {
  counter: number;
  counterValue: (value: unknown) => number;
  rules: ValidationRule[];
}

/** The length of a field's text as the hub will count it: code points, after NFC and trimming. */
export function textLength(value: unknown): number {
  return typeof value === 'string' ? codePointLength(normalizeText(value)) : 0;
}

export function useTextLimit(kind: TextLimitKind): TextLimit {
  const { max, called } = LIMITS[kind];
  const message = `${called} is at most ${max} characters`;
  return {
    counter: max,
    counterValue: textLength,
    rules: [(value: unknown) => textLength(value) <= max || message],
  };
}
