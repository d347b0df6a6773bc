/**
 * Deceptive links: what phishing and spam do with links, and what SpamAssassin, rspamd and the big
 * receivers score. Pure functions of the links; no network.
 *  - the visible text shows one site, the link goes to another (the classic phishing sign);
 *  - a public URL shortener hides the destination;
 *  - the host is an IP address, in any of the forms browsers accept (dotted, integer, hex, octal, IPv6);
 *  - "user-info" before an "@" (http://paypal.com@evil.example/ goes to evil.example);
 *  - a look-alike international name (see idn.ts).
 */
import { domainToUnicode } from 'node:url';
import { parse as parsePublicSuffix } from 'tldts';
import type { ContentLink } from '../../content/types.js';
import { LIMITS } from '../../limits.js';
import { sameIp, type ParsedIp } from '../iprev.js';
import type { Finding } from '../types.js';
import { lookalikeOf, type Lookalike } from './idn.js';
import { CLICK_TRACKERS, URL_SHORTENERS } from './lists.js';
import { isWeb, parseLinkTarget, shown, type IpForm, type LinkTarget } from './url.js';

/** What a link's visible text shows as its destination. */
export interface ShownTarget {
  host: string;
  domain: string;
  orgLabel: string;
  ip: ParsedIp | null;
}

/**
 * Top-level domains that are also common file extensions: "report.zip" in a link's text is a file name
 * far more often than a site, so without "www." or a scheme such text is not read as a domain.
 */
