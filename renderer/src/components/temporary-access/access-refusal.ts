// Issue 13.2: a refusal of an end date or of its heir, shown on that field
// rather than at the foot of the dialog. The hub names the field by the
// input's path ("accessUntil: …", as the core's own check does), by its code
// (one about the end date or the heir), or by rule V4 (the last active Owner
// cannot be given an end date); anything else is the dialog's error.
import { ApiCallError } from '../../api/client';

export type AccessField = 'date' | 'heir';

export function accessFieldOfRefusal(failure: unknown): { field: AccessField; message: string } | null {
  if (!(failure instanceof ApiCallError)) return null;
  const path = /(?:^|\.)(accessUntil|accessHeirId): (.+)$/s.exec(failure.message);
  if (path?.[2]) return { field: path[1] === 'accessUntil' ? 'date' : 'heir', message: path[2] };
  if (failure.rule === 'V4' || /access_until|access_end/.test(failure.code)) return { field: 'date', message: failure.message };
  if (/heir/.test(failure.code) || failure.code === 'invalid_reassignment') return { field: 'heir', message: failure.message };
  return null;
}
