/**
 * Link reachability: do the message's links answer? HEAD first, GET when HEAD gets an error status
 * (many servers answer HEAD with 405 or 501, and some with other errors, while GET works), redirects
 * followed up to LIMITS.linkCheckMaxRedirects, every request bounded in time, a few at once, only the
 * first distinct URLs.
 *
 * Safety (every input is hostile): a host is resolved through the report's DNS session first, every
 * address it has is checked, and the request goes to a checked address (fetch.ts pins it); a host with
 * any non-public address is refused, and so is every redirect hop that leads to one. Unsubscribe and
 * opt-out links, and the List-Unsubscribe URLs, are never fetched: fetching one could unsubscribe.
 */
import type { ContentLink } from '../../content/types.js';
import type { DnsSession } from '../../dns/session.js';
import { DnsError, isNoRecords } from '../../dns/types.js';
import { LIMITS } from '../../limits.js';
import { fieldsNamed } from '../../message/parse.js';
import type { ParsedMessage } from '../../message/types.js';
import { parseIp, type ParsedIp } from '../iprev.js';
import type { Finding } from '../types.js';
import { specialBlock, type SpecialBlock } from './address.js';
import { requestPinned, type RequestOutcome, type RequestOptions } from './fetch.js';
import { UNSUBSCRIBE_WORDS } from './lists.js';
import { decodeSafely, isWeb, parseLinkTarget, shown } from './url.js';

export interface ReachabilityOptions {
  /** Tests only: non-public addresses the checker may connect to (the local test servers). */
  allowAddresses?: readonly string[];
  /** Tests only: per-request timeout instead of LIMITS.linkCheckTimeoutMs. */
  requestTimeoutMs?: number;
  /** Tests only: the whole check's time instead of LIMITS.linkCheckDeadlineMs. */
  deadlineMs?: number;
  /** Tests only: PEM certificates trusted for https instead of the system's. */
  ca?: string;
}

export type LinkStatus =
  | 'ok' // 2xx or 3xx at the end of the chain
  | 'broken' // 4xx/5xx (confirmed with GET)
  | 'refused-check' // 401, 403, 407, 429: the site refuses automated requests; says nothing about people
  | 'unreachable' // DNS failure, connection failure, timeout, TLS failure
  | 'private' // the host or a redirect leads to a non-public address: refused, not fetched
  | 'redirect-limit' // more redirects than we follow
  | 'not-checked'; // the checker's deadline passed first

export interface LinkCheckResult {
  url: string;
  status: LinkStatus;
  /** The last HTTP status seen. */
  httpStatus: number | null;
  /** The error code of an unreachable link. */
  error: string | null;
  /** The refused address of a private link, and its block. */
  address: string | null;
  block: SpecialBlock | null;
  finalUrl: string;
  redirects: number;
}

/** Statuses that mean "not for robots" rather than "gone". */
const REFUSES_ROBOTS = new Set([401, 403, 407, 429]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Connection errors after which the host's other address family is tried. */
const TRY_NEXT_ADDRESS = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'EAFNOSUPPORT',
]);

/** The URLs of the List-Unsubscribe fields (RFC 2369), as the URL parser writes them. */
export function listUnsubscribeUrls(message: ParsedMessage): Set<string> {
  const urls = new Set<string>();
  for (const field of fieldsNamed(message, 'list-unsubscribe').slice(0, 4)) {
    for (const match of field.value.slice(0, LIMITS.linkMaxUrlChars * 4).matchAll(/<([^>]*)>/g)) {
      const target = parseLinkTarget(match[1]!.replace(/\s+/g, ''));
      if (target) urls.add(withoutFragment(target.url));
    }
  }
  return urls;
}

const withoutFragment = (url: URL): string => {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
};

/**
 * An unsubscribe or opt-out link, by its text, its URL (decoded) or the words around it in the HTML
 * ("配信停止は<a>こちら</a>"), in any of the languages we know.
 */
export function looksLikeUnsubscribe(link: Pick<ContentLink, 'href' | 'text'>, context = ''): boolean {
  const haystack = `${link.text}\n${decodeSafely(decodeSafely(link.href))}\n${context}`.toLowerCase();
  return UNSUBSCRIBE_WORDS.some((word) => haystack.includes(word));
}

export interface Candidates {
  urls: string[];
  /** Distinct web URLs beyond LIMITS.linkCheckUrls. */
  overLimit: number;
  /** Unsubscribe links left alone. */
  skipped: number;
}

