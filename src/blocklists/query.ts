/**
 * What is asked of a list: the target's query name (RFC 5782: IPv4 reversed octets, IPv6 32 reversed
 * nibbles, a domain as it is) under the list's zone, and the target itself, parsed from user input.
 */
import { domainToASCII } from 'node:url';
import { nonPublicBlock, parseIp, type ParsedIp } from '../checks/iprev.js';
import type { BlocklistKind } from './types.js';

/** A target as queried: an IP in its canonical text form, or a lower-case ASCII (A-label) domain. */
export interface BlocklistTarget {
  kind: BlocklistKind;
  target: string;
}

/** RFC 1035 2.3.4: a name is at most 253 characters in text form, a label at most 63. */
const MAX_NAME = 253;
const MAX_LABEL = 63;
/** Longest input looked at (an IDN's Unicode form is shorter than its A-labels). */
const MAX_INPUT = 1_000;

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** IPv4: d.c.b.a.zone; IPv6: the 32 nibbles of the address, least significant first (RFC 5782 2.4). */
export function ipQueryName(ip: ParsedIp, zone: string): string {
  if (ip.family === 4) return `${[...ip.bytes].reverse().join('.')}.${zone}`;
  const nibbles = ip.bytes.flatMap((b) => [(b >> 4).toString(16), (b & 0xf).toString(16)]);
  return `${nibbles.reverse().join('.')}.${zone}`;
}

/** domain.zone, or null when the two together are longer than a DNS name may be. */
export function domainQueryName(domain: string, zone: string): string | null {
  const name = `${domain}.${zone}`;
  return name.length <= MAX_NAME ? name : null;
}

/**
 * A domain as lists hold it: A-labels (IDNs through node:url's domainToASCII), lower case, no trailing
 * dot, at least two labels of letters, digits and inner hyphens, a top-level label that is not a number;
 * null otherwise.
 */
export function blocklistDomain(input: string): string | null {
  const text = input.trim().replace(/\.$/, '');
  if (!text || text.length > MAX_INPUT) return null;
  const ascii = /^[\x21-\x7e]+$/.test(text) ? text.toLowerCase() : domainToASCII(text.toLowerCase());
  if (!ascii || ascii.length > MAX_NAME) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || /^\d+$/.test(labels.at(-1)!)) return null;
  return labels.every((label) => label.length <= MAX_LABEL && LABEL.test(label)) ? ascii : null;
}

/**
 * Parses user input ("192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1" → "192.0.2.1", "Example.COM",
 * "例え.jp" → "xn--r8jz45g.jp"); null when it is neither an IP address nor a domain name.
 */
export function parseBlocklistTarget(input: string): BlocklistTarget | null {
  if (input.length > MAX_INPUT) return null;
  const ip = parseIp(input);
  if (ip) return { kind: 'ip', target: ip.text };
  const domain = blocklistDomain(input);
  return domain ? { kind: 'domain', target: domain } : null;
}

/**
 * RFC 5782 §5: every DNSBL lists 127.0.0.2 as its test entry. Asking for it shows whether the lists answer
 * this resolver at all, so it is the one special address a single-target lookup asks.
 */
export const RFC5782_TEST_POINT = '127.0.0.2';

/**
 * Why an address is not worth asking a list about: it is private, loopback, link-local, multicast or
 * reserved (the lists hold only public addresses: 127.0.0.1 on a DNSBL means nothing). The block, e.g.
 * "10.0.0.0/8 (RFC 1918)", or null for a public address. The documentation ranges count as public, as
 * in the iprev check, so that examples and tests can use them.
 */
export function nonPublicAddress(address: string): string | null {
  const ip = parseIp(address);
  if (!ip) return null;
  const block = nonPublicBlock(ip);
  return block ? `${block.block} (${block.rfc})` : null;
}
