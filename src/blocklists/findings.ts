/**
 * The findings of blocklist results (area `blocklists`): one finding per target kind and weight class
 * naming every hit (so a class costs once, src/scoring/deductions.ts), then the allowlists, refusals,
 * other errors, and "clean" when no blocklist lists anything. Words are in src/i18n/{en,ja}/blocklists.ts.
 */
import type { Finding } from '../checks/types.js';
import { LIMITS } from '../limits.js';
import type { CheckId } from '../scoring/deductions.js';
import type { BlocklistKind, BlocklistResult, BlocklistWeight } from './types.js';

const LISTING_IDS: Record<BlocklistKind, Record<BlocklistWeight, CheckId>> = {
  ip: { major: 'blocklists.ip-listed', minor: 'blocklists.ip-minor', info: 'blocklists.ip-info' },
  domain: {
    major: 'blocklists.domain-listed',
    minor: 'blocklists.domain-minor',
    info: 'blocklists.domain-info',
  },
};

/**
 * What to fix first, by what a listing means (coded; worded in the catalogs' `advice`): stop the spam,
 * clean an infected host or site, improve sending practices, or deal with a policy or network listing.
 */
const ADVICE: Readonly<Record<string, string>> = {
  'spam-source': 'stop-spam',
  'spam-reports': 'stop-spam',
  'spamtrap-hits': 'stop-spam',
  'spam-wave': 'stop-spam',
  spam: 'stop-spam',
  black: 'stop-spam',
  abuse: 'stop-spam',
  exploited: 'clean-host',
  botnet: 'clean-host',
  phish: 'clean-site',
  malware: 'clean-site',
  cracked: 'clean-site',
  'abused-spam': 'clean-site',
  'abused-redirector': 'clean-site',
  'abused-phish': 'clean-site',
  'abused-malware': 'clean-site',
  'abused-botnet': 'clean-site',
  snowshoe: 'practices',
  'poor-reputation': 'practices',
  'reputation-worst': 'practices',
  'reputation-very-bad': 'practices',
  'reputation-bad': 'practices',
  'reputation-suspicious': 'practices',
  grey: 'practices',
  red: 'practices',
  'hijacked-network': 'change-network',
  'policy-isp': 'policy',
  'policy-spamhaus': 'policy',
  'bad-neighbourhood': 'neighbourhood',
  'bad-network': 'neighbourhood',
};

export const adviceFor = (meaning: string): string =>
  Object.hasOwn(ADVICE, meaning) ? ADVICE[meaning]! : 'unknown';

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

/** Where a domain came from ("From, DKIM d="): protocol names, the same in every language. */
export type DomainSources = ReadonlyMap<string, readonly string[]>;

function targetText(result: BlocklistResult, sources?: DomainSources): string {
  const from = sources?.get(result.target);
  return from?.length ? `${result.target} (${from.join(', ')})` : result.target;
}

/** "Spamhaus ZEN: SBL (127.0.0.2)"; for lists whose tags are their codes, "Spamhaus DBL: 127.0.1.2". */
function hitText(result: BlocklistResult, weight: BlocklistWeight | null): string {
  const tags = unique(
    result.listings.filter((l) => weight === null || l.weight === weight).map((l) => l.tag),
  );
  const codes = result.codes.join(', ');
  const tagText = tags.join('+');
  return tagText === codes || tags.every((t) => result.codes.includes(t))
    ? `${result.name}: ${tagText}`
    : `${result.name}: ${tagText} (${codes})`;
}

const hasWeight = (result: BlocklistResult, weight: BlocklistWeight) =>
  result.role === 'block' && result.listings.some((l) => l.weight === weight);

function listingFinding(
  kind: BlocklistKind,
  weight: BlocklistWeight,
  results: readonly BlocklistResult[],
  sources?: DomainSources,
): Finding | null {
  const hits = results.filter((r) => r.kind === kind && hasWeight(r, weight));
  const first = hits[0];
  if (!first) return null;
  const meaning = first.listings.find((l) => l.weight === weight)!.meaning;
  const shown = hits.slice(0, LIMITS.blocklistFindingItems);
  return {
    id: LISTING_IDS[kind][weight],
    params: {
      ...(kind === 'ip'
        ? { ip: first.target }
        : { domain: first.target, domains: unique(hits.map((r) => r.target)) }),
      lists: unique(hits.map((r) => r.name)),
      count: hits.length,
      listings: shown.map((r) =>
        kind === 'ip' ? hitText(r, weight) : `${targetText(r, sources)}: ${hitText(r, weight)}`,
      ),
      meaning,
      advice: adviceFor(meaning),
      // A list an operator added may name no removal page: then its name and zone say where to look.
      removal: unique(hits.map((r) => r.removal ?? `${r.name} (${r.zone})`)),
    },
  };
}

/** The advice for refusals: run an own resolver, register it (lists such as Barracuda), or both. */
function refusalAdvice(refused: readonly BlocklistResult[]): string {
  const registered = refused.filter((r) => r.note === 'registered-resolver').length;
  if (registered === 0) return 'own-resolver';
  return registered === refused.length ? 'register' : 'both';
}

export interface FindingsOptions {
  /** Where each domain target came from (the report's check); absent for a single lookup. */
  sources?: DomainSources;
}

/** The findings of a set of results (one target's, or a report's IP and sender domains together). */
export function blocklistFindings(
  results: readonly BlocklistResult[],
  options: FindingsOptions = {},
): Finding[] {
  const findings: Finding[] = [];
  for (const kind of ['ip', 'domain'] as const)
    for (const weight of ['major', 'minor', 'info'] as const) {
      const finding = listingFinding(kind, weight, results, options.sources);
      if (finding) findings.push(finding);
    }

  const allowed = results.filter((r) => r.role === 'allow' && r.status === 'listed');
  if (allowed.length)
    findings.push({
      id: 'blocklists.allowlisted',
      params: {
        lists: unique(allowed.map((r) => r.name)),
        count: allowed.length,
        listings: allowed
          .slice(0, LIMITS.blocklistFindingItems)
          .map((r) => `${targetText(r, options.sources)}: ${hitText(r, null)}`),
      },
    });

  const refused = results.filter((r) => r.error === 'refused');
  if (refused.length)
    findings.push({
      id: 'blocklists.refused',
      params: {
        lists: unique(refused.map((r) => r.name)).slice(0, LIMITS.blocklistFindingItems),
        count: refused.length,
        advice: refusalAdvice(refused),
      },
    });

  const failed = results.filter((r) => r.status === 'error' && r.error !== 'refused');
  if (failed.length) {
    const reason = failed[0]!.error ?? 'dns-error';
    findings.push({
      id: 'blocklists.error',
      params: {
        lists: unique(failed.map((r) => r.name)).slice(0, LIMITS.blocklistFindingItems),
        count: failed.length,
        reason,
        advice: reason,
      },
    });
  }

  const blocks = results.filter((r) => r.role === 'block');
  const answered = blocks.filter((r) => r.status === 'clean');
  if (answered.length && !blocks.some((r) => r.status === 'listed'))
    findings.push({
      id: 'blocklists.clean',
      params: {
        targets: unique(answered.map((r) => r.target)),
        lists: unique(answered.map((r) => r.name)),
        count: unique(answered.map((r) => r.zone)).length,
      },
    });
  return findings;
}
