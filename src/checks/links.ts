/**
 * Link checks: deceptive links (links/deceptive.ts), the link domains on URI blocklists
 * (links/uri-blocklists.ts) and, when asked, whether the links answer (links/reachability.ts). The three
 * run at once; none of them throws out of here.
 */
import type { ContentModel } from '../content/types.js';
import { LIMITS } from '../limits.js';
import { linkContexts } from './links/context.js';
import { checkDeceptive, type DeceptiveSummary } from './links/deceptive.js';
import {
  candidateUrls,
  checkUrls,
  listUnsubscribeUrls,
  reachabilityFindings,
  type LinkCheckResult,
} from './links/reachability.js';
import {
  lookUpDomains,
  URI_ZONES,
  uriBlocklistFindings,
  type UriBlocklistResult,
  type UriZone,
} from './links/uri-blocklists.js';
import { isWeb, parseLinkTarget } from './links/url.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

export interface LinkCheckOptions {
  /** Fetch links to see whether they answer (HEAD, then GET). On in the service, off in the CLI. */
  reachability: boolean;
  /** The domain blocklists to ask (default: those of the default list set; the operator's with --blocklists). */
  uriZones?: readonly UriZone[];
  /**
   * Tests only — no setting, flag or environment variable leads here: non-public addresses the link
   * checker may fetch (the tests' local HTTP servers), a shorter request timeout and deadline, and
   * the CA of the tests' certificates.
   */
  testing?: {
    allowAddresses?: readonly string[];
    requestTimeoutMs?: number;
    deadlineMs?: number;
    ca?: string;
  };
}

export interface LinksResult {
  deceptive: DeceptiveSummary;
  /** Every (domain, zone) lookup. */
  uriBlocklists: UriBlocklistResult[];
  /** The fetched links; null when reachability was off. */
  reachability: LinkCheckResult[] | null;
}

/** The registered domains of the web links, in order of appearance, each once, at most LIMITS.uriBlocklistDomains. */
export function linkDomains(content: ContentModel): string[] {
  const domains = new Set<string>();
  for (const link of content.links.slice(0, LIMITS.linkMaxInspected)) {
    const target = parseLinkTarget(link.href);
    if (target && isWeb(target) && target.domain) domains.add(target.domain);
    if (domains.size >= LIMITS.uriBlocklistDomains) break;
  }
  return [...domains];
}

const errorText = (err: unknown): string =>
  (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).replace(/\s+/g, ' ').slice(0, 200);

export async function checkLinks(
  ctx: CheckContext,
  content: ContentModel,
  options: LinkCheckOptions,
): Promise<CheckOutput<LinksResult>> {
  const failures: string[] = [];
  const guard = <T>(work: () => T | Promise<T>, fallback: T): Promise<T> =>
    Promise.resolve()
      .then(work)
      .catch((err: unknown) => {
        failures.push(errorText(err));
        return fallback;
      });

  const emptySummary: DeceptiveSummary = {
    inspected: 0,
    webLinks: 0,
    textMismatch: 0,
    shortener: 0,
    ipHost: 0,
    userinfo: 0,
    lookalike: 0,
  };
  const [deceptive, blocklists, reachability] = await Promise.all([
    guard(() => checkDeceptive(content.links), { findings: [] as Finding[], summary: emptySummary }),
    guard(
      async () => {
        const domains = linkDomains(content);
        const zones = options.uriZones ?? URI_ZONES;
        const results = await lookUpDomains(ctx.dns, domains, zones);
        return { results, findings: uriBlocklistFindings(results, domains.length, zones) };
      },
      { results: [] as UriBlocklistResult[], findings: [] as Finding[] },
    ),
    options.reachability
      ? guard(async () => {
          const candidates = candidateUrls(
            content.links,
            listUnsubscribeUrls(ctx.message),
            linkContexts(content.html),
          );
          const results = await checkUrls(ctx.dns, candidates.urls, options.testing ?? {});
          return { results, findings: reachabilityFindings(results, candidates) };
        }, null)
      : Promise.resolve(null),
  ]);

  const findings = [...deceptive.findings, ...blocklists.findings, ...(reachability?.findings ?? [])];
  if (failures.length) findings.push({ id: 'links.error', params: { error: failures[0]! } });
  return {
    result: {
      deceptive: deceptive.summary,
      uriBlocklists: blocklists.results,
      reachability: reachability?.results ?? null,
    },
    findings,
  };
}
