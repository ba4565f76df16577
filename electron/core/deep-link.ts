// gatehouse://invite?hub=URL&token=TOKEN, the link on an invitation's page
// that opens the desktop app at the accept screen. The accept screen shows the
// hub's address for the person to judge, so the address must read as what it
// is: one with a user name before the host (http://trusted@elsewhere) is refused.
export interface InviteLink {
  hubUrl: string;
  token: string;
}

export function parseInviteLink(link: string): InviteLink | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'gatehouse:') return null;
  const route = `${url.hostname}${url.pathname}`.replace(/\/+$/, '');
  if (route !== 'invite') return null;
  const hubUrl = url.searchParams.get('hub') ?? '';
  const token = url.searchParams.get('token') ?? '';
  if (!/^https?:\/\/[^\s/]+/.test(hubUrl) || !/^[A-Za-z0-9_-]{20,200}$/.test(token) || hasUserInfo(hubUrl)) return null;
  return { hubUrl: hubUrl.replace(/\/+$/, ''), token };
}

function hasUserInfo(hubUrl: string): boolean {
  try {
    const url = new URL(hubUrl);
    return url.username !== '' || url.password !== '';
  } catch {
    return true;
  }
}

/** The invite link among a process's arguments (how Windows and Linux pass it). */
export function inviteLinkInArgs(args: readonly string[]): InviteLink | null {
  for (const arg of args) {
    const link = parseInviteLink(arg);
    if (link) return link;
  }
  return null;
}
