/**
 * What the user asks the domain audit about, checked before any lookup: the domain (Unicode or A-labels,
 * one trailing dot forgiven), the DKIM selectors to try, and the sending IP. Every input here is hostile:
 * lengths are bounded before anything else is done with it, and a refusal says why, coded, so the CLI, the
 * API and the pages each word it their own way.
 */
import { domainToASCII } from 'node:url';
import { nonPublicBlock, parseIp } from '../checks/iprev.js';
import { LIMITS } from '../limits.js';

/** RFC 1035 2.3.4: a name is at most 253 characters in text form, a label at most 63. */
const MAX_NAME = 253;
const MAX_LABEL = 63;
/** Longest input looked at: an IDN's Unicode form is shorter than its A-labels; anything longer is no domain. */
const MAX_INPUT = 1_000;

/** A host-name label (RFC 5321 4.1.2): letters, digits, inner hyphens. Mail domains have no underscores. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** A DKIM selector label (RFC 6376 3.1 says sub-domain; some providers use underscores, and DNS allows them). */
const SELECTOR_LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

/**
 * Special-use names (RFC 6761, RFC 6762, RFC 9476): they never reach the public DNS, so no receiver could
 * judge mail from them. `.test`, `.example` and `.invalid`'s siblings stay open: tests and examples use them.
 */
const SPECIAL_USE_SUFFIXES = ['localhost', 'local', 'invalid', 'arpa', 'alt'] as const;

export type DomainProblem =
  | { reason: 'empty' }
  | { reason: 'too-long'; length: number; max: number }
  | { reason: 'label-too-long'; label: string; max: number }
  | { reason: 'empty-label' }
  | { reason: 'bad-characters' }
  | { reason: 'single-label' }
  | { reason: 'numeric-tld' }
  | { reason: 'ip-address' }
  /** An email address or a URL was given: `domain` is the domain it holds, when it has a valid one. */
  | { reason: 'email-address'; domain: string | null }
  | { reason: 'url'; domain: string | null }
  | { reason: 'special-use'; suffix: string };

export type ParsedDomain = { ok: true; domain: string } | { ok: false; problem: DomainProblem };

/** The domain as lower-case A-labels with no trailing dot, or why it is not one we can audit. */
export function parseAuditDomain(input: string): ParsedDomain {
  const text = input.trim();
  if (!text) return refuse({ reason: 'empty' });
  if (text.length > MAX_INPUT) return refuse({ reason: 'too-long', length: text.length, max: MAX_NAME });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return refuse({ reason: 'url', domain: hostOfUrl(text) });
  if (text.includes('@')) {
    const inner = parseBareDomain(text.slice(text.lastIndexOf('@') + 1));
    return refuse({ reason: 'email-address', domain: inner.ok ? inner.domain : null });
  }
  return parseBareDomain(text);
}

function parseBareDomain(input: string): ParsedDomain {
  // One trailing dot is the fully qualified form of the same name; "example.com.." is not.
  const text = input.trim().replace(/\.$/, '');
  if (!text) return refuse({ reason: 'empty' });
  if (parseIp(text) || /^\[.*\]$/.test(text)) return refuse({ reason: 'ip-address' });
  if (text.split('.').some((label) => label === '')) return refuse({ reason: 'empty-label' });
  const ascii = toAscii(text);
  if (ascii === null) return refuse({ reason: 'bad-characters' });
  if (ascii.length > MAX_NAME) return refuse({ reason: 'too-long', length: ascii.length, max: MAX_NAME });
  const labels = ascii.split('.');
  const long = labels.find((label) => label.length > MAX_LABEL);
  if (long) return refuse({ reason: 'label-too-long', label: long, max: MAX_LABEL });
  if (!labels.every((label) => LABEL.test(label))) return refuse({ reason: 'bad-characters' });
  if (labels.length < 2) return refuse({ reason: 'single-label' });
  const tld = labels.at(-1)!;
  if (/^\d+$/.test(tld)) return refuse({ reason: 'numeric-tld' });
  const special = SPECIAL_USE_SUFFIXES.find((suffix) => tld === suffix);
  if (special) return refuse({ reason: 'special-use', suffix: special });
  return { ok: true, domain: ascii };
}

/** Lower-case A-labels; null when the Unicode form cannot be converted (IDNA refuses it). */
function toAscii(text: string): string | null {
  const lower = text.toLowerCase();
  if (/^[\x21-\x7e]+$/.test(lower)) return lower;
  // Control characters, spaces and the like are no domain in any script; IDNA would drop some silently.
  if (/[\x00-\x20\x7f-\x9f]/.test(lower)) return null;
  return domainToASCII(lower) || null;
}

function hostOfUrl(text: string): string | null {
  try {
    const host = new URL(text).hostname;
    const parsed = host ? parseBareDomain(host) : null;
    return parsed?.ok ? parsed.domain : null;
  } catch {
    return null;
  }
}

