/**
 * One link's target as the browser will see it: parsed with the WHATWG URL parser (what browsers use),
 * so "http://3232235777/" and "http://0xC0.0xA8.1.1/" come out as the IPv4 address they are, and
 * Unicode host names as their A-labels. The raw host text is kept to tell how an IP was written.
 */
import { parse as parsePublicSuffix } from 'tldts';
import { parseIp, type ParsedIp } from '../iprev.js';
import { LIMITS } from '../../limits.js';

/** How an IP host was written: dotted decimal, IPv6, or one of the integer forms browsers still accept. */
export type IpForm = 'dotted' | 'ipv6' | 'decimal' | 'hex' | 'octal';

export interface LinkTarget {
  href: string;
  url: URL;
  /** 'http', 'https', 'mailto', ... (lower case, no colon). */
  scheme: string;
  /** The host in ASCII (A-labels), lower case, IPv6 without brackets; '' when the URL has none. */
  host: string;
  /** The registered domain of the host (Public Suffix List); '' for IPs and names without a public suffix. */
  domain: string;
  /** The registered domain without its suffix ("amazon" for amazon.co.jp): the organization's own name. */
  orgLabel: string;
  ip: ParsedIp | null;
  ipForm: IpForm | null;
  /** The user-info part ("paypal.com" in http://paypal.com@evil.example/), '' when none. */
  userinfo: string;
}

/** The host as written in the URL's authority (before the parser normalized it). */
export function rawHostOf(href: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:[/\\]{2}([^/\\?#]*)/i.exec(href.trim())?.[1] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') < 0 ? undefined : host.indexOf(']'));
  return host.replace(/:\d*$/, '');
}

/** How an IPv4 host was written: the parser accepts 1 to 4 parts, each decimal, 0x-hex or 0-octal. */
export function ipv4Form(rawHost: string): IpForm {
  const parts = rawHost.replace(/\.$/, '').split('.');
  if (parts.some((part) => /^0x/i.test(part))) return 'hex';
  if (parts.some((part) => /^0\d/.test(part))) return 'octal';
  return parts.length === 4 ? 'dotted' : 'decimal';
}

/** The parsed target, or null for what no browser would open (unparseable, overlong). */
export function parseLinkTarget(href: string): LinkTarget | null {
  const text = href.trim();
  if (!text || text.length > LIMITS.linkMaxUrlChars) return null;
  let url: URL;
  try {
    // "www.example.com" without a scheme is a web link: mail clients linkify it as http.
    url = new URL(/^www\./i.test(text) ? `http://${text}` : text);
  } catch {
    return null;
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const ip = host ? parseIp(host) : null;
  let ipForm: IpForm | null = null;
  if (ip) ipForm = ip.family === 6 || host.includes(':') ? 'ipv6' : ipv4Form(rawHostOf(text));
  const suffix = host && !ip ? parsePublicSuffix(host, { allowPrivateDomains: false }) : null;
  const userinfo =
    url.username || url.password ? decodeSafely(`${url.username}${url.password ? ':…' : ''}`) : '';
  return {
    href: text,
    url,
    scheme,
    host,
    domain: suffix?.domain ?? '',
    orgLabel: suffix?.domainWithoutSuffix ?? '',
    ip,
    ipForm,
    userinfo,
  };
}

export const isWeb = (target: LinkTarget): boolean => target.scheme === 'http' || target.scheme === 'https';

/** Percent-decoding that never throws on a stray "%". */
export function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A URL or name for a finding: control characters out, cut at LIMITS.linkShownChars. */
export function shown(text: string): string {
  const clean = text.replace(/[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  return clean.length > LIMITS.linkShownChars ? `${clean.slice(0, LIMITS.linkShownChars - 1)}…` : clean;
}
