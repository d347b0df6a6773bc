/**
 * The terms of one SPF record (RFC 7208 4.6, 5, 6, 7.1), parsed without any lookup: each term typed, and
 * every syntax problem coded (a record with any is a permerror, RFC 7208 4.6). Pure and bounded: a record
 * is at most a few kilobytes (LIMITS bounds what DNS gives us), and every pass is linear.
 */
import { isIPv6 } from 'node:net';

export type SpfQualifier = '+' | '-' | '~' | '?';

export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

/** Coded syntax problems; the catalogs word them (values of `reason`). */
export type SpfSyntaxCode =
  | 'unknown-mechanism'
  | 'bad-macro'
  | 'bad-domain'
  | 'missing-domain'
  | 'bad-ip4'
  | 'bad-ip6'
  | 'bad-cidr'
  | 'bad-modifier'
  | 'duplicate-modifier'
  | 'bad-all'
  | 'bad-character';

export interface SpfMechanism {
  kind: 'mechanism';
  /** The term as written. */
  text: string;
  /** '+' when none is written. */
  qualifier: SpfQualifier;
  name: SpfMechanismName;
  /** include/exists/a/mx/ptr: the domain-spec as written (null when absent); ip4/ip6: the address. */
  target: string | null;
  /** The prefix lengths written after the target (a/mx: dual; ip4/ip6: one). */
  cidr4: number | null;
  cidr6: number | null;
  /** The target uses macros (%{...}): it depends on the message, so it cannot be resolved here. */
  hasMacro: boolean;
}

export interface SpfModifier {
  kind: 'modifier';
  text: string;
  /** Lower case. */
  name: string;
  value: string;
  hasMacro: boolean;
}

export type SpfTerm = SpfMechanism | SpfModifier;

export interface SpfSyntaxProblem {
  /** The term as written ('' for a problem of the whole record). */
  term: string;
  code: SpfSyntaxCode;
}

export interface ParsedSpf {
  /** The terms that parsed, in order (terms with problems are left out). */
  terms: SpfTerm[];
  problems: SpfSyntaxProblem[];
  /** The first `all`, when there is one. */
  all: SpfMechanism | null;
  redirect: SpfModifier | null;
}

/** RFC 7208 4.5: the version section, then a space or the end. */
export const SPF_VERSION = /^v=spf1(?: |$)/i;

/** Terms whose evaluation queries DNS (RFC 7208 4.6.4); redirect= too, when it applies. */
const LOOKUP_MECHANISMS: ReadonlySet<SpfMechanismName> = new Set(['include', 'a', 'mx', 'ptr', 'exists']);

const MECHANISMS: ReadonlySet<string> = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);

// RFC 7208 7.1: macro-letter, transformers (*DIGIT ["r"]), delimiters.
const MACRO_BODY = /^([a-z])(\d*)(r?)([.\-+,/_=]*)$/i;
const MACRO_LETTERS = 'slodiphcrtv';
/** c, r and t are only for exp= text (RFC 7208 7.2). */
const EXP_ONLY_LETTERS = 'crt';
// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;
// name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) (RFC 7208 4.6.1)
const MODIFIER_NAME = /^[a-z][a-z0-9\-_.]*$/i;
// ip4-network with qnums: no leading zeros (RFC 7208 5.6).
const QNUM = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IP4_NETWORK = new RegExp(`^${QNUM}(?:\\.${QNUM}){3}$`);
// ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT); ip6-cidr-length = "/" ("0" / %x31-39 0*2DIGIT)
const IP4_CIDR = /^(?:0|[1-9][0-9]?)$/;
const IP6_CIDR = /^(?:0|[1-9][0-9]{0,2})$/;
// a/mx: [ ":" domain-spec ] [ dual-cidr-length ]
const DUAL_CIDR = /^(?::(.+?))?(?:\/([0-9]+))?(?:\/\/([0-9]+))?$/;

class SyntaxProblem extends Error {
  constructor(readonly code: SpfSyntaxCode) {
    super(code);
  }
}

const fail = (code: SpfSyntaxCode): never => {
  throw new SyntaxProblem(code);
};

