// The addresses of this computer that other desktops might reach its hub on:
// every interface's non-internal IPv4 and IPv6 address (a LAN, a VPN, a
// container bridge...). Which one others can really reach only the person
// knows, so the app offers them all and never picks one as if it knew.
import { networkInterfaces } from 'node:os';
import type { NetworkInterfaceInfo } from 'node:os';
import type { ShareableAddress } from '../../shared/api/sharing-contract';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** IPv6 link-local addresses (fe80::/10) need a zone to be dialled, which a link cannot carry. */
function isLinkLocalV6(address: string): boolean {
  return /^fe[89ab]/i.test(address);
}

export function shareableAddresses(interfaces: Interfaces = networkInterfaces()): ShareableAddress[] {
  const found: ShareableAddress[] = [];
  for (const [name, entries] of Object.entries(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.internal) continue;
      if (entry.family === 'IPv6' && isLinkLocalV6(entry.address)) continue;
      if (found.some((each) => each.address === entry.address)) continue;
      found.push({ address: entry.address, family: entry.family === 'IPv6' ? 'IPv6' : 'IPv4', interfaceName: name });
    }
  }
  // IPv4 first: what people type and read most easily.
  return found.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1));
}

/** http://address:port, with an IPv6 address in brackets. */
export function hubUrlAt(address: string, port: number): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}
