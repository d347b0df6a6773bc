/**
 * Answers of DNS lists decoded: each list's return codes (a table, a bitmask, DNSWL's category.trust pair)
 * and the rules every list shares, so that no answer can be read as a listing when it is not one:
 * - only IPv4 answers inside 127.0.0.0/8 are codes (RFC 5782 2.3); anything else is `unexpected` (a
 *   resolver that turns NXDOMAIN into an advertising address, say);
 * - answers in 127.255.255.0/24 are the lists' "query refused" codes (Spamhaus, and the lists that follow
 *   its convention): an error, never a listing, whatever a list's own table says.
 */
import { parseIp } from '../checks/iprev.js';
import type {
  BlocklistErrorReason,
  BlocklistListing,
  BlocklistWeight,
  BlocklistZone,
  DecodedAnswer,
} from './types.js';

export const listing = (tag: string, meaning: string, weight: BlocklistWeight): BlocklistListing => ({
  tag,
  meaning,
  weight,
});

/** 127.255.255.0/24: "your query was refused" (public resolver, over quota, bad query name). */
export const isRefusalAnswer = (address: string): boolean => address.startsWith('127.255.255.');

/** A code of a list: an IPv4 address in 127.0.0.0/8 (RFC 5782 2.3). */
export const isListCode = (address: string): boolean => {
  const ip = parseIp(address);
  return ip !== null && ip.family === 4 && ip.bytes[0] === 127 && ip.text === address;
};

export interface CodeTable {
  /** Answer address → what it means. */
  codes: Readonly<Record<string, BlocklistListing>>;
  /** The list's documented "query refused" codes besides 127.255.255.0/24 (URIBL and SURBL: 127.0.0.1). */
  refused?: readonly string[];
  /** Codes that say our query name was malformed (Spamhaus: 127.255.255.252; DBL: 127.0.1.255 = an IP was asked). */
  badQuery?: readonly string[];
  /**
   * Other answers under this prefix are listings whose code this table does not know yet (a list adds
   * codes over the years): still listings, with this weight. Answers outside it are `unexpected`.
   */
  unknown: { prefix: string; weight: BlocklistWeight; meaning?: string } | null;
}

/** A list whose every code has one fixed meaning (Spamhaus, SpamCop, Barracuda, ...). */
export function tableDecoder(table: CodeTable): (address: string) => DecodedAnswer {
  return (address) => {
    if (table.badQuery?.includes(address)) return { error: 'bad-query' };
    if (table.refused?.includes(address) || isRefusalAnswer(address)) return { error: 'refused' };
    const known = Object.hasOwn(table.codes, address) ? table.codes[address] : undefined;
    if (known) return { listings: [known] };
    if (table.unknown && address.startsWith(table.unknown.prefix))
      return { listings: [listing(address, table.unknown.meaning ?? 'unknown', table.unknown.weight)] };
    return { error: 'unexpected' };
  };
}

/** The last octet of 127.0.0.x (the bitmask lists), or null for any other address. */
function lastOctetOf(address: string, prefix: string): number | null {
  if (!address.startsWith(prefix)) return null;
  const last = Number(address.slice(prefix.length));
  return Number.isInteger(last) && last >= 0 && last <= 255 ? last : null;
}

/**
 * SURBL and URIBL multi: 127.0.0.x where each bit of x is one sub-list. x = 1 is "query refused"; bits no
 * table knows yet are one `unknown` listing with the list's weight for them.
 */
export function bitmaskDecoder(
  bits: ReadonlyArray<readonly [bit: number, BlocklistListing]>,
  unknownWeight: BlocklistWeight,
): (address: string) => DecodedAnswer {
  return (address) => {
    const mask = lastOctetOf(address, '127.0.0.');
    if (mask === null || mask === 0) return { error: 'unexpected' };
    if (mask === 1) return { error: 'refused' };
    const listings = bits.filter(([bit]) => mask & bit).map(([, meaning]) => meaning);
    const known = bits.reduce((all, [bit]) => all | bit, 1);
    if (mask & ~known) listings.push(listing(String(mask), 'unknown', unknownWeight));
    return { listings };
  };
}

