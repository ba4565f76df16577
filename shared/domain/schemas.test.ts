// A5: malformed input is refused with a clear message; well-formed input is normalised.
import { describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../policy/restrictions';
import { editMemberInputSchema, inviteMemberInputSchema, revokeMemberInputSchema } from './inputs';
import { emailSchema, restrictionsSchema } from './schemas';

describe('A5: invitation input', () => {
  it('A5: a malformed email is refused with a readable message', () => {
    const result = inviteMemberInputSchema.safeParse({ email: 'not-an-email', level: 'agent' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Enter a valid email address, such as name@example.com');
  });

  it('A5: an unknown access level is refused', () => {
    const result = inviteMemberInputSchema.safeParse({ email: 'a@example.com', level: 'admin' });
    expect(result.error?.issues[0]?.message).toBe('Choose an access level: Owner, Manager or Agent');
  });

  it('A5: an unknown restriction is refused rather than ignored', () => {
    const result = inviteMemberInputSchema.safeParse({ email: 'a@example.com', level: 'agent', restrictions: { canSeeEverything: false } });
    expect(result.success).toBe(false);
  });

  it('emails are trimmed and lower-cased so duplicates are found whatever the case', () => {
    expect(emailSchema.parse('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
  });

  it('missing restrictions default to none', () => {
    expect(inviteMemberInputSchema.parse({ email: 'a@example.com', level: 'manager' }).restrictions).toEqual(NO_RESTRICTIONS);
    expect(restrictionsSchema.parse({ dataExport: true })).toEqual({ ...NO_RESTRICTIONS, dataExport: true });
  });
});

describe('E1/V2: edit and revoke input', () => {
  it('E1/E2: an edit carries a level, restrictions and the version it was made from, and nothing else', () => {
    expect(editMemberInputSchema.safeParse({ memberId: 'm1', level: 'agent', baseVersion: 3 }).success).toBe(true);
    expect(editMemberInputSchema.safeParse({ memberId: 'm1', level: 'agent', baseVersion: 3, email: 'new@example.com' }).success).toBe(false);
    expect(editMemberInputSchema.safeParse({ memberId: 'm1', level: 'agent' }).success).toBe(false);
  });

  it('V2: a revoke says where contacts go: nowhere (null) or to a member', () => {
    expect(revokeMemberInputSchema.safeParse({ memberId: 'm1', reassignContactsTo: null }).success).toBe(true);
    expect(revokeMemberInputSchema.safeParse({ memberId: 'm1', reassignContactsTo: 'm2' }).success).toBe(true);
    expect(revokeMemberInputSchema.safeParse({ memberId: 'm1' }).success).toBe(false);
  });
});
