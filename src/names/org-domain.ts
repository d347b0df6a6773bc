/** Domain-name helpers shared by the checks: organizational domains (Public Suffix List) and normalisation. */
import { getDomain } from 'tldts';
import { domainToASCII } from 'node:url';

/** Lower-case, no trailing dot, A-labels for IDNs ('' when the name is not a valid domain). */
export function normalizeDomain(domain: string): string {
  const trimmed = domain.trim().replace(/\.$/, '').toLowerCase();
  if (!trimmed) return '';
  if (/^[\x00-\x7f]*$/.test(trimmed)) return trimmed;
  return domainToASCII(trimmed);
}

/**
 * The organizational domain (RFC 7489 3.2 via the Public Suffix List): the registered domain, e.g.
 * mail.example.co.jp → example.co.jp. A name with no public suffix (localhost, an IP) is its own.
 */
export function organizationalDomain(domain: string): string {
  const name = normalizeDomain(domain);
  if (!name) return '';
  return getDomain(name, { allowPrivateDomains: false }) ?? name;
}

/** Relaxed alignment: same organizational domain. Strict: the same name. */
export function domainsAlign(a: string, b: string, mode: 'r' | 's' = 'r'): boolean {
  const x = normalizeDomain(a);
  const y = normalizeDomain(b);
  if (!x || !y) return false;
  return mode === 's' ? x === y : organizationalDomain(x) === organizationalDomain(y);
}

/** The domain after the last '@' of an address ('' when none). */
export function domainOf(address: string | null | undefined): string {
  if (!address) return '';
  const at = address.lastIndexOf('@');
  return at >= 0 ? normalizeDomain(address.slice(at + 1).replace(/>$/, '')) : '';
}
