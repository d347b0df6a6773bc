/**
 * URI blocklists: the registered domains of a message's links looked up on Spamhaus DBL, SURBL multi
 * and URIBL multi, as every large receiver and SpamAssassin do. The zones and their return codes are
 * in the one table of src/blocklists/zones.ts (shared with the sender-domain check), each code with what
 * it means and whether it weighs "major" (the domain is a spam, phishing or malware domain: receivers
 * reject or junk) or "minor" (a legitimate domain that was abused, or a list that only suspects).
 *
 * "Query refused" answers (Spamhaus 127.255.255.x; SURBL and URIBL 127.0.0.1) are errors, never
 * listings: they mean the lists refuse our resolver, typically a public or forwarding one.
 */
import { decodeAnswers as decodeZoneAnswers } from '../../blocklists/decode.js';
import { lookUpZone } from '../../blocklists/lookup.js';
import type { BlocklistErrorReason, BlocklistListing, BlocklistZone } from '../../blocklists/types.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../../blocklists/zones.js';
import type { DnsSession } from '../../dns/session.js';
import { LIMITS } from '../../limits.js';
import type { Finding } from '../types.js';

/** The weights a link listing can have here: `info` listings (an operator's choice) are not reported. */
export type ListingWeight = 'major' | 'minor';
export type ZoneErrorReason = BlocklistErrorReason;
export type Listing = BlocklistListing;
export type UriZone = BlocklistZone;

/**
 * THE zone table: the domain blocklists of src/blocklists/zones.ts (Spamhaus DBL, SURBL multi, URIBL
 * multi), decoded there, in one place for links and sender domains alike. The pipeline passes the
 * operator's set instead when one is configured (--blocklists).
 */
export const URI_ZONES: readonly UriZone[] = uriZonesOf(DEFAULT_BLOCKLIST_ZONES);

/** The blocklists (not allowlists) of domains in a zone set. */
export function uriZonesOf(zones: readonly BlocklistZone[]): BlocklistZone[] {
  return zones.filter((zone) => zone.kind === 'domain' && zone.role === 'block');
}

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
  return decodeZoneAnswers(zone, addresses);
}

/** One domain on one zone. */
async function lookUp(dns: DnsSession, domain: string, zone: UriZone): Promise<UriBlocklistResult> {
  const result = await lookUpZone(dns, { kind: 'domain', target: domain }, zone);
  const { status, codes, listings, error } = result;
  return { domain, zone: zone.zone, status, codes, listings, error };
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
export function uriBlocklistFindings(
  results: readonly UriBlocklistResult[],
  domainCount: number,
  zones: readonly UriZone[] = URI_ZONES,
): Finding[] {
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
      params: { count: domainCount, zones: zones.map((z) => z.zone) },
    });
  return findings;
}
