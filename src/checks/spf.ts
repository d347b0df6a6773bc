/**
 * SPF (RFC 7208) with mailauth's `lib/spf` in strict mode (10 DNS-mechanism lookups, 2 void lookups)
 * over our DnsSession. `evaluateSpf` is one evaluation (the `mailscore spf` command uses it too);
 * `checkSpf` is the report's check: the MAIL FROM identity (postmaster@HELO for the null sender),
 * the HELO identity as its own informational result, and the lookups the record tree needs.
 */
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import type { DnsSession, MailauthResolver } from '../dns/session.js';
import { LIMITS } from '../limits.js';
import { normalizeDomain } from '../names/org-domain.js';
import { AUTH_RESULTS, toAuthResult, type AuthResult, type Envelope, type SpfAuth } from '../report/types.js';
import type { CheckContext, CheckOutput, Finding, FindingParams } from './types.js';

export interface SpfQuery {
  ip: string;
  /** '' is the null sender: postmaster@HELO is checked. */
  mailFrom: string;
  helo: string | null;
}

export interface SpfEvaluation {
  result: AuthResult;
  /** The domain whose policy was evaluated (A-label, lower case); null when there is none. */
  domain: string | null;
  /** The term that decided, as written in the record when it can be found there (e.g. "ip4:192.0.2.0/24", "-all"). */
  mechanism: string | null;
  /** The domain's exp= text, only for fail (RFC 7208 6.2): third-party text. */
  explanation: string | null;
  record: string | null;
  /** DNS-querying terms this evaluation used (RFC 7208 4.6.4), and lookups that found nothing. */
  lookups: number | null;
  voidLookups: number | null;
  /** Why the result is permerror/temperror, as mailauth words it (English, technical). */
  reason: string | null;
}

// --- mailauth, with the matched mechanism captured --------------------------------------------------

/** What mailauth's internal spfVerify resolves with: the matched term, or an error result. */
interface VerifyResult {
  type?: string;
  val?: string;
  qualifier?: string;
  include?: VerifyResult | false;
  rr?: string;
  error?: string;
  text?: string;
}
type SpfVerify = (domain: string, opts: unknown) => Promise<VerifyResult | false>;
type MailauthSpf = (opts: Record<string, unknown>) => Promise<MailauthSpfResponse>;

interface MailauthSpfResponse {
  domain?: string;
  rr?: string;
  status?: { result?: string; comment?: string };
  lookups?: { count?: number; void?: number };
  explanation?: string;
}

/**
 * The promise of the top-level spfVerify call made by the evaluation being started. mailauth's `spf()`
 * calls spfVerify synchronously, before its first await, so the wrapper below sets this inside the
 * synchronous part of our call and runMailauthSpf reads it right after: no other evaluation can run in
 * between (JavaScript is single-threaded). Cheaper than AsyncLocalStorage, whose promise hooks slow
 * every await of the process on Node 20.
 */
let startedEvaluation: Promise<VerifyResult | false> | undefined;
const WRAPPED = Symbol.for('mailscore.spfVerify.wrapped');

/**
 * mailauth's `spf()` drops the matched mechanism, but its internal `spfVerify` returns it
 * ({type, val, qualifier, include}). `lib/spf/index.js` destructures `spfVerify` from
 * `spf-verify.js` when it is first loaded, so we replace that export with a pass-through wrapper
 * BEFORE loading index.js (a private copy if someone loaded it first). Nothing of mailauth's logic
 * is copied; if a future mailauth changes this, the mechanism becomes null and a test says so.
 */
function loadMailauthSpf(): MailauthSpf {
  const require = createRequire(import.meta.url);
  const verifyModule = require('mailauth/lib/spf/spf-verify.js') as {
    spfVerify?: SpfVerify & { [WRAPPED]?: true };
  };
  const original = verifyModule.spfVerify;
  if (typeof original === 'function' && !original[WRAPPED]) {
    const wrapper: SpfVerify & { [WRAPPED]?: true } = (domain, opts) => {
      const evaluation = original(domain, opts);
      startedEvaluation = evaluation;
      return evaluation;
    };
    wrapper[WRAPPED] = true;
    verifyModule.spfVerify = wrapper;
  }
  const indexPath = require.resolve('mailauth/lib/spf/index.js');
  // Loaded earlier with the unwrapped function bound: take our own copy (the other holder keeps theirs).
  if (require.cache[indexPath]) delete require.cache[indexPath];
  const { spf } = require(indexPath) as { spf: MailauthSpf };
  return spf;
}