const FILE_LIKE_TLDS: ReadonlySet<string> = new Set(['zip', 'mov', 'md', 'py', 'sh']);

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** A bare name with at least one dot, optionally a port and a path: "www.example.com/login". */
const BARE_NAME = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+\.?(:\d{1,5})?([/?#]\S*)?$/u;

/** The host a link's text displays, or null when the text is not a URL or domain (e.g. "Sign in"). */
export function shownTargetOf(text: string): ShownTarget | null {
  const trimmed = text.trim();
  // A text longer than a URL shows no URL (and the bound keeps the replace below linear).
  if (!trimmed || trimmed.length > LIMITS.linkMaxUrlChars) return null;
  const token = trimmed.replace(/^[<("'「『【［[]+|[>)"'」』】］\].,;:!?。、]+$/gu, '').trim();
  if (!token || /\s/.test(token)) return null;
  const withScheme = SCHEME.test(token);
  if (!withScheme && (token.includes('@') || !BARE_NAME.test(token))) return null;
  const target = parseLinkTarget(withScheme ? token : `http://${token}`);
  if (!target || !isWeb(target) || !target.host) return null;
  if (target.ip) {
    // Only an address written as one ("192.0.2.1", "[2001:db8::1]") shows one: "3.14" is a number.
    if (!withScheme && target.ipForm !== 'dotted') return null;
    return { host: target.host, domain: '', orgLabel: '', ip: target.ip };
  }
  const suffix = parsePublicSuffix(target.host, { allowPrivateDomains: false });
  if (!suffix.isIcann || !suffix.domain) return null;
  const bare = !withScheme && !/^www\./i.test(token) && !/[/?#]/.test(token);
  if (bare && FILE_LIKE_TLDS.has(suffix.publicSuffix ?? '')) return null;
  return { host: target.host, domain: suffix.domain, orgLabel: suffix.domainWithoutSuffix ?? '', ip: null };
}

/** True when the host is the listed name or under it (lists hold registered domains and a few hosts). */
export const hostIsListed = (host: string, list: ReadonlySet<string>): boolean => {
  const labels = host.split('.');
  return labels.some((_, i) => list.has(labels.slice(i).join('.')));
};

/**
 * The text's site and the link's target belong to the same owner: the same registered domain, the same
 * organization under another suffix (amazon.com / amazon.co.jp), or an email provider's click tracker.
 */
export function sameOwner(shownTarget: ShownTarget, target: LinkTarget): boolean {
  if (shownTarget.ip || target.ip)
    return !!shownTarget.ip && !!target.ip && sameIp(shownTarget.ip, target.ip);
  if (shownTarget.domain === target.domain) return true;
  if (shownTarget.orgLabel && shownTarget.orgLabel === target.orgLabel) return true;
  return hostIsListed(target.host, CLICK_TRACKERS);
}

export interface DeceptiveSummary {
  /** Links looked at (at most LIMITS.linkMaxInspected). */
  inspected: number;
  webLinks: number;
  textMismatch: number;
  shortener: number;
  ipHost: number;
  userinfo: number;
  lookalike: number;
}

/** Examples kept per rule: the finding shows a few and counts the rest. */
class Examples {
  readonly items: string[] = [];
  count = 0;
  add(example: string): void {
    this.count++;
    if (this.items.length < LIMITS.linkExamples && !this.items.includes(example)) this.items.push(example);
  }
}

export function checkDeceptive(links: readonly ContentLink[]): {
  findings: Finding[];
  summary: DeceptiveSummary;
} {
  const inspected = links.slice(0, LIMITS.linkMaxInspected);
  const mismatch = new Examples();
  const shorteners = new Examples();
  const ipHosts = new Examples();
  const userinfo = new Examples();
  const lookalikes = new Examples();
  let firstIpForm: IpForm | null = null;
  let firstLookalike: Lookalike | null = null;
  let webLinks = 0;

  for (const link of inspected) {
    const target = parseLinkTarget(link.href);
    if (!target || !isWeb(target) || !target.host) continue;
    webLinks++;
    if (link.source === 'html') {
      const shownTarget = shownTargetOf(link.text);
      if (shownTarget && !sameOwner(shownTarget, target))
        mismatch.add(`${shown(shownTarget.host)} → ${shown(target.host)}`);
    }
    if (!target.ip && hostIsListed(target.host, URL_SHORTENERS)) shorteners.add(shown(target.host));
    if (target.ip) {
      firstIpForm ??= target.ipForm;
      ipHosts.add(shown(target.href));
    }
    if (target.userinfo) userinfo.add(shown(`${target.userinfo}@${target.host}`));
    const lookalike = target.ip ? null : lookalikeOf(target.host);
    if (lookalike) {
      firstLookalike ??= lookalike;
      const unicodeHost = lookalike.unicode ? domainToUnicode(target.host) : '';
      lookalikes.add(unicodeHost ? `${shown(target.host)} (${shown(unicodeHost)})` : shown(target.host));
    }
  }

  const findings: Finding[] = [];
  if (mismatch.count)
    findings.push({ id: 'links.text-mismatch', params: { count: mismatch.count, examples: mismatch.items } });
  if (userinfo.count)
    findings.push({ id: 'links.userinfo', params: { count: userinfo.count, examples: userinfo.items } });
  if (lookalikes.count)
    findings.push({
      id: 'links.lookalike',
      params: {
        count: lookalikes.count,
        examples: lookalikes.items,
        reason: firstLookalike?.reason ?? null,
        imitates: firstLookalike?.imitates ?? null,
      },
    });
  if (ipHosts.count)
    findings.push({
      id: 'links.ip-host',
      params: { count: ipHosts.count, examples: ipHosts.items, form: firstIpForm },
    });
  if (shorteners.count)
    findings.push({ id: 'links.shortener', params: { count: shorteners.count, examples: shorteners.items } });
  if (webLinks > 0 && findings.length === 0)
    findings.push({ id: 'links.clean', params: { count: webLinks } });

  return {
    findings,
    summary: {
      inspected: inspected.length,
      webLinks,
      textMismatch: mismatch.count,
      shortener: shorteners.count,
      ipHost: ipHosts.count,
      userinfo: userinfo.count,
      lookalike: lookalikes.count,
    },
  };
}