/** DNSWL's trust levels (the last octet of 127.0.<category>.<trust>), https://www.dnswl.org/?page_id=15. */
const DNSWL_TRUST: readonly BlocklistListing[] = [
  listing('NONE', 'trust-none', 'info'),
  listing('LOW', 'trust-low', 'info'),
  listing('MED', 'trust-medium', 'info'),
  listing('HI', 'trust-high', 'info'),
];

/**
 * DNSWL (IP list.dnswl.org and domain dwl.dnswl.org): 127.0.<category>.<trust 0-3>; the category (business
 * sector) is not a judgement and is not shown. 127.0.0.255 means the query was blocked (over the free
 * volume, or through a public resolver).
 */
export function dnswlDecoder(address: string): DecodedAnswer {
  if (!address.startsWith('127.0.')) return { error: 'unexpected' };
  const [, , category, trust] = address.split('.').map(Number) as [number, number, number, number];
  if (trust === 255) return { error: 'refused' };
  if (category === 0 && trust === 0) return { error: 'unexpected' };
  const level = DNSWL_TRUST[trust];
  return level ? { listings: [level] } : { listings: [listing(address, 'unknown', 'info')] };
}

export interface DecodedResult {
  status: 'listed' | 'clean' | 'error';
  listings: BlocklistListing[];
  error: BlocklistErrorReason | null;
}

/**
 * The answers of one query, together: any error wins (a refused query says nothing about the target), and
 * the shared rules above hold for every list, an operator's own lists included.
 */
export function decodeAnswers(
  zone: Pick<BlocklistZone, 'decode'>,
  addresses: readonly string[],
): DecodedResult {
  const listings: BlocklistListing[] = [];
  for (const address of addresses) {
    const ip = parseIp(address);
    if (!ip || ip.family !== 4 || ip.bytes[0] !== 127) return fail('unexpected');
    const decoded = safeDecode(zone, ip.text);
    if ('error' in decoded) return fail(decoded.error);
    // However a table reads it, 127.255.255.0/24 is a refusal.
    if (isRefusalAnswer(ip.text)) return fail('refused');
    for (const item of decoded.listings) if (!listings.some((l) => l.tag === item.tag)) listings.push(item);
  }
  return listings.length
    ? { status: 'listed', listings, error: null }
    : { status: 'clean', listings: [], error: null };
}

const fail = (error: BlocklistErrorReason): DecodedResult => ({ status: 'error', listings: [], error });

function safeDecode(zone: Pick<BlocklistZone, 'decode'>, address: string): DecodedAnswer {
  try {
    return zone.decode(address);
  } catch {
    return { error: 'unexpected' };
  }
}

/** The heaviest weight among listings (null when there are none). */
export function heaviestWeight(listings: readonly BlocklistListing[]): BlocklistWeight | null {
  for (const weight of ['major', 'minor', 'info'] as const)
    if (listings.some((l) => l.weight === weight)) return weight;
  return null;
}

/**
 * A zone with its weights changed by the operator: one weight for every listing, or one per answer code
 * (codes not named keep theirs). Allowlists stay `info`: they never cost anything.
 */
export function reweighed(
  zone: BlocklistZone,
  weights: BlocklistWeight | Readonly<Record<string, BlocklistWeight>>,
): BlocklistZone {
  const { decode } = zone;
  const weightFor = (address: string): BlocklistWeight | null =>
    typeof weights === 'string' ? weights : Object.hasOwn(weights, address) ? weights[address]! : null;
  return {
    ...zone,
    decode(address) {
      const decoded = decode(address);
      const weight = weightFor(address);
      if ('error' in decoded || weight === null || zone.role === 'allow') return decoded;
      return { listings: decoded.listings.map((l) => ({ ...l, weight })) };
    },
  };
}