/** The distinct http(s) URLs to fetch, unsubscribe links and List-Unsubscribe URLs left out. */
export function candidateUrls(
  links: readonly ContentLink[],
  unsubscribeUrls: ReadonlySet<string>,
  contexts: ReadonlyMap<string, string> = new Map(),
): Candidates {
  const distinct = new Set<string>();
  const skipped = new Set<string>();
  for (const link of links.slice(0, LIMITS.linkMaxInspected)) {
    const target = parseLinkTarget(link.href);
    if (!target || !isWeb(target) || !target.host) continue;
    const url = withoutFragment(target.url);
    const context = link.source === 'html' ? (contexts.get(link.href.trim()) ?? '') : '';
    if (unsubscribeUrls.has(url) || looksLikeUnsubscribe(link, context)) skipped.add(url);
    else distinct.add(url);
  }
  // A URL that is an unsubscribe link anywhere in the message is never fetched, even where it looks innocent.
  const urls = [...distinct].filter((url) => !skipped.has(url));
  return {
    urls: urls.slice(0, LIMITS.linkCheckUrls),
    overLimit: Math.max(0, urls.length - LIMITS.linkCheckUrls),
    skipped: skipped.size,
  };
}

export type Resolution = { addresses: ParsedIp[] } | { error: string };

/** The host's addresses through the report's DNS session (A and AAAA together), or why there are none. */
export async function resolveHost(dns: DnsSession, host: string): Promise<Resolution> {
  const literal = parseIp(host);
  if (literal) return { addresses: [literal] };
  const answers = await Promise.allSettled([dns.records(host, 'A'), dns.records(host, 'AAAA')]);
  const addresses = answers
    .flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []))
    .slice(0, LIMITS.linkCheckAddresses)
    .map((text) => parseIp(text))
    .filter((ip): ip is ParsedIp => ip !== null);
  if (addresses.length) return { addresses };
  const errors = answers.flatMap((answer) =>
    answer.status === 'rejected' ? [answer.reason as unknown] : [],
  );
  const transient = errors.find((err) => !isNoRecords(err));
  if (transient) return { error: transient instanceof DnsError ? transient.code : 'EUNEXPECTED' };
  const nxdomain = errors.some((err) => err instanceof DnsError && err.code === 'ENOTFOUND');
  return { error: nxdomain ? 'ENOTFOUND' : 'ENODATA' };
}

/** The first IPv4 address, then the first IPv6 one: at most two connection attempts per request. */
const connectOrder = (addresses: readonly ParsedIp[]): ParsedIp[] =>
  [addresses.find((ip) => ip.family === 4), addresses.find((ip) => ip.family === 6)].filter(
    (ip): ip is ParsedIp => ip !== undefined,
  );

async function requestAny(
  url: URL,
  addresses: readonly ParsedIp[],
  method: 'HEAD' | 'GET',
  options: RequestOptions,
): Promise<RequestOutcome> {
  let outcome: RequestOutcome = { error: 'ENOADDRESS' };
  for (const address of connectOrder(addresses)) {
    outcome = await requestPinned(url, address, method, options);
    if (!('error' in outcome) || !TRY_NEXT_ADDRESS.has(outcome.error)) break;
  }
  return outcome;
}

interface Walk {
  dns: DnsSession;
  allow: ReadonlySet<string>;
  request: RequestOptions;
  /** True once the checker's deadline has passed. */
  expired: () => boolean;
}

/** One URL: resolve, check, request (HEAD, then GET on an error status), follow redirects. */
async function checkUrl(start: string, walk: Walk): Promise<LinkCheckResult> {
  let url = new URL(start);
  let redirects = 0;
  const result = (status: LinkStatus, extra: Partial<LinkCheckResult> = {}): LinkCheckResult => ({
    url: start,
    status,
    httpStatus: null,
    error: null,
    address: null,
    block: null,
    finalUrl: url.href,
    redirects,
    ...extra,
  });
  for (;;) {
    if (walk.expired()) return result('not-checked');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const resolution = await resolveHost(walk.dns, host);
    if ('error' in resolution) {
      const ours = resolution.error === 'ETIMEOUT' && (walk.dns.stats().deadlineReached || walk.expired());
      return ours ? result('not-checked') : result('unreachable', { error: resolution.error });
    }
    for (const ip of resolution.addresses) {
      const block = specialBlock(ip);
      if (block && !walk.allow.has(ip.text)) return result('private', { address: ip.text, block });
    }
    let outcome = await requestAny(url, resolution.addresses, 'HEAD', walk.request);
    if ('status' in outcome && outcome.status >= 400)
      outcome = await requestAny(url, resolution.addresses, 'GET', walk.request);
    if ('error' in outcome) {
      return outcome.error === 'EABORTED'
        ? result('not-checked')
        : result('unreachable', { error: outcome.error });
    }
    const { status, location } = outcome;
    if (REDIRECTS.has(status) && location) {
      let next: URL;
      try {
        next = new URL(location.slice(0, LIMITS.linkMaxUrlChars + 1), url);
      } catch {
        return result('unreachable', { httpStatus: status, error: 'EBADREDIRECT' });
      }
      if (location.length > LIMITS.linkMaxUrlChars)
        return result('unreachable', { httpStatus: status, error: 'EBADREDIRECT' });
      // A redirect to another scheme (mailto:, an app link) ends the walk: there is nothing for us to fetch.
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        return result('ok', { httpStatus: status });
      if (redirects >= LIMITS.linkCheckMaxRedirects) return result('redirect-limit', { httpStatus: status });
      redirects++;
      url = next;
      continue;
    }
    if (status >= 400 && REFUSES_ROBOTS.has(status)) return result('refused-check', { httpStatus: status });
    if (status >= 400 || status < 100) return result('broken', { httpStatus: status });
    return result('ok', { httpStatus: status });
  }
}

