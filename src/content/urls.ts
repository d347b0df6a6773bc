/** URLs: what a link points at (scheme, host, registered domain), and the URLs written in plain text. */
import { getDomain } from 'tldts';
import { LIMITS } from '../limits.js';
import type { ContentLink } from './types.js';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** Browsers drop these from URLs before parsing (WHATWG URL: C0 controls, space, tab and newline). */
const URL_JUNK = /[\u0000-\u0020]/g;

export interface UrlTarget {
  scheme: string;
  host: string;
  domain: string;
}

/**
 * Scheme, lower-case host and registered domain of a URL as a mail client reads it (WHATWG URL:
 * 0x7f.1 is 127.0.0.1, IDNs become A-labels). "www.example.com" without a scheme is http, as clients
 * linkify it. Relative or unparseable URLs have no host.
 */
export function describeUrl(href: string): UrlTarget {
  const cleaned = href.trim().replace(URL_JUNK, '');
  const scheme = SCHEME.exec(cleaned)?.[1]?.toLowerCase() ?? (/^www\./i.test(cleaned) ? 'http' : '');
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'ftp') return { scheme, host: '', domain: '' };
  try {
    const url = new URL(SCHEME.test(cleaned) ? cleaned : `http://${cleaned}`);
    const host = url.hostname
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '');
    return { scheme, host, domain: host ? (getDomain(host, { allowPrivateDomains: false }) ?? '') : '' };
  } catch {
    return { scheme, host: '', domain: '' };
  }
}

/** A URL cut to LIMITS.contentMaxUrlChars (a hostile href can be megabytes long). */
export const boundedUrl = (href: string): string => href.slice(0, LIMITS.contentMaxUrlChars);

export function linkOf(href: string, text: string, source: ContentLink['source']): ContentLink {
  const bounded = boundedUrl(href.trim());
  return { href: bounded, text, source, ...describeUrl(bounded) };
}

/**
 * URLs written in text: http(s)://… and www.…, up to the first character a URL cannot hold. Japanese
 * text runs straight on after a URL ("https://example.jp/をご覧ください"), so any non-ASCII character ends it.
 */
const TEXT_URL = /\b(?:https?:\/\/|www\.)[!#-&(-;=?-[\]_a-z~]+/gi;
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING = /[.,;:!?'")\]]+$/;

export function findTextUrls(text: string, max: number): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(TEXT_URL)) {
    let url = match[0];
    // A closing parenthesis belongs to the URL when it opened one (Wikipedia-style paths).
    const trail = TRAILING.exec(url);
    if (trail) {
      const keepParen = url.includes('(') && trail[0].startsWith(')');
      url = url.slice(0, trail.index + (keepParen ? 1 : 0));
    }
    if (/^(?:https?:\/\/|www\.)./i.test(url)) out.push(url);
    if (out.length >= max) break;
  }
  return out;
}
