// Issue 10.5: the addresses offered for sharing are every non-internal IPv4
// and IPv6 address of every interface (LAN, VPN, container bridge), never a
// loopback or a link-local IPv6 one that a link cannot name.
import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { hubUrlAt, shareableAddresses } from './network-addresses';

const entry = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;

describe('issue 10.5: addresses of this computer', () => {
  it('issue 10.5: offers each interface\'s reachable addresses, IPv4 first, and nothing internal or link-local', () => {
    const found = shareableAddresses({
      lo: [entry('127.0.0.1', 'IPv4', true), entry('::1', 'IPv6', true)],
      eth0: [entry('fd00::2', 'IPv6'), entry('192.168.1.20', 'IPv4'), entry('fe80::1', 'IPv6')],
      tun0: [entry('10.8.0.2', 'IPv4')],
      docker0: [entry('172.17.0.1', 'IPv4')],
    });
    expect(found).toEqual([
      { address: '192.168.1.20', family: 'IPv4', interfaceName: 'eth0' },
      { address: '10.8.0.2', family: 'IPv4', interfaceName: 'tun0' },
      { address: '172.17.0.1', family: 'IPv4', interfaceName: 'docker0' },
      { address: 'fd00::2', family: 'IPv6', interfaceName: 'eth0' },
    ]);
  });

  it('issue 10.5: an IPv6 address goes in brackets in a hub address', () => {
    expect(hubUrlAt('fd00::2', 4717)).toBe('http://[fd00::2]:4717');
    expect(hubUrlAt('10.8.0.2', 4717)).toBe('http://10.8.0.2:4717');
  });
});
