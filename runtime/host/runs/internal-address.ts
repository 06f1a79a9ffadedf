/**
 * The addresses that belong to the host's own network: loopback, private, link-local, shared,
 * benchmarking, multicast and reserved ranges (the cloud metadata address 169.254.169.254 among them).
 */
import { BlockList, isIP } from 'node:net';

const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(net, bits, 'ipv6');

/** Whether an IP address belongs to the host's own or a private network (anything not an IP counts as internal). */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // BlockList checks IPv4-mapped IPv6 (::ffff:127.0.0.1, ::ffff:7f00:1) against the IPv4 ranges.
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The IP address a URL names literally (brackets of IPv6 removed), or undefined for a host name. */
export function literalAddress(url: URL): string | undefined {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(hostname) ? hostname : undefined;
}
