// The address a request comes from, for rate limits. Behind a reverse proxy
// every request's peer is the proxy, so the proxy's X-Forwarded-For names the
// client; but anyone can send that header, so it is read only when the peer is
// one of the proxies the operator named (--trusted-proxy), and then from the
// right: the right-most address that is not itself a trusted proxy is the
// first one no trusted hop could have been handed by the client.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

export class ClientAddressResolver {
  private readonly trusted = new BlockList();
  readonly hasTrustedProxies: boolean;

  /** `proxies`: addresses (127.0.0.1, ::1) or subnets (10.0.0.0/8). */
  constructor(proxies: readonly string[] = []) {
    for (const proxy of proxies) addTrusted(this.trusted, proxy);
    this.hasTrustedProxies = proxies.length > 0;
  }

  resolve(request: IncomingMessage): string {
    const peer = normalize(request.socket.remoteAddress ?? 'unknown');
    if (!this.isTrusted(peer)) return peer;
    const header = request.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((hop) => normalize(hop.trim()))
      .filter((hop) => hop !== '');
    for (let index = hops.length - 1; index >= 0; index -= 1) {
      const hop = hops[index] ?? '';
      // Something that is not an address cannot be trusted to name anyone: stop at the last good hop.
      if (isIP(hop) === 0) return hops[index + 1] ?? peer;
      if (!this.isTrusted(hop)) return hop;
    }
    return hops[0] ?? peer;
  }

  private isTrusted(address: string): boolean {
    const family = isIP(address);
    if (family === 0 || !this.hasTrustedProxies) return false;
    return this.trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** Checks one --trusted-proxy value; throws with a plain sentence when it is not an address or subnet. */
export function addTrusted(list: BlockList, proxy: string): void {
  const [address = '', prefix] = proxy.trim().split('/');
  const family = isIP(address);
  if (family === 0) throw new Error(`--trusted-proxy needs an IP address or subnet (like 10.0.0.0/8), not "${proxy}"`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) return list.addAddress(address, type);
  const bits = Number(prefix);
  if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
    throw new Error(`--trusted-proxy has a subnet size that does not fit: "${proxy}"`);
  }
  list.addSubnet(address, bits, type);
}

/** An IPv4 client seen through an IPv6 socket is the same client. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
