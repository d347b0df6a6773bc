/**
 * Reverse DNS of the client IP: RFC 8601 2.7.3 "iprev", also called forward-confirmed reverse DNS
 * (FCrDNS). The IP's PTR names are looked up, and each name (at most LIMITS.maxPtrNames) must resolve
 * back to the IP (A for IPv4, AAAA for IPv6). All forward lookups run at once: the check costs two
 * round trips however many PTR names there are.
 */
import { isIP } from 'node:net';
import { LIMITS } from '../limits.js';
import { errorCode, isTransient } from '../dns/types.js';
import { domainOf, domainsAlign, normalizeDomain, organizationalDomain } from '../names/org-domain.js';
import type { AuthResult, IprevAuth } from '../report/types.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

// ---------------------------------------------------------------------------------------------
// IP addresses

export interface ParsedIp {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: number[];
  /** Canonical text: dotted quad, or RFC 5952 lower-case compressed IPv6. */
  text: string;
}

/** The bytes of a dotted quad that net.isIP accepted. */
const ipv4Bytes = (text: string): number[] => text.split('.').map(Number);

/** The bytes of IPv6 text that net.isIP accepted: "::" expanded, an embedded IPv4 tail as the last four. */
function ipv6Bytes(text: string): number[] {
  const lastColon = text.lastIndexOf(':');
  const tail = text.includes('.') ? ipv4Bytes(text.slice(lastColon + 1)) : [];
  const hex = tail.length ? `${text.slice(0, lastColon + 1)}0:0` : text;
  const [left, right] = hex.split('::');
  const groupsOf = (part: string | undefined) => (part ? part.split(':') : []);
  const head = groupsOf(left);
  const rest = groupsOf(right);
  const groups = [...head, ...Array<string>(8 - head.length - rest.length).fill('0'), ...rest];
  const bytes = groups.flatMap((g) => {
    const value = parseInt(g, 16);
    return [value >> 8, value & 0xff];
  });
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** The eight 16-bit groups of an IPv6 address. */
const groups16 = (bytes: number[]): number[] =>
  Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);

/** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
function ipv6Text(bytes: number[]): string {
  const groups = groups16(bytes);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * Parses an IPv4 or IPv6 address (a zone id such as %eth0 is dropped). IPv4-mapped IPv6 addresses
 * (::ffff:192.0.2.1) are the IPv4 address: that is the client, and its PTR lives in in-addr.arpa.
 */
export function parseIp(input: string): ParsedIp | null {
  const text = input.trim();
  // Node's test of what an address is (no leading zeros in IPv4; IPv6 zone syntax), as the CLI checks --ip.
  const family = isIP(text);
  if (family === 4) {
    const bytes = ipv4Bytes(text);
    return { family: 4, bytes, text: bytes.join('.') };
  }
  if (family !== 6) return null;
  const v6 = ipv6Bytes(text.replace(/%.*$/, ''));
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  if (mapped) {
    const bytes = v6.slice(12);
    return { family: 4, bytes, text: bytes.join('.') };
  }
  return { family: 6, bytes: v6, text: ipv6Text(v6) };
}

export const sameIp = (a: ParsedIp, b: ParsedIp): boolean =>
  a.family === b.family && a.bytes.every((byte, i) => byte === b.bytes[i]);

/** The name that holds the IP's PTR records: d.c.b.a.in-addr.arpa, or 32 reversed nibbles under ip6.arpa. */
export function reverseName(ip: ParsedIp): string {
  if (ip.family === 4) return `${[...ip.bytes].reverse().join('.')}.in-addr.arpa`;
  const nibbles = ip.bytes.flatMap((b) => [(b >> 4).toString(16), (b & 0xf).toString(16)]);
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

interface AddressBlock {
  /** The block, as written in its RFC. */
  block: string;
  rfc: string;
  family: 4 | 6;
  bytes: number[];
  prefix: number;
}

const block = (cidr: string, rfc: string): AddressBlock => {
  const [address, prefix] = cidr.split('/');
  const ip = parseIp(address!)!;
  return { block: cidr, rfc, family: ip.family, bytes: ip.bytes, prefix: Number(prefix) };
};

/**
 * Addresses no public mail server sends from: the client is on a private network, so reverse DNS
 * says nothing about its reputation. The documentation ranges (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24, 2001:db8::/32) are deliberately absent: examples and tests use them as public.
 */
const NON_PUBLIC_BLOCKS: readonly AddressBlock[] = [
  block('0.0.0.0/8', 'RFC 1122'), // "this network", including the unspecified 0.0.0.0
  block('10.0.0.0/8', 'RFC 1918'),
  block('100.64.0.0/10', 'RFC 6598'), // carrier-grade NAT
  block('127.0.0.0/8', 'RFC 1122'), // loopback
  block('169.254.0.0/16', 'RFC 3927'), // link-local
  block('172.16.0.0/12', 'RFC 1918'),
  block('192.168.0.0/16', 'RFC 1918'),
  block('224.0.0.0/4', 'RFC 5771'), // multicast: never a client
  block('240.0.0.0/4', 'RFC 1112'), // reserved, and the broadcast address
  block('::/128', 'RFC 4291'), // unspecified
  block('::1/128', 'RFC 4291'), // loopback
  block('fc00::/7', 'RFC 4193'), // unique local
  block('fe80::/10', 'RFC 4291'), // link-local
  block('ff00::/8', 'RFC 4291'), // multicast
];

const inBlock = (ip: ParsedIp, range: AddressBlock): boolean => {
  if (ip.family !== range.family) return false;
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((ip.bytes[bit >> 3]! & mask) !== (range.bytes[bit >> 3]! & mask)) return false;
  }
  return true;
};

