import { describe, expect, it } from 'vitest';
import { inviteLinkInArgs, parseInviteLink } from './deep-link';

const token = 'A'.repeat(43);

describe('A2: gatehouse:// invitation links', () => {
  it('reads the hub and the token', () => {
    expect(parseInviteLink(`gatehouse://invite?hub=${encodeURIComponent('http://10.0.0.5:4717/')}&token=${token}`)).toEqual({
      hubUrl: 'http://10.0.0.5:4717',
      token,
    });
  });

  it('refuses other schemes, routes, hubs and malformed tokens', () => {
    for (const link of [
      `https://invite?hub=http://h&token=${token}`,
      `gatehouse://settings?hub=http://h&token=${token}`,
      `gatehouse://invite?hub=file:///etc/passwd&token=${token}`,
      'gatehouse://invite?hub=http://h&token=short',
      'not a url',
    ]) {
      expect(parseInviteLink(link)).toBeNull();
    }
  });

  it('issue 9.6: refuses a hub address that hides its real host behind a user name', () => {
    for (const hub of ['http://trusted.example@elsewhere.example', 'https://user:secret@elsewhere.example:4717']) {
      expect(parseInviteLink(`gatehouse://invite?hub=${encodeURIComponent(hub)}&token=${token}`)).toBeNull();
    }
  });

  it('finds the link among command-line arguments', () => {
    expect(inviteLinkInArgs(['/usr/bin/gatehouse', '--flag', `gatehouse://invite?hub=http://h:1&token=${token}`])).toEqual({ hubUrl: 'http://h:1', token });
  });
});