const mailauthSpf = loadMailauthSpf();

/** %{r} (RFC 7208 7.3): "unknown" when the checking host has no name to give. */
const RECEIVER = 'unknown';

/** SPF's words (RFC 7208 2.6): every RFC 8601 word but policy. */
const SPF_RESULTS = AUTH_RESULTS.filter((r) => r !== 'policy');
const asResult = (value: unknown): AuthResult => toAuthResult(value, SPF_RESULTS, 'temperror');

export interface MailauthSpfInput {
  ip: string;
  /** The address whose domain is checked ('' is the null sender: postmaster@helo). */
  sender: string;
  helo: string | null;
  resolver: MailauthResolver;
}

/** RFC 1035: a domain name is at most 255 octets; a longer HELO is no name. */
const MAX_HELO_CHARS = 255;

/** The HELO name mailauth gets (%{h}, postmaster@HELO): trimmed; null when empty or longer than a name can be. */
const mailauthHelo = (helo: string | null | undefined): string | null => {
  const name = helo?.trim() || null;
  return name && name.length <= MAX_HELO_CHARS ? name : null;
};

/**
 * One mailauth evaluation in strict mode, with the matched mechanism. Sender ID reuses it with a
 * resolver that presents its record to mailauth. Never throws.
 */
export async function runMailauthSpf(input: MailauthSpfInput): Promise<SpfEvaluation> {
  let response: MailauthSpfResponse;
  let evaluation: Promise<VerifyResult | false> | undefined;
  try {
    startedEvaluation = undefined;
    const pending = mailauthSpf({
      sender: input.sender,
      ip: input.ip,
      helo: mailauthHelo(input.helo) ?? undefined,
      mta: RECEIVER,
      strict: true,
      resolver: input.resolver,
    });
    evaluation = startedEvaluation;
    startedEvaluation = undefined;
    response = await pending;
  } catch (err) {
    return { ...EMPTY, result: 'temperror', reason: err instanceof Error ? err.message : String(err) };
  }
  const verified = await settle(evaluation);
  const result = asResult(response.status?.result);
  const record = typeof response.rr === 'string' ? response.rr : null;
  const domain = typeof response.domain === 'string' && isDnsName(response.domain) ? response.domain : null;
  return {
    result,
    domain,
    record,
    mechanism:
      result === 'pass' || result === 'fail' || result === 'softfail' || result === 'neutral'
        ? describeMechanism(verified.value, record)
        : null,
    explanation: result === 'fail' && typeof response.explanation === 'string' ? response.explanation : null,
    lookups: typeof response.lookups?.count === 'number' ? response.lookups.count : null,
    voidLookups: typeof response.lookups?.void === 'number' ? response.lookups.void : null,
    reason:
      result === 'permerror' || result === 'temperror'
        ? (verified.reason ?? reasonFromComment(response))
        : null,
  };
}

/** A lower-case A-label name of two or more labels: what SPF can evaluate (a literal or garbage is not). */
const isDnsName = (name: string): boolean => /^(?=.{1,253}$)([a-z0-9_-]{1,63}\.)+[a-z0-9-]{1,63}$/.test(name);

const EMPTY: SpfEvaluation = {
  result: 'none',
  domain: null,
  mechanism: null,
  explanation: null,
  record: null,
  lookups: null,
  voidLookups: null,
  reason: null,
};

/** The captured spfVerify outcome: its value, or the reason it was rejected with. */
async function settle(
  evaluation: Promise<VerifyResult | false> | undefined,
): Promise<{ value: VerifyResult | false; reason: string | null }> {
  if (!evaluation) return { value: false, reason: null };
  try {
    const value = await evaluation;
    return { value, reason: value && typeof value.text === 'string' ? value.text : null };
  } catch (err) {
    const spfResult = (err as { spfResult?: { text?: unknown } } | null)?.spfResult;
    const text =
      typeof spfResult?.text === 'string' ? spfResult.text : err instanceof Error ? err.message : null;
    return { value: false, reason: text };
  }
}

/** mailauth's comment is "<mta>: ... during lookup of <sender>: <reason>"; the part after the sender. */
function reasonFromComment(response: MailauthSpfResponse): string | null {
  const comment = response.status?.comment ?? '';
  const match = /during lookup of \S*: (.+)$/.exec(comment);
  return match?.[1] ?? null;
}

