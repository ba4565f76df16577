// The invitation email form's checks, from the hub's own schema: the same
// words, the same limits (the port's range, each text's length), shown on the
// field before anything is sent. A text over its length is said in words
// first, since the schema's own words for it are not for people.
import type { ZodType } from 'zod';
import { portTextSchema } from '@shared/api/hub-settings-contract';
import { mailSettingsInputSchema } from '@shared/domain';
import type { FieldRules } from '../../composables/field-rules';
import { schemaRule } from '../../composables/field-rules';

const shape = mailSettingsInputSchema.shape;

/** The most characters each text may have, as the schema says. */
export const MAIL_TEXT_LIMITS = {
  host: shape.host.maxLength ?? 253,
  user: shape.user.unwrap().maxLength ?? 320,
  password: shape.password.unwrap().unwrap().maxLength ?? 1000,
  from: shape.from.maxLength ?? 320,
} as const;

function limited(max: number, called: string, schema?: ZodType): FieldRules {
  const tooLong = (value: unknown) => String(value ?? '').length <= max || `${called} is at most ${max} characters`;
  return { rules: schema ? [tooLong, schemaRule(schema)] : [tooLong], counter: max };
}

/** A password's length is checked, never counted on screen. */
function secret(max: number): FieldRules {
  return { rules: [(value: unknown) => String(value ?? '').length <= max || `A password is at most ${max} characters`] };
}

export const MAIL_FIELD_RULES = {
  host: limited(MAIL_TEXT_LIMITS.host, 'A server name', shape.host),
  // The field may hand over its text or a number: checked as the text a person typed.
  port: {
    rules: [
      (value: unknown) => {
        const checked = portTextSchema.safeParse(String(value ?? ''));
        return checked.success || (checked.error.issues[0]?.message ?? 'Enter the port');
      },
    ],
  } satisfies FieldRules,
  user: limited(MAIL_TEXT_LIMITS.user, 'A user name'),
  password: secret(MAIL_TEXT_LIMITS.password),
  from: limited(MAIL_TEXT_LIMITS.from, 'A sender', shape.from),
};
