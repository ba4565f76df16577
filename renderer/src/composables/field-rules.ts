// A field's checks are the shared schema's, the same the core and the hub
// apply: a text refused there is refused on the field first, with the same
// words, shown under the field (Vuetify checks on input, on blur and on
// submit, every field at once). A text kind adds its counter.
import type { ValidationRule } from 'vuetify';
import type { ZodType } from 'zod';
import type { TextLimitKind } from './use-text-limit';
import { useTextLimit } from './use-text-limit';

/** Props for a v-text-field (bind with v-bind): the schema's rule, and the counter of its text kind. */
export interface FieldRules {
  rules: ValidationRule[];
  counter?: number;
  counterValue?: (value: unknown) => number;
}

/** The first problem the schema finds, in its own words, or true. */
export function schemaRule(schema: ZodType, options: { isOptional?: boolean } = {}): ValidationRule {
  return (value: unknown) => {
    if (options.isOptional && (value === '' || value === null || value === undefined)) return true;
    const checked = schema.safeParse(value);
    return checked.success || (checked.error.issues[0]?.message ?? 'Check this field');
  };
}

export function fieldRules(schema: ZodType, kind?: TextLimitKind, options: { isOptional?: boolean } = {}): FieldRules {
  const rules = [schemaRule(schema, options)];
  if (!kind) return { rules };
  const { counter, counterValue } = useTextLimit(kind);
  return { rules, counter, counterValue };
}