/** A term of an SPF record: qualifier ('+' when none is written), name, value after ':' or '='. */
interface Term {
  text: string;
  qualifier: string;
  name: string;
  value: string;
}

function parseTerm(text: string): Term {
  const qualified = /^[+?~-]/.test(text);
  const qualifier = qualified ? text[0]! : '+';
  const body = qualified ? text.slice(1) : text;
  const match = /^([^:/=]*)[:=]?(.*)$/.exec(body)!;
  return { text, qualifier, name: match[1]!.toLowerCase(), value: match[2] ?? '' };
}

const termsOf = (record: string): Term[] => record.split(' ').filter(Boolean).slice(1).map(parseTerm);

/**
 * The decisive term as an admin reads it: the term as written in the record when exactly one term
 * there fits what mailauth matched, else rebuilt from mailauth's data. For "a" mailauth reports the
 * evaluated domain, not the term's target, so it is only trusted through the record.
 */
export function describeMechanism(match: VerifyResult | false, record: string | null): string | null {
  if (!match || typeof match.type !== 'string' || typeof match.qualifier !== 'string') return null;
  const type = match.type.toLowerCase();
  const qualifier = match.qualifier === '+' ? '' : match.qualifier;
  const val = typeof match.val === 'string' ? match.val : '';
  const valueMatters = type === 'ip4' || type === 'ip6' || type === 'include';
  if (record) {
    const fits = termsOf(record).filter(
      (term) =>
        term.name === type &&
        term.qualifier === match.qualifier &&
        (!valueMatters || term.value.toLowerCase() === val.toLowerCase()),
    );
    if (fits.length === 1) return fits[0]!.text;
  }
  if (type === 'all') return `${qualifier}all`;
  if (valueMatters || type === 'exists') return `${qualifier}${type}:${val}`;
  return `${qualifier}${type}`;
}

// --- one evaluation -------------------------------------------------------------------------------

/** A HELO name SPF can check: a domain name with a dot, not an address literal or a bare IP. */
export function heloIdentity(helo: string | null | undefined): string | null {
  const name = (helo ?? '').trim().replace(/\.$/, '');
  if (!name || name.startsWith('[') || isIP(name) || !name.includes('.') || name.length > 253) return null;
  return /^[\x21-\x7e]+$/.test(name) ? name : null;
}

/** RFC 5321 4.5.3.1.3: a reverse-path is at most 256 octets; anything longer is not an address we check. */
export const MAX_PATH_CHARS = 256;

/** "<a@b>" as written in SMTP is the address a@b, and "<>" the null sender (''). */
export const reversePath = (mailFrom: string): string =>
  mailFrom
    .trim()
    .replace(/^<(.*)>$/s, '$1')
    .trim();

/**
 * The domain SPF evaluates for an envelope, when it is a DNS name: MAIL FROM's, or the HELO name for the
 * null sender and an unknown MAIL FROM (RFC 7208 2.3, 2.4). Sender ID and DMARC need it before SPF ends.
 */
export function spfIdentityDomain(envelope: Pick<Envelope, 'mailFrom' | 'helo'>): string | null {
  const mailFrom = envelope.mailFrom === null ? '' : reversePath(envelope.mailFrom);
  const name = mailFrom ? mailFrom.slice(mailFrom.lastIndexOf('@') + 1) : (heloIdentity(envelope.helo) ?? '');
  const domain = normalizeDomain(name);
  return isDnsName(domain) ? domain : null;
}

/** One SPF evaluation: MAIL FROM, or postmaster@HELO for the null sender (''). */
export async function evaluateSpf(query: SpfQuery, dns: DnsSession): Promise<SpfEvaluation> {
  const mailFrom = reversePath(query.mailFrom);
  if (mailFrom.length > MAX_PATH_CHARS || (mailFrom === '' && !mailauthHelo(query.helo))) return { ...EMPTY };
  return runMailauthSpf({ ip: query.ip, sender: mailFrom, helo: query.helo, resolver: dns.mailauthResolver });
}

// --- lookups the record tree needs ------------------------------------------------------------------

const LOOKUP_TERMS = new Set(['include', 'a', 'mx', 'ptr', 'exists']);
/** RFC 7208 4.5: an SPF record starts with "v=spf1", then a space or its end. */
export const SPF_VERSION = /^v=spf1(?: |$)/i;

