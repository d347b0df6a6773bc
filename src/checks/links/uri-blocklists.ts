/**
 * URI blocklists: the registered domains of a message's links looked up on Spamhaus DBL, SURBL multi
 * and URIBL multi, as every large receiver and SpamAssassin do. The zones and their return codes are
 * in the one table below, each code with what it means and whether it weighs "major" (the domain is
 * a spam, phishing or malware domain: receivers reject or junk) or "minor" (a legitimate domain that
 * was abused, or a list that only suspects).
 *
 * "Query refused" answers (Spamhaus 127.255.255.x; SURBL and URIBL 127.0.0.1) are errors, never
 * listings: they mean the lists refuse our resolver, typically a public or forwarding one.
 */
import type { DnsSession } from '../../dns/session.js';
import { DnsError, isNoRecords } from '../../dns/types.js';
import { LIMITS } from '../../limits.js';
import type { Finding } from '../types.js';
import { parseIp } from '../iprev.js';

export type ListingWeight = 'major' | 'minor';

/** Coded meanings of return codes (words in src/i18n/{en,ja}/links.ts, `meaning`). */
export type ListingMeaning =
  | 'spam'
  | 'phish'
  | 'malware'
  | 'botnet'
  | 'abused-spam'
  | 'abused-redirector'
  | 'abused-phish'
  | 'abused-malware'
  | 'abused-botnet'
  | 'abuse'
  | 'cracked'
  | 'black'
  | 'grey'
  | 'red'
  | 'unknown';

export type ZoneErrorReason = 'refused' | 'bad-query' | 'timeout' | 'dns-error' | 'unexpected';

export interface Listing {
  meaning: ListingMeaning;
  weight: ListingWeight;
  /** The code as the list names it (e.g. 127.0.1.4, PH, black): shown to the sender as it is. */
  tag: string;
}

type Decoded = { listings: Listing[] } | { error: ZoneErrorReason };

export interface UriZone {
  zone: string;
  /** The zone's name for people. */
  name: string;
  /** Decodes one answer address (127.x.y.z). */
  decode(address: string): Decoded;
}

const listing = (meaning: ListingMeaning, weight: ListingWeight, tag: string): Listing => ({
  meaning,
  weight,
  tag,
});

/** The last octet of 127.0.0.x (the bitmask lists), or null for any other address. */
function bitmaskOf(address: string, prefix: string): number | null {
  if (!address.startsWith(prefix)) return null;
  const last = Number(address.slice(prefix.length));
  return Number.isInteger(last) && last >= 0 && last <= 255 ? last : null;
}

/** Spamhaus DBL return codes (https://docs.spamhaus.com/datasets/docs/source/10-data-type-documentation/datasets/030-datasets.html). */
const DBL_CODES: Readonly<Record<string, Listing>> = {
  '127.0.1.2': listing('spam', 'major', '127.0.1.2'),
  '127.0.1.4': listing('phish', 'major', '127.0.1.4'),
  '127.0.1.5': listing('malware', 'major', '127.0.1.5'),
  '127.0.1.6': listing('botnet', 'major', '127.0.1.6'),
  '127.0.1.102': listing('abused-spam', 'minor', '127.0.1.102'),
  '127.0.1.103': listing('abused-redirector', 'minor', '127.0.1.103'),
  '127.0.1.104': listing('abused-phish', 'minor', '127.0.1.104'),
  '127.0.1.105': listing('abused-malware', 'minor', '127.0.1.105'),
  '127.0.1.106': listing('abused-botnet', 'minor', '127.0.1.106'),
};

function decodeDbl(address: string): Decoded {
  const known = DBL_CODES[address];
  if (known) return { listings: [known] };
  // 127.0.1.255: an IP was queried (not allowed); 127.255.255.252: malformed query name.
  if (address === '127.0.1.255' || address === '127.255.255.252') return { error: 'bad-query' };
  // 127.255.255.254: query through a public resolver; 127.255.255.255: too many queries.
  if (address.startsWith('127.255.255.')) return { error: 'refused' };
  // A code Spamhaus added after this table: still a listing, weighed as a listing of the domain itself.
  if (address.startsWith('127.0.1.')) return { listings: [listing('unknown', 'major', address)] };
  return { error: 'unexpected' };
}

/** SURBL multi bits (https://www.surbl.org/lists): 2, 4 and 32 are retired lists now folded into ABUSE. */
const SURBL_BITS: ReadonlyArray<[bit: number, Listing]> = [
  [8, listing('phish', 'major', 'PH')],
  [16, listing('malware', 'major', 'MW')],
  [64, listing('abuse', 'major', 'ABUSE')],
  [128, listing('cracked', 'minor', 'CR')],
];

/** URIBL multi bits (https://uribl.com/about.shtml): black is confirmed spam; grey and red only suspect. */
const URIBL_BITS: ReadonlyArray<[bit: number, Listing]> = [
  [2, listing('black', 'major', 'black')],
  [4, listing('grey', 'minor', 'grey')],
  [8, listing('red', 'minor', 'red')],
];