export const nonPublicBlock = (ip: ParsedIp): AddressBlock | null =>
  NON_PUBLIC_BLOCKS.find((range) => inBlock(ip, range)) ?? null;

// ---------------------------------------------------------------------------------------------
// Host names

export type HostnameProblem = 'too-long' | 'invalid-characters' | 'not-fqdn' | 'localhost';

/**
 * What keeps a name from being a host's fully qualified domain name (RFC 5321 4.1.2 Domain: labels
 * of letters, digits and inner hyphens, 1-63 octets each, at most 253 in all), or null when it is one.
 * One trailing dot is tolerated. "localhost" names are valid syntax but name no host on the Internet.
 */
export function hostnameProblem(name: string): HostnameProblem | null {
  const host = name.endsWith('.') ? name.slice(0, -1) : name;
  if (host.length > 253) return 'too-long';
  const labels = host.split('.');
  const ldh = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
  if (!labels.every((label) => ldh.test(label))) return 'invalid-characters';
  const lower = host.toLowerCase();
  if (lower === 'localhost' || lower === 'localhost.localdomain' || lower.endsWith('.localhost'))
    return 'localhost';
  // RFC 5321 2.3.5: only fully qualified names; an all-numeric top label is an IP, not a name.
  if (labels.length < 2 || /^[0-9]+$/.test(labels.at(-1)!)) return 'not-fqdn';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Generic (dynamic-looking) PTR names

/**
 * Words ISPs and hosting providers put in the PTR names of dial-up, DSL, cable, mobile and pooled
 * addresses. Matched as whole labels or label parts (split at "." "-" "_"), optionally followed by
 * digits ("dsl12", "pool-7"), and only left of the organizational domain, so a company that happens
 * to be called pool.example is not flagged for its mail.pool.example.
 */
// prettier-ignore
const GENERIC_WORDS: readonly string[] = [
  'dynamic', 'dyn', 'dynip', 'dip',
  'dsl', 'adsl', 'vdsl', 'xdsl', 'sdsl',
  'pool', 'dhcp', 'dial', 'dialup', 'dialin', 'ppp', 'pppoe', 'pppoa',
  'cable', 'cablemodem', 'catv', 'modem', 'cpe',
  'client', 'clients', 'cust', 'customer', 'customers', 'subscriber', 'subscribers', 'user', 'users',
  'broadband', 'residential', 'resnet', 'ftth', 'fttx', 'fttc', 'fttp',
  'mobile', 'wireless', 'wlan', 'gprs', 'lte',
  'unassigned', 'unknown', 'unused', 'nat',
];

const GENERIC_WORD = new RegExp(`^(${GENERIC_WORDS.join('|')})[0-9]*$`);

const SEP = '[-._]';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The written forms of an IPv4 address that generic PTR names use, as regular-expression sources. */
function ipv4Forms(bytes: number[]): string[] {
  const octets = (list: number[]) => list.map((b) => `0{0,2}${b}`).join(SEP);
  const padded = (list: number[]) => list.map((b) => String(b).padStart(3, '0')).join('');
  const reversed = [...bytes].reverse();
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  const integer = String(((bytes[0]! << 24) >>> 0) + (bytes[1]! << 16) + (bytes[2]! << 8) + bytes[3]!);
  return [
    `(?<![0-9])${octets(bytes)}(?![0-9])`, // 192-0-2-1, 192.0.2.1, 192_000_002_001
    `(?<![0-9])${octets(reversed)}(?![0-9])`, // 1.2.0.192 (reverse order, as in-addr.arpa)
    `(?<![0-9])${octets(bytes.slice(1))}(?![0-9])`, // 0-2-1: the last three octets
    `(?<![0-9])${octets(reversed.slice(0, 3))}(?![0-9])`, // 1-2-0
    `(?<![0-9])(${padded(bytes)}|${padded(reversed)})(?![0-9])`, // 192000002001
    `(?<![0-9a-f])${hex}(?![0-9a-f])`, // c0000201
    `(?<![0-9])${integer}(?![0-9])`, // 3221225985
  ];
}

/** The written forms of an IPv6 address in generic PTR names. */
function ipv6Forms(ip: ParsedIp): string[] {
  const groups = groups16(ip.bytes).map((g) => g.toString(16));
  const hex = ip.bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  const bound = (s: string) => `(?<![0-9a-f])${s}(?![0-9a-f])`;
  return [
    bound(groups.map((g) => `0{0,3}${g}`).join(SEP)), // 2001-db8-0-0-0-0-0-1
    bound(hex), // 20010db8000000000000000000000001
    bound(escapeRe(ip.text).replace(/:/g, SEP)), // 2001-db8--1
    bound(
      groups
        .slice(4)
        .map((g) => `0{0,3}${g}`)
        .join(SEP),
    ), // the interface identifier: 0-0-0-1
  ];
}

/**
 * Why a PTR name looks generic: the part of it that spells the IP, and the generic words in it, as
 * written in the name (empty when it looks like a named server).
 */
export function genericSigns(name: string, ip: ParsedIp): string[] {
  const host = name.toLowerCase().replace(/\.$/, '');
  if (!host || host.length > 253) return [];
  const signs: string[] = [];
  const forms = ip.family === 4 ? ipv4Forms(ip.bytes) : ipv6Forms(ip);
  for (const form of forms) {
    const spelled = new RegExp(form).exec(host);
    if (spelled) {
      signs.push(spelled[0]);
      break;
    }
  }
  const org = organizationalDomain(host);
  const hostPart = host.endsWith(`.${org}`) ? host.slice(0, host.length - org.length - 1) : '';
  for (const word of hostPart.split(/[-._]+/)) {
    if (word && GENERIC_WORD.test(word) && !signs.includes(word)) signs.push(word);
  }
  return signs;
}

// ---------------------------------------------------------------------------------------------
// The check

/** What a forward lookup of one PTR name said about the IP. */
type Confirmation = 'match' | 'no-match' | 'unknown';

interface ForwardResult {
  name: string;
  confirmation: Confirmation;
  addresses: string[];
  /** The DNS error code when the lookup failed. */
  error: string | null;
}

async function confirmName(
  ctx: Pick<CheckContext, 'dns'>,
  name: string,
  ip: ParsedIp,
): Promise<ForwardResult> {
  try {
    const addresses = await ctx.dns.records(name, ip.family === 4 ? 'A' : 'AAAA');
    const matches = addresses.some((address) => {
      const parsed = parseIp(address);
      return parsed !== null && sameIp(parsed, ip);
    });
    // Only a few addresses are kept for the report: a hostile zone may return hundreds.
    return {
      name,
      confirmation: matches ? 'match' : 'no-match',
      addresses: addresses.slice(0, 8),
      error: null,
    };
  } catch (err) {
    return {
      name,
      confirmation: isTransient(err) ? 'unknown' : 'no-match',
      addresses: [],
      error: errorCode(err),
    };
  }
}

/** PTR names as we compare them: lower case, no trailing dot, unique, at most LIMITS.maxPtrNames. */
function ptrNamesOf(records: readonly string[]): string[] {
  const names: string[] = [];
  for (const record of records) {
    const name = String(record).trim().toLowerCase().replace(/\.$/, '');
    if (name && !names.includes(name)) names.push(name);
    if (names.length === LIMITS.maxPtrNames) break;
  }
  return names;
}

/** The sender's organizational domain, for the names our fixes suggest: From first, else MAIL FROM. */
export function senderDomain(ctx: CheckContext): string | null {
  const domain =
    ctx.message.from[0]?.domain || domainOf(ctx.message.from[0]?.address) || domainOf(ctx.envelope.mailFrom);
  const org = domain ? organizationalDomain(domain) : '';
  return org || null;
}

/**
 * The host name a fix proposes for the server's PTR and HELO: the HELO name when it is a valid name
 * in the sender's own domain (then PTR, A and HELO all agree), else mail.<sender's domain>.
 */
export function suggestedHost(ctx: CheckContext): string {
  const domain = senderDomain(ctx);
  const helo = normalizeDomain(ctx.envelope.helo ?? '');
  if (domain && helo !== domain && hostnameProblem(helo) === null && domainsAlign(helo, domain)) return helo;
  return `mail.${domain ?? 'example.com'}`;
}

/** A result without confirmed names. */
const none = (result: AuthResult): IprevAuth => ({
  result,
  ptr: [],
  fcrdns: false,
  confirmed: [],
  generic: false,
});

export async function checkIprev(ctx: CheckContext): Promise<CheckOutput<IprevAuth>> {
  const ip = parseIp(ctx.envelope.clientIp);
  // The entry points validate --ip; an unparseable one here is not something DNS can judge.
  if (!ip) return { result: none('permerror'), findings: [] };
  const range = nonPublicBlock(ip);
  if (range) {
    return {
      result: none('none'),
      findings: [{ id: 'iprev.not-public', params: { ip: ip.text, block: range.block, rfc: range.rfc } }],
    };
  }
  try {
    return await lookUpIprev(ctx, ip, suggestedHost(ctx), senderDomain(ctx));
  } catch (err) {
    // Never throw out of a check: anything unexpected leaves the answer unknown.
    const params = { ip: ip.text, reverseName: reverseName(ip), error: errorCode(err) };
    return { result: none('temperror'), findings: [{ id: 'iprev.temperror', params }] };
  }
}

/**
 * PTR names of a public IP and their forward confirmation, with the iprev findings. `host` and `domain` are
 * the names the fixes propose (exported for the domain audit, which has no message to take them from).
 */
export async function lookUpIprev(
  ctx: Pick<CheckContext, 'dns'>,
  ip: ParsedIp,
  host: string,
  domain: string | null,
): Promise<CheckOutput<IprevAuth>> {
  const reverse = reverseName(ip);
  const addressType = ip.family === 4 ? 'A' : 'AAAA';
  const base = { ip: ip.text, reverseName: reverse, host, addressType, domain };

  let records: string[];
  try {
    records = await ctx.dns.records(reverse, 'PTR');
  } catch (err) {
    if (isTransient(err)) {
      const params = { ...base, error: errorCode(err) };
      return { result: none('temperror'), findings: [{ id: 'iprev.temperror', params }] };
    }
    return { result: none('permerror'), findings: [{ id: 'iprev.no-ptr', params: base }] };
  }
  const names = ptrNamesOf(records);
  if (names.length === 0) {
    // PTR records that hold no usable name (only the root) publish nothing to confirm.
    return { result: none('permerror'), findings: [{ id: 'iprev.no-ptr', params: base }] };
  }

  const forward = await Promise.all(names.map((name) => confirmName(ctx, name, ip)));
  const confirmed = forward.filter((f) => f.confirmation === 'match').map((f) => f.name);
  const result: AuthResult = confirmed.length
    ? 'pass'
    : forward.some((f) => f.confirmation === 'unknown')
      ? 'temperror'
      : 'fail';

  const findings: Finding[] = [];
  const ptrParams = { ...base, ptr: names, name: confirmed[0] ?? names[0]! };
  if (result === 'pass') {
    findings.push({ id: 'iprev.pass', params: { ...ptrParams, confirmed } });
  } else if (result === 'temperror') {
    const failed = forward.find((f) => f.confirmation === 'unknown')!;
    findings.push({
      id: 'iprev.temperror',
      params: { ...ptrParams, name: failed.name, error: failed.error },
    });
  } else {
    const addresses = [...new Set(forward.flatMap((f) => f.addresses))];
    findings.push({ id: 'iprev.not-confirmed', params: { ...ptrParams, addresses } });
  }

  // The names a receiver goes by: the confirmed ones when there are any.
  const judged = confirmed.length ? confirmed : names;
  const generic = judged
    .map((name) => ({ name, signs: genericSigns(name, ip) }))
    .filter((g) => g.signs.length > 0);
  if (generic.length) {
    const signs = [...new Set(generic.flatMap((g) => g.signs))];
    findings.push({ id: 'iprev.generic', params: { ...ptrParams, name: generic[0]!.name, signs } });
  }

  return {
    result: { result, ptr: names, fcrdns: result === 'pass', confirmed, generic: generic.length > 0 },
    findings,
  };
}