/** The v=spf1 records of a name (character-strings joined); none when the lookup failed. */
export async function spfRecordsOf(domain: string, dns: DnsSession): Promise<string[]> {
  try {
    return (await dns.records(domain, 'TXT'))
      .map((parts) => parts.join(''))
      .filter((r) => SPF_VERSION.test(r));
  } catch {
    return [];
  }
}

/** The one v=spf1 record of a name, null when there is none, several, or the lookup failed. */
async function spfRecordOf(domain: string, dns: DnsSession): Promise<string | null> {
  const records = await spfRecordsOf(domain, dns);
  return records.length === 1 ? records[0]! : null;
}

/**
 * DNS-querying terms (include a mx ptr exists redirect, RFC 7208 4.6.4) of the record and every
 * record it includes or redirects to: what an evaluation that matches nothing would spend.
 * Targets with macros count once and are not followed. Bounded by LIMITS.maxSpfTreeRecords.
 */
export async function spfTreeLookups(domain: string, dns: DnsSession): Promise<number> {
  const seen = new Set<string>();
  const walk = async (name: string): Promise<number> => {
    const key = name.toLowerCase().replace(/\.$/, '');
    if (seen.has(key) || seen.size >= LIMITS.maxSpfTreeRecords) return 0;
    seen.add(key);
    const record = await spfRecordOf(key, dns);
    if (!record) return 0;
    const terms = termsOf(record);
    const hasAll = terms.some((t) => t.name === 'all');
    let count = 0;
    const targets: string[] = [];
    for (const term of terms) {
      const isRedirect = term.name === 'redirect' && !hasAll && term.text.includes('=');
      if (!isRedirect && !(LOOKUP_TERMS.has(term.name) && !term.text.includes('='))) continue;
      count++;
      if ((isRedirect || term.name === 'include') && term.value && !term.value.includes('%'))
        targets.push(term.value);
    }
    const nested = await Promise.all(targets.map(walk));
    return nested.reduce((sum, n) => sum + n, count);
  };
  return walk(domain);
}

// --- what to publish ----------------------------------------------------------------------------------

/** The ip4: or ip6: term for the client address (an IPv4-mapped IPv6 address is IPv4, RFC 7208 5). */
export function ipTerm(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip.trim());
  if (mapped) return `ip4:${mapped[1]}`;
  return isIP(ip.trim()) === 6 ? `ip6:${ip.trim().toLowerCase()}` : `ip4:${ip.trim()}`;
}

/** The record to publish where there is none: this IP only, everything else fails. */
export const newSpfRecord = (ip: string): string => `v=spf1 ${ipTerm(ip)} -all`;

/**
 * The sender's record with the client IP added where it decides first: before the first term that
 * can give a non-pass result (a -, ~ or ? mechanism such as "~all") or redirect=, else at the end.
 * Works for any version tag (v=spf1, spf2.0/pra).
 */
export function recordWithIp(record: string, ip: string): string {
  const [version, ...rest] = record.split(' ').filter(Boolean);
  if (!version) return newSpfRecord(ip);
  const term = ipTerm(ip);
  const at = rest.findIndex((t) => /^[-~?]/.test(t) || /^redirect=/i.test(t));
  if (at < 0) rest.push(term);
  else rest.splice(at, 0, term);
  return [version, ...rest].join(' ');
}

/**
 * TXT record text an admin can paste: as is up to 255 bytes; longer, as the quoted 255-byte
 * character-strings a zone file needs (DNS hosting panels accept either form).
 */
export function txtValue(text: string): string {
  if (Buffer.byteLength(text) <= 255) return text;
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += 255) parts.push(`"${text.slice(i, i + 255)}"`);
  return parts.join(' ');
}

// --- the check -------------------------------------------------------------------------------------------

/** Results that evaluated the record to the end (permerror/temperror have their own finding). */
const EVALUATED: readonly AuthResult[] = ['pass', 'fail', 'softfail', 'neutral'];

/** 8 to 10 DNS lookups pass but leave no room; more is a permerror for some senders. */
const LOOKUPS_WARN_AT = 8;