/** A bitmask answer: 127.0.0.1 is "query refused"; other bits each add a listing; unknown bits add "unknown". */
function bitmaskDecoder(bits: ReadonlyArray<[number, Listing]>, unknownWeight: ListingWeight) {
  return (address: string): Decoded => {
    const mask = bitmaskOf(address, '127.0.0.');
    if (mask === null || mask === 0) return { error: 'unexpected' };
    if (mask === 1) return { error: 'refused' };
    const listings = bits.filter(([bit]) => mask & bit).map(([, meaning]) => meaning);
    const known = bits.reduce((all, [bit]) => all | bit, 1);
    if (mask & ~known) listings.push(listing('unknown', unknownWeight, String(mask)));
    return { listings };
  };
}

/** THE zone table. */
export const URI_ZONES: readonly UriZone[] = [
  { zone: 'dbl.spamhaus.org', name: 'Spamhaus DBL', decode: decodeDbl },
  { zone: 'multi.surbl.org', name: 'SURBL multi', decode: bitmaskDecoder(SURBL_BITS, 'major') },
  { zone: 'multi.uribl.com', name: 'URIBL multi', decode: bitmaskDecoder(URIBL_BITS, 'minor') },
];

export interface UriBlocklistResult {
  domain: string;
  zone: string;
  status: 'listed' | 'clean' | 'error';
  /** The answer addresses as received (bounded). */
  codes: string[];
  listings: Listing[];
  error: ZoneErrorReason | null;
}

/** Combines the answers of one lookup: any error code wins (a refused query says nothing about the domain). */
export function decodeAnswers(
  zone: UriZone,
  addresses: readonly string[],
): Pick<UriBlocklistResult, 'status' | 'listings' | 'error'> {
  const listings: Listing[] = [];
  for (const address of addresses) {
    const ip = parseIp(address);
    const decoded: Decoded = ip && ip.family === 4 ? zone.decode(ip.text) : { error: 'unexpected' };
    if ('error' in decoded) return { status: 'error', listings: [], error: decoded.error };
    for (const item of decoded.listings) if (!listings.some((l) => l.tag === item.tag)) listings.push(item);
  }
  return listings.length
    ? { status: 'listed', listings, error: null }
    : { status: 'clean', listings: [], error: null };
}

const errorReasonOf = (err: unknown): ZoneErrorReason =>
  err instanceof DnsError && err.code === 'ETIMEOUT'
    ? 'timeout'
    : err instanceof DnsError && err.code === 'EBADNAME'
      ? 'bad-query'
      : 'dns-error';

/** One domain on one zone. */
async function lookUp(dns: DnsSession, domain: string, zone: UriZone): Promise<UriBlocklistResult> {
  const base = { domain, zone: zone.zone };
  try {
    const addresses = (await dns.records(`${domain}.${zone.zone}`, 'A')).slice(0, LIMITS.uriBlocklistAnswers);
    return { ...base, codes: addresses, ...decodeAnswers(zone, addresses) };
  } catch (err) {
    if (isNoRecords(err)) return { ...base, codes: [], status: 'clean', listings: [], error: null };
    return { ...base, codes: [], status: 'error', listings: [], error: errorReasonOf(err) };
  }
}

/** Every domain on every zone, all at once (the DNS layer caches, de-duplicates and applies the deadline). */
export async function lookUpDomains(
  dns: DnsSession,
  domains: readonly string[],
  zones: readonly UriZone[] = URI_ZONES,
): Promise<UriBlocklistResult[]> {
  const queryable = domains.filter(
    (domain) => domain.length + 1 + Math.max(...zones.map((z) => z.zone.length)) <= 253,
  );
  return Promise.all(queryable.flatMap((domain) => zones.map((zone) => lookUp(dns, domain, zone))));
}

const listingText = (result: UriBlocklistResult, weight: ListingWeight) =>
  `${result.domain}: ${result.zone} ${result.listings
    .filter((l) => l.weight === weight)
    .map((l) => l.tag)
    .join('+')}`;

/** The findings: major listings, minor listings, errors, or clean. */
export function uriBlocklistFindings(results: readonly UriBlocklistResult[], domainCount: number): Finding[] {
  const findings: Finding[] = [];
  for (const [weight, id] of [
    ['major', 'links.uribl-listed'],
    ['minor', 'links.uribl-minor'],
  ] as const) {
    const hits = results.filter((r) => r.listings.some((l) => l.weight === weight));
    // A domain listed as major is not also reported as minor.
    const shownHits =
      weight === 'minor'
        ? hits.filter(
            (r) =>
              !results.some((o) => o.domain === r.domain && o.listings.some((l) => l.weight === 'major')),
          )
        : hits;
    const first = shownHits[0];
    if (!first) continue;
    findings.push({
      id,
      params: {
        domain: first.domain,
        zone: first.zone,
        meaning: first.listings.find((l) => l.weight === weight)!.meaning,
        count: shownHits.length,
        listings: shownHits.slice(0, LIMITS.linkExamples).map((r) => listingText(r, weight)),
      },
    });
  }
  const errors = results.filter((r) => r.status === 'error');
  if (errors.length) {
    const reason = errors.find((r) => r.error === 'refused')?.error ?? errors[0]!.error;
    findings.push({
      id: 'links.uribl-error',
      params: {
        zones: [...new Set(errors.map((r) => r.zone))],
        reason,
        advice: reason,
        count: errors.length,
      },
    });
  }
  if (!findings.length && domainCount > 0)
    findings.push({
      id: 'links.uribl-clean',
      params: { count: domainCount, zones: URI_ZONES.map((z) => z.zone) },
    });
  return findings;
}
