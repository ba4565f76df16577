// Who may read /metrics (issue 14.5). The figures say how busy the hub is and
// how many people are connected: by default only a scraper on the same
// machine (a loopback peer) reads them. The operator may also allow
// addresses or subnets (--metrics-allow) and a bearer token
// (GATEHOUSE_METRICS_TOKEN) for a Prometheus server elsewhere.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { addTrusted, ClientAddressResolver } from '../auth/client-address';
import { hashToken } from '../auth/tokens';

export interface MetricsAccessOptions {
  /** Addresses or subnets (like 10.0.0.0/8) whose requests may read /metrics, besides loopback. */
  allow?: string[];
  /** A secret that, sent as `Authorization: Bearer <token>`, lets any address read /metrics. */
  token?: string;
}

/** A request relayed by a proxy carries one of these: its peer (the proxy, often loopback) is not the reader. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export class MetricsAccess {
  private readonly allowed = new BlockList();
  private readonly tokenDigest: Buffer | null;
  /** With no trusted proxy it answers the peer itself (an IPv4 peer on an IPv6 socket as IPv4), never a forwarded address. */
  private readonly peers = new ClientAddressResolver();

  /** Throws with a plain sentence when an allowed entry is not an address or subnet. */
  constructor(options: MetricsAccessOptions = {}) {
    for (const entry of options.allow ?? []) {
      try {
        addTrusted(this.allowed, entry);
      } catch {
        throw new Error(`--metrics-allow needs an IP address or subnet (like 10.0.0.0/8), not "${entry}"`);
      }
    }
    this.tokenDigest = options.token ? digest(options.token) : null;
  }

  isAllowed(request: IncomingMessage): boolean {
    if (this.hasToken(request)) return true;
    // Through a proxy the peer says nothing about the reader: only a token lets a relayed request in.
    if (FORWARDING_HEADERS.some((header) => request.headers[header] !== undefined)) return false;
    const peer = this.peers.resolve(request);
    const family = isIP(peer);
    if (family === 0) return false;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    return LOOPBACK.check(peer, type) || this.allowed.check(peer, type);
  }

  private hasToken(request: IncomingMessage): boolean {
    if (!this.tokenDigest) return false;
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    // Compared as digests: equal lengths for timingSafeEqual, and no early exit that times the secret.
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), this.tokenDigest);
  }
}

function digest(text: string): Buffer {
  return Buffer.from(hashToken(text), 'hex');
}