export async function checkSpf(ctx: CheckContext): Promise<CheckOutput<SpfAuth>> {
  const ip = ctx.envelope.clientIp;
  const mailFrom = ctx.envelope.mailFrom === null ? null : reversePath(ctx.envelope.mailFrom);
  const helo = heloIdentity(ctx.envelope.helo);
  const identity: SpfAuth['identity'] = mailFrom ? 'mailfrom' : 'helo';
  try {
    // Without a MAIL FROM: postmaster@HELO, when HELO is a name SPF can check (else nothing is evaluated).
    const mainRun = evaluateSpf(
      { ip, mailFrom: mailFrom ?? '', helo: identity === 'mailfrom' ? ctx.envelope.helo : helo },
      ctx.dns,
    );
    const heloRun = identity === 'mailfrom' && helo ? evaluateSpf({ ip, mailFrom: '', helo }, ctx.dns) : null;
    const identityDomain = spfIdentityDomain(ctx.envelope);
    const treeRun = identityDomain ? spfTreeLookups(identityDomain, ctx.dns) : 0;
    const [main, heloEval, treeLookups] = await Promise.all([mainRun, heloRun, treeRun]);
    const heloResult = heloEval ?? (identity === 'helo' && helo ? main : null);
    const lookups = main.record ? Math.max(main.lookups ?? 0, treeLookups) : main.lookups;
    const findings = spfFindings({
      ip,
      identity,
      mailFrom,
      helo,
      main: { ...main, lookups },
      heloEval,
    });
    return {
      result: {
        result: main.result,
        domain: main.domain,
        mechanism: main.mechanism,
        record: main.record,
        identity,
        explanation: main.explanation,
        lookups,
        helo: heloResult ? { result: heloResult.result, domain: heloResult.domain ?? helo } : null,
      },
      findings,
    };
  } catch (err) {
    // Nothing above should throw; if it does, the report still arrives with a temperror.
    const reason = err instanceof Error ? err.message : String(err);
    return {
      result: { ...EMPTY_AUTH, result: 'temperror', identity },
      findings: [{ id: 'spf.temperror', params: { domain: null, reason, ip } }],
    };
  }
}

const EMPTY_AUTH: SpfAuth = {
  result: 'none',
  domain: null,
  mechanism: null,
  record: null,
  identity: 'mailfrom',
  explanation: null,
  lookups: null,
  helo: null,
};

interface FindingInput {
  ip: string;
  identity: SpfAuth['identity'];
  mailFrom: string | null;
  helo: string | null;
  main: SpfEvaluation;
  heloEval: SpfEvaluation | null;
}

/** The findings of one check run, with the values the words need (the fix text filled in). */
function spfFindings(input: FindingInput): Finding[] {
  const { ip, identity, mailFrom, helo, main, heloEval } = input;
  const findings: Finding[] = [];
  const sender = identity === 'mailfrom' ? mailFrom : helo ? `postmaster@${helo}` : null;
  // MAIL FROM unknown and no HELO name to check: nothing was evaluated, so nothing is scored.
  const evaluated = identity === 'mailfrom' || helo !== null || mailFrom === '';
  if (evaluated) findings.push(resultFinding(main, ip, sender));
  if (mailFrom === null) findings.push({ id: 'spf.no-envelope', params: { helo, checked: sender } });
  if (main.lookups !== null && main.lookups >= LOOKUPS_WARN_AT && EVALUATED.includes(main.result)) {
    findings.push({
      id: 'spf.lookups-near-limit',
      params: {
        domain: main.domain,
        lookups: main.lookups,
        record: main.record ? txtValue(main.record) : null,
      },
    });
  }
  if (heloEval && helo) {
    findings.push({
      id: 'spf.helo',
      params: { helo, result: heloEval.result, record: heloEval.record, suggested: newSpfRecord(ip) },
    });
  }
  return findings;
}

function resultFinding(evaluation: SpfEvaluation, ip: string, sender: string | null): Finding {
  const { result, domain, record, mechanism } = evaluation;
  const base: FindingParams = { domain, ip, sender, record: record ? txtValue(record) : null, mechanism };
  switch (result) {
    case 'pass':
      return { id: 'spf.pass', params: base };
    case 'fail':
    case 'softfail':
    case 'neutral':
      return {
        id: `spf.${result}`,
        params: {
          ...base,
          explanation: evaluation.explanation,
          suggested: txtValue(record ? recordWithIp(record, ip) : newSpfRecord(ip)),
        },
      };
    case 'none':
      return { id: 'spf.none', params: { ...base, suggested: newSpfRecord(ip) } };
    case 'permerror':
      return {
        id: 'spf.permerror',
        params: {
          ...base,
          reason: evaluation.reason,
          lookups: evaluation.lookups,
          voidLookups: evaluation.voidLookups,
        },
      };
    default:
      return { id: 'spf.temperror', params: { ...base, reason: evaluation.reason } };
  }
}
