/**
 * Which addresses the link checker may connect to: only globally reachable unicast. Anything private,
 * loopback, link-local, CGNAT, multicast, unspecified, reserved or for documentation is refused, so a
 * message cannot make the service reach into the network it runs in (SSRF). The table follows IANA's
 * special-purpose address registries (RFC 6890 and the RFCs named per row).
 */
import { parseIp, type ParsedIp } from '../iprev.js';

export interface SpecialBlock {
  /** The block as written in its RFC. */
  block: string;
  rfc: string;
}

interface Block extends SpecialBlock {
  family: 4 | 6;
  bytes: number[];
  prefix: number;
}

const block = (cidr: string, rfc: string): Block => {
  const [address, prefix] = cidr.split('/');
  const ip = parseIp(address!)!;
  return { block: cidr, rfc, family: ip.family, bytes: ip.bytes, prefix: Number(prefix) };
};

// prettier-ignore
const NOT_GLOBAL: readonly Block[] = [
  block('0.0.0.0/8', 'RFC 1122'), // "this network", the unspecified 0.0.0.0 included
  block('10.0.0.0/8', 'RFC 1918'),
  block('100.64.0.0/10', 'RFC 6598'), // carrier-grade NAT
  block('127.0.0.0/8', 'RFC 1122'), // loopback
  block('169.254.0.0/16', 'RFC 3927'), // link-local (cloud metadata services live here)
  block('172.16.0.0/12', 'RFC 1918'),
  block('192.0.0.0/24', 'RFC 6890'), // IETF protocol assignments
  block('192.0.2.0/24', 'RFC 5737'), // documentation (TEST-NET-1)
  block('192.88.99.0/24', 'RFC 7526'), // deprecated 6to4 relay anycast
  block('192.168.0.0/16', 'RFC 1918'),
  block('198.18.0.0/15', 'RFC 2544'), // benchmarking
  block('198.51.100.0/24', 'RFC 5737'), // documentation (TEST-NET-2)
  block('203.0.113.0/24', 'RFC 5737'), // documentation (TEST-NET-3)
  block('224.0.0.0/4', 'RFC 5771'), // multicast
  block('240.0.0.0/4', 'RFC 1112'), // reserved, and 255.255.255.255 broadcast
  block('::/128', 'RFC 4291'), // unspecified
  block('::1/128', 'RFC 4291'), // loopback
  block('64:ff9b:1::/48', 'RFC 8215'), // local-use NAT64
  block('100::/64', 'RFC 6666'), // discard-only
  block('2001::/23', 'RFC 2928'), // IETF protocol assignments (Teredo, benchmarking, ORCHID)
  block('2001:db8::/32', 'RFC 3849'), // documentation
  block('2002::/16', 'RFC 3056'), // 6to4: the IPv4 address inside is not checked, so refuse
  block('3fff::/20', 'RFC 9637'), // documentation
  block('fc00::/7', 'RFC 4193'), // unique local
  block('fe80::/10', 'RFC 4291'), // link-local
  block('fec0::/10', 'RFC 3879'), // deprecated site-local
  block('ff00::/8', 'RFC 4291'), // multicast
];

/** 64:ff9b::/96 (RFC 6052): a DNS64 resolver's synthesized address; the IPv4 address in it decides. */
const NAT64 = block('64:ff9b::/96', 'RFC 6052');
/** Global unicast (RFC 4291 2.4): IPv6 addresses outside it are reserved or special. */
const GLOBAL_UNICAST = block('2000::/3', 'RFC 4291');
const RESERVED_V6: SpecialBlock = { block: '::/0 outside 2000::/3', rfc: 'RFC 4291' };

const inBlock = (ip: ParsedIp, range: Block): boolean => {
  if (ip.family !== range.family) return false;
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((ip.bytes[bit >> 3]! & mask) !== (range.bytes[bit >> 3]! & mask)) return false;
  }
  return true;
};

const describe = (range: Block): SpecialBlock => ({ block: range.block, rfc: range.rfc });

/** The special block an address is in, or null when it is globally reachable unicast (a fetch may go there). */
export function specialBlock(ip: ParsedIp): SpecialBlock | null {
  const listed = NOT_GLOBAL.find((range) => inBlock(ip, range));
  if (listed) return describe(listed);
  if (ip.family === 4) return null;
  if (inBlock(ip, NAT64)) {
    const v4 = ip.bytes.slice(12);
    return specialBlock({ family: 4, bytes: v4, text: v4.join('.') }) ? describe(NAT64) : null;
  }
  return inBlock(ip, GLOBAL_UNICAST) ? null : RESERVED_V6;
}

/** Address text → its special block, or null when public; unparseable text counts as special (refused). */
export function addressProblem(address: string): SpecialBlock | null {
  const ip = parseIp(address);
  if (!ip) return { block: 'not an IP address', rfc: '-' };
  return specialBlock(ip);
}
