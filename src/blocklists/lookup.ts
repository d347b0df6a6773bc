/**
 * Looking one target (an IP address or a domain) up on a set of lists, all zones at once through the
 * report's DnsSession (which caches for the TTL the list returns, de-duplicates and applies the deadline:
 * a list that never answers ends as `timeout` there, never later). Used by the blocklist check,
 * `mailscore blocklist`, `GET /api/blocklists/:target` and the domain audit.
 */
import type { Finding } from '../checks/types.js';
import { parseIp } from '../checks/iprev.js';
import type { DnsSession } from '../dns/session.js';
import { DnsError, isNoRecords } from '../dns/types.js';
import { LIMITS } from '../limits.js';
import { decodeAnswers, heaviestWeight } from './decode.js';
import { blocklistFindings } from './findings.js';
import { organizationalDomain } from '../names/org-domain.js';
import {
  blocklistDomain,
  domainQueryName,
  ipQueryName,
  nonPublicAddress,
  RFC5782_TEST_POINT,
  type BlocklistTarget,
} from './query.js';
import type { BlocklistErrorReason, BlocklistResult, BlocklistZone } from './types.js';

export { parseBlocklistTarget, type BlocklistTarget } from './query.js';

export interface BlocklistLookup extends BlocklistTarget {
  /** One result per zone of the target's kind (allowlists included; IPv6: the lists that hold IPv6). */
  results: BlocklistResult[];
  /** The findings for this target alone (area `blocklists`), as the report's check would give them. */
  findings: Finding[];
  /** The private or reserved block of an IP that was not looked up (e.g. "127.0.0.0/8 (RFC 1122)"), else null. */
  notPublic: string | null;
}

/** Why a lookup gave no answer, from the DNS layer's error. */
export function errorReasonOf(err: unknown): BlocklistErrorReason {
  if (!(err instanceof DnsError)) return 'dns-error';
  switch (err.code) {
    case 'ETIMEOUT':
      return 'timeout';
    case 'EBADNAME':
      return 'bad-query';
    // The list's server refused us (Barracuda refuses resolvers not registered with it).
    case 'EREFUSED':
      return 'refused';
    default:
      return 'dns-error';
  }
}

/** The zones that can hold a target: its kind, and for an IP its family (most lists are IPv4 only). */
export function zonesFor(target: BlocklistTarget, zones: readonly BlocklistZone[]): BlocklistZone[] {
  const family = target.kind === 'ip' ? parseIp(target.target)?.family : undefined;
  return zones.filter(
    (zone) => zone.kind === target.kind && (family === undefined || (zone.families ?? [4]).includes(family)),
  );
}

/** The query name of a target on a zone, or null when it cannot be asked (too long a name). */
export function queryNameOf(target: BlocklistTarget, zone: BlocklistZone): string | null {
  if (target.kind === 'domain') return domainQueryName(target.target, zone.zone);
  const ip = parseIp(target.target);
  return ip ? ipQueryName(ip, zone.zone) : null;
}

/** One target on one zone. Never throws: every failure is a result with status `error`. */
export async function lookUpZone(
  dns: DnsSession,
  target: BlocklistTarget,
  zone: BlocklistZone,
): Promise<BlocklistResult> {
  const base = {
    zone: zone.zone,
    name: zone.name,
    target: target.target,
    kind: target.kind,
    role: zone.role,
    ...(zone.removal ? { removal: zone.removal } : {}),
    ...(zone.note ? { note: zone.note } : {}),
  };
  const failed = (error: BlocklistErrorReason, codes: string[] = []): BlocklistResult => ({
    ...base,
    listed: false,
    status: 'error',
    codes,
    listings: [],
    weight: null,
    error,
  });
  try {
    const name = queryNameOf(target, zone);
    if (name === null) return failed('bad-query');
    const codes = (await dns.records(name, 'A')).slice(0, LIMITS.uriBlocklistAnswers);
    const decoded = decodeAnswers(zone, codes);
    if (decoded.error) return failed(decoded.error, codes);
    return {
      ...base,
      listed: decoded.status === 'listed',
      status: decoded.status,
      codes,
      listings: decoded.listings,
      weight: heaviestWeight(decoded.listings),
      error: null,
    };
  } catch (err) {
    if (isNoRecords(err))
      return { ...base, listed: false, status: 'clean', codes: [], listings: [], weight: null, error: null };
    return failed(errorReasonOf(err));
  }
}

/** Many targets on their zones, every query at once. */
export function lookUpTargets(
  dns: DnsSession,
  queries: ReadonlyArray<{ target: BlocklistTarget; zones: readonly BlocklistZone[] }>,
): Promise<BlocklistResult[]> {
  return Promise.all(
    queries.flatMap(({ target, zones }) => zones.map((zone) => lookUpZone(dns, target, zone))),
  );
}

/** A domain's registered (organizational) domain, as the lists that hold only those want it asked. */
export function registeredDomain(domain: string): string {
  return blocklistDomain(organizationalDomain(domain)) ?? domain;
}

/**
 * What to ask each zone: an IP as it is; a domain as given on lists that hold host names (DBL), and its
 * registered domain on the others (URIBL and SURBL hold nothing else: a host name there is always "clean").
 */
function queriesFor(
  target: BlocklistTarget,
  zones: readonly BlocklistZone[],
): Array<{ target: BlocklistTarget; zones: BlocklistZone[] }> {
  if (target.kind === 'ip') return [{ target, zones: [...zones] }];
  const registered = registeredDomain(target.target);
  const exact = zones.filter((zone) => zone.subdomains || registered === target.target);
  const others = zones.filter((zone) => !exact.includes(zone));
  return [
    { target, zones: exact },
    { target: { kind: 'domain', target: registered }, zones: others },
  ];
}

/**
 * Every zone of the target's kind, at once (a domain's registered domain on the lists that hold only
 * those). Never throws: a failing zone is a result with status 'error'.
 */
export async function lookUpTarget(
  dns: DnsSession,
  target: BlocklistTarget,
  zones: readonly BlocklistZone[],
): Promise<BlocklistLookup> {
  const notPublic =
    target.kind === 'ip' && target.target !== RFC5782_TEST_POINT ? nonPublicAddress(target.target) : null;
  if (notPublic !== null) {
    const findings: Finding[] = [
      {
        id: 'blocklists.ip-not-checked',
        params: { ip: target.target, reason: 'not-public', block: notPublic },
      },
    ];
    return { ...target, results: [], findings, notPublic };
  }
  const asked = zonesFor(target, zones);
  const order = (result: BlocklistResult) => asked.findIndex((zone) => zone.zone === result.zone);
  const results = (await lookUpTargets(dns, queriesFor(target, asked))).sort((a, b) => order(a) - order(b));
  return { ...target, results, findings: blocklistFindings(results), notPublic: null };
}