/**
 * Checks a macro-string (RFC 7208 7.1) and says whether it expands any macro. `expLetters` allows
 * c, r and t (unknown modifiers may carry them; exp= text is fetched, not parsed here).
 */
function checkMacroString(input: string, expLetters: boolean): { hasMacro: boolean; endsWithMacro: boolean } {
  let hasMacro = false;
  let endsWithMacro = false;
  for (let pos = 0; pos < input.length;) {
    const chr = input[pos]!;
    if (chr === '%') {
      const next = input[pos + 1];
      if (next === '%' || next === '_' || next === '-') {
        // "%%" is a literal percent, but a name holding one is no host name either: treat it as a macro.
        hasMacro = true;
        endsWithMacro = true;
        pos += 2;
        continue;
      }
      if (next !== '{') fail('bad-macro');
      const end = input.indexOf('}', pos + 2);
      if (end < 0) fail('bad-macro');
      const body = MACRO_BODY.exec(input.slice(pos + 2, end));
      if (!body) fail('bad-macro');
      const letter = body![1]!.toLowerCase();
      if (!MACRO_LETTERS.includes(letter)) fail('bad-macro');
      if (EXP_ONLY_LETTERS.includes(letter) && !expLetters) fail('bad-macro');
      if (body![2] && Number(body![2]) === 0) fail('bad-macro');
      hasMacro = true;
      endsWithMacro = true;
      pos = end + 1;
      continue;
    }
    const code = input.charCodeAt(pos);
    // macro-literal = %x21-24 / %x26-7E
    if (code < 0x21 || code > 0x7e) fail('bad-character');
    endsWithMacro = false;
    pos++;
  }
  return { hasMacro, endsWithMacro };
}

/** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand. */
function checkDomainSpec(input: string): { hasMacro: boolean } {
  if (!input) fail('missing-domain');
  const { hasMacro, endsWithMacro } = checkMacroString(input, false);
  if (endsWithMacro) return { hasMacro };
  const literal = input.replace(/\.$/, '');
  const dot = literal.lastIndexOf('.');
  if (dot < 0 || !TOPLABEL.test(literal.slice(dot + 1))) fail('bad-domain');
  // A name without macros is queried as it is: labels of 1-63 octets (RFC 1035 2.3.4).
  if (!hasMacro && literal.split('.').some((label) => label.length === 0 || label.length > 63))
    fail('bad-domain');
  return { hasMacro };
}

function cidr(value: string | undefined, pattern: RegExp, max: number): number | null {
  if (value === undefined) return null;
  if (!pattern.test(value) || Number(value) > max) fail('bad-cidr');
  return Number(value);
}

function parseModifier(text: string, eq: number): SpfModifier {
  const name = text.slice(0, eq);
  const value = text.slice(eq + 1);
  if (!MODIFIER_NAME.test(name)) fail('bad-modifier');
  const lower = name.toLowerCase();
  if (lower === 'redirect' || lower === 'exp') {
    const { hasMacro } = checkDomainSpec(value);
    return { kind: 'modifier', text, name: lower, value, hasMacro };
  }
  // unknown-modifier = name "=" macro-string (possibly empty)
  const { hasMacro } = checkMacroString(value, true);
  return { kind: 'modifier', text, name: lower, value, hasMacro };
}

