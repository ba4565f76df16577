// gatehouse://invite?hub=URL&token=TOKEN, the link on an invitation's page
// that opens the desktop app at the accept screen.
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
  if (!/^https?:\/\/[^\s/]+/.test(hubUrl) || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
  return { hubUrl: hubUrl.replace(/\/+$/, ''), token };
}

/** The invite link among a process's arguments (how Windows and Linux pass it). */
export function inviteLinkInArgs(args: readonly string[]): InviteLink | null {
  for (const arg of args) {
    const link = parseInviteLink(arg);
    if (link) return link;
  }
  return null;
}
