// What the core sends for a hub request the renderer made. An invitation
// without an end date leaves `accessUntil` and `accessHeirId` out instead of
// sending them as null (the API's schema fills them in when it parses), so a
// hub older than temporary access (issue 13.2), whose invitation takes no such
// fields, still accepts it.
import type { HubRequestType } from '../../../shared/api/methods';

const ABSENT_WHEN_EMPTY: Partial<Record<HubRequestType, readonly string[]>> = {
  'member.invite': ['accessUntil', 'accessHeirId'],
};

export function hubRequestBody(type: HubRequestType, input: Record<string, unknown>): Record<string, unknown> {
  const fields = ABSENT_WHEN_EMPTY[type];
  if (!fields || input['accessUntil'] != null) return input;
  return Object.fromEntries(Object.entries(input).filter(([field, value]) => !(fields.includes(field) && value == null)));
}