function parseMechanism(text: string): SpfMechanism {
  const qualified = /^[+\-~?]/.test(text);
  const qualifier = (qualified ? text[0] : '+') as SpfQualifier;
  const body = qualified ? text.slice(1) : text;
  const match = /^([^:/]*)(.*)$/s.exec(body)!;
  const name = match[1]!.toLowerCase();
  const rest = match[2]!;
  if (!MECHANISMS.has(name)) fail('unknown-mechanism');
  const base = { kind: 'mechanism' as const, text, qualifier, name: name as SpfMechanismName };
  const none = { target: null, cidr4: null, cidr6: null, hasMacro: false };
  switch (name) {
    case 'all':
      if (rest) fail('bad-all');
      return { ...base, ...none };
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':')) fail('missing-domain');
      const target = rest.slice(1);
      return { ...base, ...none, target, hasMacro: checkDomainSpec(target).hasMacro };
    }
    case 'ptr': {
      if (!rest) return { ...base, ...none };
      if (!rest.startsWith(':')) fail('bad-domain');
      const target = rest.slice(1);
      return { ...base, ...none, target, hasMacro: checkDomainSpec(target).hasMacro };
    }
    case 'a':
    case 'mx': {
      const parts = DUAL_CIDR.exec(rest);
      if (!parts) fail(rest.startsWith('/') ? 'bad-cidr' : 'bad-domain');
      const target = parts![1] ?? null;
      const hasMacro = target === null ? false : checkDomainSpec(target).hasMacro;
      return {
        ...base,
        target,
        cidr4: cidr(parts![2], IP4_CIDR, 32),
        cidr6: cidr(parts![3], IP6_CIDR, 128),
        hasMacro,
      };
    }
    case 'ip4': {
      const parts = /^:([^/]+)(?:\/(.*))?$/s.exec(rest);
      if (!parts || !IP4_NETWORK.test(parts[1]!)) fail('bad-ip4');
      return { ...base, ...none, target: parts![1]!, cidr4: cidr(parts![2], IP4_CIDR, 32) };
    }
    default: {
      // ip6
      const parts = /^:([0-9a-f:.]+)(?:\/(.*))?$/is.exec(rest);
      if (!parts || !isIPv6(parts[1]!)) fail('bad-ip6');
      return { ...base, ...none, target: parts![1]!, cidr6: cidr(parts![2], IP6_CIDR, 128) };
    }
  }
}

/** One term: a modifier when "=" comes before any ":" or "/" (RFC 7208 4.6.1), else a mechanism. */
function parseTerm(text: string): SpfTerm {
  const eq = text.indexOf('=');
  const sep = text.search(/[:/]/);
  if (eq > 0 && (sep < 0 || eq < sep)) return parseModifier(text, eq);
  if (eq === 0) fail('bad-modifier');
  return parseMechanism(text);
}

/** The terms of an SPF record (the text after "v=spf1"; the caller has checked the version). */
export function parseSpfRecord(record: string): ParsedSpf {
  const terms: SpfTerm[] = [];
  const problems: SpfSyntaxProblem[] = [];
  // RFC 7208 4.5/12: terms are separated by spaces only; any other white space is part of a term.
  for (const text of record.split(' ').filter(Boolean).slice(1)) {
    try {
      terms.push(parseTerm(text));
    } catch (err) {
      if (!(err instanceof SyntaxProblem)) throw err;
      problems.push({ term: text, code: err.code });
    }
  }
  // RFC 7208 6: redirect and exp at most once each.
  for (const name of ['redirect', 'exp']) {
    const found = terms.filter((t) => t.kind === 'modifier' && t.name === name);
    for (const extra of found.slice(1)) problems.push({ term: extra.text, code: 'duplicate-modifier' });
  }
  const all = terms.find((t): t is SpfMechanism => t.kind === 'mechanism' && t.name === 'all') ?? null;
  const redirect =
    terms.find((t): t is SpfModifier => t.kind === 'modifier' && t.name === 'redirect') ?? null;
  return { terms, problems, all, redirect };
}

/** A redirect= applies only when the record has no `all` (RFC 7208 6.1). */
export const effectiveRedirect = (parsed: ParsedSpf): SpfModifier | null =>
  parsed.all ? null : parsed.redirect;

/** Terms that cost a DNS lookup (RFC 7208 4.6.4), in record order; redirect= last, when it applies. */
export function lookupTerms(parsed: ParsedSpf): SpfTerm[] {
  const mechanisms = parsed.terms.filter((t) => t.kind === 'mechanism' && LOOKUP_MECHANISMS.has(t.name));
  const redirect = effectiveRedirect(parsed);
  return redirect ? [...mechanisms, redirect] : mechanisms;
}

/** The DNS name a domain-spec without macros stands for: lower case, no trailing dot. */
export const targetName = (spec: string): string => spec.toLowerCase().replace(/\.$/, '');