const refuse = (problem: DomainProblem): ParsedDomain => ({ ok: false, problem });

// ---- DKIM selectors ----

export type SelectorProblem =
  { reason: 'bad-selector'; selector: string } | { reason: 'too-many-selectors'; max: number };

export type ParsedSelectors = { ok: true; selectors: string[] } | { ok: false; problem: SelectorProblem };

/**
 * The selectors the user names: each value may be a comma (or space) separated list; lower-cased (DNS
 * names are case-insensitive), duplicates dropped, in the order given. With `domain`, each selector's key
 * name (`<selector>._domainkey.<domain>`) must fit in a DNS name too.
 */
export function parseSelectors(values: readonly string[], domain?: string): ParsedSelectors {
  const selectors: string[] = [];
  for (const value of values) {
    if (value.length > MAX_INPUT) return { ok: false, problem: { reason: 'bad-selector', selector: value } };
    for (const item of value.split(/[\s,]+/)) {
      if (!item) continue;
      const selector = item.toLowerCase().replace(/\.$/, '');
      if (!validSelector(selector, domain))
        return { ok: false, problem: { reason: 'bad-selector', selector: item } };
      if (selectors.includes(selector)) continue;
      if (selectors.length >= LIMITS.auditUserSelectors)
        return { ok: false, problem: { reason: 'too-many-selectors', max: LIMITS.auditUserSelectors } };
      selectors.push(selector);
    }
  }
  return { ok: true, selectors };
}

function validSelector(selector: string, domain: string | undefined): boolean {
  const labels = selector.split('.');
  if (!labels.every((label) => label.length <= MAX_LABEL && SELECTOR_LABEL.test(label))) return false;
  const keyName = `${selector}._domainkey.${domain ?? ''}`;
  return domain === undefined ? selector.length <= MAX_NAME : keyName.length <= MAX_NAME;
}

// ---- The sending IP ----

export type IpProblem =
  | { reason: 'not-an-ip'; input: string }
  | { reason: 'special-address'; ip: string; block: string; rfc: string };

export type ParsedAuditIp = { ok: true; ip: string } | { ok: false; problem: IpProblem };

/**
 * The sending IP in its canonical form (IPv4-mapped IPv6 is the IPv4 address). Private, loopback,
 * link-local and reserved addresses are refused: no receiver sees mail from them, no list holds them, and
 * the audit should not be a way to make us look up our own network. The documentation ranges count as
 * public, as everywhere in mailscore, so examples and tests can use them.
 */
export function parseAuditIp(input: string): ParsedAuditIp {
  const text = input.trim();
  const ip = text.length <= 100 ? parseIp(text) : null;
  if (!ip) return { ok: false, problem: { reason: 'not-an-ip', input } };
  const block = nonPublicBlock(ip);
  if (block)
    return {
      ok: false,
      problem: { reason: 'special-address', ip: ip.text, block: block.block, rfc: block.rfc },
    };
  return { ok: true, ip: ip.text };
}

// ---- Messages for developers and terminals (pages word problems from their catalogs) ----

/** One English line for the CLI's stderr and the API's error message. */
export function domainProblemMessage(problem: DomainProblem): string {
  switch (problem.reason) {
    case 'empty':
      return 'no domain given';
    case 'too-long':
      return `a domain name is at most ${problem.max} characters (this one has ${problem.length})`;
    case 'label-too-long':
      return `each part of a domain name is at most ${problem.max} characters`;
    case 'empty-label':
      return 'the domain has an empty part (two dots in a row, or a leading dot)';
    case 'bad-characters':
      return 'a domain name has only letters, digits, hyphens and dots (Unicode names are converted to A-labels)';
    case 'single-label':
      return 'give the whole domain name, such as example.com';
    case 'numeric-tld':
      return 'a domain name does not end in a number';
    case 'ip-address':
      return 'the audit takes a domain name, not an IP address (give the sending IP with --ip)';
    case 'email-address':
      return problem.domain
        ? `give the domain of the address, not the address: ${problem.domain}`
        : 'give a domain name, not an email address';
    case 'url':
      return problem.domain
        ? `give the domain name, not a URL: ${problem.domain}`
        : 'give a domain name, not a URL';
    case 'special-use':
      return `names under .${problem.suffix} are special-use (RFC 6761) and never reach the public DNS`;
  }
}

export function selectorProblemMessage(problem: SelectorProblem): string {
  if (problem.reason === 'too-many-selectors') return `at most ${problem.max} DKIM selectors`;
  return 'a DKIM selector has only letters, digits, hyphens, underscores and dots, and must fit in a DNS name';
}

export function ipProblemMessage(problem: IpProblem): string {
  if (problem.reason === 'special-address') {
    return `${problem.ip} is a special-purpose address (${problem.block}, ${problem.rfc}): give the public address the mail is sent from`;
  }
  return 'not an IP address';
}
