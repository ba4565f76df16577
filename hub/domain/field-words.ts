// The words for a request that does not have the right shape. A schema issue
// carries a field path ("input.level") and, unless the schema wrote its own,
// one of zod's messages ("Invalid option: expected one of …"), which name
// fields and values the way the code does; a person reads the answer (the app
// shows it), so both become words here.
import { RESTRICTIONS } from '../../shared/policy';

/** The field a path names, as a person calls it; restriction switches take their on-screen label. */
const FIELD_LABELS: ReadonlyMap<string, string> = new Map([
  ['id', 'Request number'],
  ['type', 'Kind of request'],
  ['mutationId', 'Change number'],
  ['since', 'Last change received'],
  ['input', 'Details'],
  ['input.email', 'Email address'],
  ['input.level', 'Access level'],
  ['input.restrictions', 'Restrictions'],
  ...RESTRICTIONS.map((definition): [string, string] => [`input.restrictions.${definition.key}`, `The “${definition.label}” restriction`]),
  ['input.memberId', 'Member'],
  ['input.baseVersion', 'Version of the member you edited'],
  ['input.reassignContactsTo', 'Member to move the contacts to'],
  // Issue 13.2, temporary access.
  ['input.accessUntil', 'End of access'],
  ['input.accessHeirId', 'Member to receive the contacts at the end'],
  ['days', 'Days of warning before access ends'],
  ['memberId', 'Member'],
  ['teamId', 'Team'],
  ['action', 'Kind of audit entry'],
  ['before', 'Page of the audit log'],
  ['limit', 'Number of audit entries'],
  ['name', 'Name'],
  ['contactId', 'Contact'],
  ['phone', 'Phone number'],
  ['email', 'Email address'],
  ['assigneeId', 'Assigned member'],
  ['field', 'Contact detail'],
  ['value', 'Value'],
  ['displayName', 'Name'],
  ['avatarDataUrl', 'Avatar'],
  ['preferences', 'Notification preferences'],
  ['preferences.scope', 'Whom to be told about'],
  ['preferences.memberIds', 'Members to be told about'],
  ['preferences.notifyOnline', 'Tell me when they come online'],
  ['preferences.notifyOffline', 'Tell me when they go offline'],
  // The HTTP calls' bodies (sign-in, accepting an invitation, passwords).
  ['password', 'Password'],
  ['token', 'Link'],
  ['currentPassword', 'Current password'],
  ['newPassword', 'New password'],
]);

/** What a schema issue gives us: zod's issue, reduced to what the words need. */
export interface SchemaIssue {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
  origin?: string;
}

// zod's own English messages; a schema's own message (written for people) starts otherwise.
const ZOD_DEFAULT = /^(?:Invalid|Too (?:big|small)|Unrecognized)\b/;

export function fieldLabel(path: ReadonlyArray<PropertyKey>): string | null {
  // Positions in a list ("memberIds.3") name the list's items; the list's label says enough.
  const named = path.filter((part): part is string => typeof part === 'string');
  return named.length === 0 ? null : (FIELD_LABELS.get(named.join('.')) ?? null);
}

function ownWords(issue: SchemaIssue): string {
  const isNumber = issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint';
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined$/.test(issue.message) ? 'it is missing' : 'it holds the wrong kind of value';
    case 'invalid_value':
      return 'it is not one of the choices';
    case 'unrecognized_keys':
      return 'it holds something this hub does not know';
    case 'too_small':
      return isNumber ? 'the number is too small' : 'it is too short';
    case 'too_big':
      return isNumber ? 'the number is too large' : 'it is too long';
    case 'invalid_format':
      return 'it is not written the way it should be';
    default:
      return 'it is not valid';
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** One issue as a sentence: the field's label, then what is wrong, in words ("Access level: it is not one of the choices."). */
export function issueInWords(issue: SchemaIssue | undefined, fallback: string): string {
  if (!issue) return fallback;
  const label = fieldLabel(issue.path);
  const isOwnMessage = !ZOD_DEFAULT.test(issue.message);
  if (isOwnMessage) {
    // A schema's own message usually names its field already ("Enter a valid email address"); a general one ("An id …") gets the label.
    const isNamed = label === null || issue.message.toLowerCase().includes(label.toLowerCase());
    return sentence(isNamed ? issue.message : `${label}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`);
  }
  const what = ownWords(issue);
  return sentence(label ? `${label}: ${what}` : `The request is not valid: ${what}`);
}
