// A5: malformed input is refused with a clear message; well-formed input is normalised.
import { describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../policy/restrictions';
import { editMemberInputSchema, inviteMemberInputSchema, revokeMemberInputSchema } from './inputs';
import { displayNameSchema, emailSchema, phoneSchema, restrictionsSchema, teamNameSchema } from './schemas';
import { NAME_MAX_CODE_POINTS, TEAM_NAME_MAX_CODE_POINTS } from './text';
import { AVATAR_MAX_BYTES, avatarUploadSchema } from './avatar';

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

  it('issue 9.11: an edit names only the switches it changes; the others are not filled in as off', () => {
    expect(editMemberInputSchema.parse({ memberId: 'm1', level: 'agent', baseVersion: 3 }).restrictions).toBeUndefined();
    expect(editMemberInputSchema.parse({ memberId: 'm1', level: 'agent', baseVersion: 3, restrictions: { workflowsButton: true } }).restrictions).toEqual({
      workflowsButton: true,
    });
    expect(editMemberInputSchema.safeParse({ memberId: 'm1', level: 'agent', baseVersion: 3, restrictions: { canSeeEverything: false } }).success).toBe(false);
  });

  it('V2: a revoke says where contacts go: nowhere (null) or to a member', () => {
    expect(revokeMemberInputSchema.safeParse({ memberId: 'm1', reassignContactsTo: null }).success).toBe(true);
    expect(revokeMemberInputSchema.safeParse({ memberId: 'm1', reassignContactsTo: 'm2' }).success).toBe(true);
    expect(revokeMemberInputSchema.safeParse({ memberId: 'm1' }).success).toBe(false);
  });
});

describe('issue 9.3: well-formed text', () => {
  it('issue 9.3: names are NFC-normalized and trimmed, and their length is counted in code points', () => {
    expect(displayNameSchema.parse('  Jose\u0301 ')).toBe('José');
    expect(displayNameSchema.safeParse('😀'.repeat(NAME_MAX_CODE_POINTS)).success).toBe(true);
    expect(displayNameSchema.safeParse('é'.repeat(NAME_MAX_CODE_POINTS + 1)).error?.issues[0]?.message).toBe('A name is at most 100 characters');
    expect(teamNameSchema.safeParse('x'.repeat(TEAM_NAME_MAX_CODE_POINTS + 1)).success).toBe(false);
  });

  it('issue 9.3: lone surrogates, control characters and direction overrides are refused in plain words', () => {
    expect(displayNameSchema.safeParse('\uD800'.repeat(40)).error?.issues[0]?.message).toBe('Name contains a broken character; type it again');
    expect(displayNameSchema.safeParse('a\u0007b').error?.issues[0]?.message).toBe('Name cannot contain control characters or line breaks');
    expect(teamNameSchema.safeParse('evil\u202Etxt.exe').error?.issues[0]?.message).toBe(
      'Team name cannot contain characters that reverse the direction of text',
    );
    expect(emailSchema.safeParse('a\uDC00@example.com').success).toBe(false);
    expect(phoneSchema.safeParse('+1 555\u0000 0100').success).toBe(false);
  });

  it('issue 9.3: right-to-left names with plain direction marks stay allowed', () => {
    expect(displayNameSchema.parse('עברית\u200F')).toBe('עברית\u200F');
  });
});

describe('issue 9.4: avatar uploads', () => {
  const dataUrl = (type: string, bytes: number[]) => `data:image/${type};base64,${btoa(String.fromCharCode(...bytes))}`;

  it('issue 9.4: each image type is recognised by its first bytes', () => {
    expect(avatarUploadSchema.safeParse(dataUrl('png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])).success).toBe(true);
    expect(avatarUploadSchema.safeParse(dataUrl('gif', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1])).success).toBe(true);
    expect(avatarUploadSchema.safeParse(dataUrl('webp', [0x52, 0x49, 0x46, 0x46, 9, 9, 9, 9, 0x57, 0x45, 0x42, 0x50])).success).toBe(true);
    expect(avatarUploadSchema.safeParse(dataUrl('webp', [0x52, 0x49, 0x46, 0x46, 9, 9, 9, 9, 0x57, 0x41, 0x56, 0x45])).success).toBe(false);
    expect(avatarUploadSchema.safeParse(null).success).toBe(true);
  });

  it('issue 9.4: at most 64 KB decoded, refused in plain words', () => {
    const big = `\u00ff\u00d8\u00ff${'\u0000'.repeat(AVATAR_MAX_BYTES - 2)}`;
    const result = avatarUploadSchema.safeParse(`data:image/jpeg;base64,${btoa(big)}`);
    expect(result.error?.issues[0]?.message).toBe('An avatar image is at most 64 KB; choose a smaller one');
  });
});