/** Runs `work` over `items`, at most `limit` at once, results in the items' order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return results;
}

/** Checks the URLs; never throws, never runs past the deadline (requests then end as not-checked). */
export async function checkUrls(
  dns: DnsSession,
  urls: readonly string[],
  options: ReachabilityOptions = {},
): Promise<LinkCheckResult[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.deadlineMs ?? LIMITS.linkCheckDeadlineMs);
  timer.unref();
  const walk: Walk = {
    dns,
    allow: new Set((options.allowAddresses ?? []).map((text) => parseIp(text)?.text ?? text)),
    request: {
      timeoutMs: options.requestTimeoutMs ?? LIMITS.linkCheckTimeoutMs,
      signal: abort.signal,
      ...(options.ca ? { ca: options.ca } : {}),
    },
    expired: () => abort.signal.aborted,
  };
  try {
    return await pool(urls, LIMITS.linkCheckConcurrency, (url) =>
      checkUrl(url, walk).catch((): LinkCheckResult => ({
        url,
        status: 'unreachable',
        httpStatus: null,
        error: 'EUNEXPECTED',
        address: null,
        block: null,
        finalUrl: url,
        redirects: 0,
      })),
    );
  } finally {
    clearTimeout(timer);
  }
}

const entry = (result: LinkCheckResult, detail: string | number | null) =>
  `${shown(result.url)}${detail === null ? '' : ` → ${detail}`}`;

/** The findings of a run. */
export function reachabilityFindings(results: readonly LinkCheckResult[], candidates: Candidates): Finding[] {
  const findings: Finding[] = [];
  const of = (status: LinkStatus) => results.filter((r) => r.status === status);
  const list = (items: LinkCheckResult[], detail: (r: LinkCheckResult) => string | number | null) =>
    items.slice(0, LIMITS.linkExamples).map((r) => entry(r, detail(r)));

  const broken = of('broken');
  if (broken.length)
    findings.push({
      id: 'links.broken',
      params: { count: broken.length, urls: list(broken, (r) => r.httpStatus) },
    });
  const unreachable = of('unreachable');
  if (unreachable.length)
    findings.push({
      id: 'links.unreachable',
      params: {
        count: unreachable.length,
        urls: list(unreachable, (r) => r.error),
        error: unreachable[0]!.error,
      },
    });
  const privateTargets = of('private');
  if (privateTargets.length) {
    const first = privateTargets[0]!;
    findings.push({
      id: 'links.private-target',
      params: {
        count: privateTargets.length,
        urls: list(privateTargets, (r) => (r.redirects ? `${shown(r.finalUrl)} (${r.address})` : r.address)),
        address: first.address,
        block: first.block?.block ?? null,
        rfc: first.block?.rfc ?? null,
      },
    });
  }
  const overRedirected = of('redirect-limit');
  if (overRedirected.length)
    findings.push({
      id: 'links.redirect-limit',
      params: {
        count: overRedirected.length,
        urls: list(overRedirected, () => null),
        max: LIMITS.linkCheckMaxRedirects,
      },
    });
  const chains = results.filter((r) => r.status === 'ok' && r.redirects >= LIMITS.linkRedirectsNoted);
  if (chains.length)
    findings.push({
      id: 'links.redirect-chain',
      params: { count: chains.length, chains: list(chains, (r) => `${shown(r.finalUrl)} (${r.redirects})`) },
    });
  const refused = of('refused-check');
  if (refused.length)
    findings.push({
      id: 'links.check-refused',
      params: { count: refused.length, urls: list(refused, (r) => r.httpStatus) },
    });
  const notChecked = of('not-checked').length + candidates.overLimit;
  if (notChecked)
    findings.push({
      id: 'links.not-checked',
      params: {
        count: notChecked,
        limit: LIMITS.linkCheckUrls,
        reason: candidates.overLimit ? 'limit' : 'deadline',
      },
    });
  const checked = results.length - of('not-checked').length;
  const faults = broken.length + unreachable.length + privateTargets.length + overRedirected.length;
  if (checked > 0 && faults === 0)
    findings.push({ id: 'links.reachable', params: { count: checked, skipped: candidates.skipped } });
  return findings;
}
