// The account menu's words for the hub: where it is, and, for the hub this
// app runs, where its address comes from and who can reach it.
import type { SessionState } from '@shared/api/contract';

export function hubAddressNote(hub: NonNullable<SessionState['hub']>): string {
  if (!hub.isLocal) return `Hub: ${hub.url}`;
  switch (hub.urlSource) {
    case 'operator':
      return `Hub on this computer, at ${hub.url}: the public address set for this computer.`;
    case 'hub_settings':
      return `Hub on this computer, at ${hub.url}: the public address saved in Hub settings.`;
    case 'chosen':
      return `Hub on this computer, shared at ${hub.url}: the address you chose. Others must be able to reach it.`;
    default:
      return `Hub on this computer (${hub.url}): only this computer can reach it.`;
  }
}
