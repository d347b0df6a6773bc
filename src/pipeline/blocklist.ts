/**
 * One target (an IP address or a domain) on the blocklists, outside a message: what `mailscore blocklist`,
 * `GET /api/blocklists/:target` and the blocklist page share. The target is checked here (parsed, and
 * refused when it is an address no list can hold), then every zone is asked at once through a DnsSession
 * with the report's deadline, and the lookup's findings become checks as in a report.
 */
import { parseBlocklistTarget, lookUpTarget, type BlocklistTarget } from '../blocklists/lookup.js';
import type { BlocklistKind, BlocklistResult, BlocklistZone } from '../blocklists/types.js';
import type { Finding } from '../checks/types.js';
import { nonPublicBlock, parseIp } from '../checks/iprev.js';
import { domainQueryName, ipQueryName, RFC5782_TEST_POINT } from '../blocklists/query.js';
import type { DnsResolver } from '../dns/resolver.js';
import { DnsSession, type DnsStats } from '../dns/session.js';
import { LIMITS } from '../limits.js';
import type { CheckResult, Lang } from '../report/types.js';
import { toCheckResults } from '../scoring/score.js';

export const BLOCKLIST_SCHEMA = 'mailscore.blocklist/1';

/** The output of the CLI's `--json` and of the API (mailscore.blocklist/1). Fields are only ever added. */
export interface BlocklistReport {
  schema: typeof BLOCKLIST_SCHEMA;
  /** The target as queried: a canonical IP, or a lower-case A-label domain. */
  target: string;
  kind: BlocklistKind;
  /** True when any blocklist (not an allowlist) lists the target with a major or minor weight. */
  listed: boolean;
  /** One result per zone of the target's kind, allowlists included. */
  blocklists: BlocklistResult[];
  checks: CheckResult[];
  lang: Lang;
  generatedAt: string;
  dns: DnsStats;
}

/** A report and the findings it was worded from (the page finds records to copy in their params). */
export interface BlocklistAnalysis {
  report: BlocklistReport;
  findings: Finding[];
}

/**
 * Why a target is refused. `special-address`: private, loopback, link-local, multicast, reserved (the
 * iprev check's notion of "not public") — no list holds such an address, and asking about it tells
 * nothing (the one exception is the test point below).
 */
export type TargetProblem =
  { reason: 'not-a-target' } | { reason: 'special-address'; block: string; rfc: string };

export type CheckedTarget = { ok: true; target: BlocklistTarget } | { ok: false; problem: TargetProblem };

/** Longest input looked at: a domain name is at most 253 characters (an IDN's Unicode form is shorter). */
const MAX_TARGET_CHARS = 300;

/** The user's target, parsed, or why it cannot be looked up. */
export function checkTarget(input: string): CheckedTarget {
  const text = input.trim();
  if (!text || text.length > MAX_TARGET_CHARS) return { ok: false, problem: { reason: 'not-a-target' } };
  const target = parseBlocklistTarget(text);
  if (!target) return { ok: false, problem: { reason: 'not-a-target' } };
  if (target.kind === 'ip') {
    const ip = parseIp(target.target);
    if (!ip) return { ok: false, problem: { reason: 'not-a-target' } };
    const block = ip.text === RFC5782_TEST_POINT ? null : nonPublicBlock(ip);
    if (block)
      return { ok: false, problem: { reason: 'special-address', block: block.block, rfc: block.rfc } };
  }
  return { ok: true, target };
}

/** The name asked for one result: the reversed address (IPv6: nibbles) or the domain, under the zone. */
export function queryNameOf(result: Pick<BlocklistResult, 'kind' | 'target' | 'zone'>): string {
  const ip = result.kind === 'ip' ? parseIp(result.target) : null;
  if (ip) return ipQueryName(ip, result.zone);
  return domainQueryName(result.target, result.zone) ?? `${result.target}.${result.zone}`;
}

/** A blocklist listing that counts: an allowlist entry or an informational one (PBL, UCEPROTECT 2/3) does not. */
export const countsAsListed = (result: BlocklistResult): boolean =>
  result.role === 'block' &&
  result.status === 'listed' &&
  (result.weight === 'major' || result.weight === 'minor');

export interface BlocklistLookupOptions {
  resolver: DnsResolver;
  zones: readonly BlocklistZone[];
  lang: Lang;
  now?: Date;
  /** The whole lookup's DNS deadline (default: a report's). */
  deadlineMs?: number;
}

/** Every zone of the target's kind at once; never throws for DNS trouble (a zone that fails is an `error`). */
export async function lookUpBlocklists(
  target: BlocklistTarget,
  options: BlocklistLookupOptions,
): Promise<BlocklistAnalysis> {
  const dns = new DnsSession(options.resolver, options.deadlineMs ?? LIMITS.dnsDeadlineMs);
  try {
    const lookup = await lookUpTarget(dns, target, options.zones);
    const report: BlocklistReport = {
      schema: BLOCKLIST_SCHEMA,
      target: lookup.target,
      kind: lookup.kind,
      listed: lookup.results.some(countsAsListed),
      blocklists: lookup.results,
      checks: toCheckResults(lookup.findings, options.lang),
      lang: options.lang,
      generatedAt: (options.now ?? new Date()).toISOString(),
      dns: dns.stats(),
    };
    return { report, findings: lookup.findings };
  } finally {
    dns.close();
  }
}
