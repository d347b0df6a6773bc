/**
 * MTA-STS (RFC 8461): the `_mta-sts` TXT record, the policy at https://mta-sts.<domain>/.well-known/mta-sts.txt
 * (fetched as a sending MTA would: a valid certificate for the policy host, no redirects, text/plain), its
 * fields, and whether its mx patterns cover every MX host (in enforce mode, mail to an uncovered host fails).
 */
import type { Finding } from '../checks/types.js';
import { isNoRecords, errorCode } from '../dns/types.js';
import { LIMITS } from '../limits.js';
import { fetchHttps, mediaType, type FetchResult } from './https-fetch.js';
import {
  idFromClock,
  isExtensionTag,
  parseTags,
  recordsWithVersion,
  shownRecord,
  txtRecords,
} from './txt-records.js';
import type { AuditContext, AuditSection, MtaStsData } from './types.js';

type Mode = 'enforce' | 'testing' | 'none';

/** RFC 8461 3.2: the largest max_age (one year). */
const MAX_AGE_LIMIT = 31_557_600;
/**
 * Ours: below a day a sender's cached policy lapses between its daily fetches, and an attacker who strips
 * STARTTLS from the gap faces no policy at all. RFC 8461 suggests weeks.
 */
const MAX_AGE_SHORT = 86_400;
/** What the fixes suggest: a day while testing (changes spread fast), a week once enforcing (RFC 8461's example). */
const MAX_AGE_TESTING = 86_400;
const MAX_AGE_ENFORCE = 604_800;

const RECORD_VERSION = 'v=STSv1';
/** RFC 8461 3.1: id is 1-32 letters and digits. */
const ID = /^[A-Za-z0-9]{1,32}$/;
/** One DNS label as RFC 5321's Domain allows it (letters, digits, inner hyphens). */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const policyHostOf = (domain: string): string => `mta-sts.${domain}`;
export const policyUrlOf = (domain: string): string =>
  `https://${policyHostOf(domain)}/.well-known/mta-sts.txt`;

const bareName = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/** The id of a valid `v=STSv1` record (RFC 8461 3.1 ABNF), or null when it breaks the syntax. */
export function stsRecordId(record: string): string | null {
  const tags = parseTags(record);
  if (!tags || tags.length < 2 || `${tags[0]!.name}=${tags[0]!.value}` !== RECORD_VERSION) return null;
  let id: string | null = null;
  for (const tag of tags.slice(1)) {
    if (tag.name === 'id') {
      if (!ID.test(tag.value) || id !== null) return null;
      id = tag.value;
    } else if (!isExtensionTag(tag)) return null;
  }
  return id;
}

export interface ParsedPolicy {
  version: string | null;
  mode: Mode | null;
  maxAge: number | null;
  mx: string[];
  /** What breaks RFC 8461 3.2, coded, in the order found. */
  problems: string[];
}

const isMxPattern = (pattern: string): boolean => {
  const name = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  return name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
};

/**
 * The policy's fields (RFC 8461 3.2): "key: value" lines ended by LF or CRLF, unknown keys ignored, the
 * first of a repeated single-valued key kept. Bounded by LIMITS.mtaStsPolicyLines and mtaStsMxPatterns.
 */
export function parsePolicy(text: string): ParsedPolicy {
  const policy: ParsedPolicy = { version: null, mode: null, maxAge: null, mx: [], problems: [] };
  const problem = (code: string) => {
    if (!policy.problems.includes(code)) policy.problems.push(code);
  };
  let maxAgeText: string | null = null;
  let modeText: string | null = null;
  for (const rawLine of text.split('\n').slice(0, LIMITS.mtaStsPolicyLines)) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problem('syntax');
      continue;
    }
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (key === 'version') policy.version ??= value;
    else if (key === 'mode') modeText ??= value;
    else if (key === 'max_age') maxAgeText ??= value;
    else if (key === 'mx') {
      const pattern = bareName(value);
      if (!isMxPattern(pattern)) problem('mx-syntax');
      else if (policy.mx.length < LIMITS.mtaStsMxPatterns && !policy.mx.includes(pattern))
        policy.mx.push(pattern);
    } else if (/\s/.test(key)) problem('syntax');
  }
  if (policy.version !== 'STSv1') problem('version');
  if (modeText === 'enforce' || modeText === 'testing' || modeText === 'none') policy.mode = modeText;
  else problem('mode');
  if (maxAgeText !== null && /^\d{1,10}$/.test(maxAgeText) && Number(maxAgeText) <= MAX_AGE_LIMIT)
    policy.maxAge = Number(maxAgeText);
  else problem('max-age');
  if (policy.mode !== 'none' && policy.mode !== null && policy.mx.length === 0) problem('mx-missing');
  return policy;
}

/** RFC 8461 4.1: a pattern matches the host itself, or with a leading "*." exactly one more label on the left. */
export function mxMatches(pattern: string, host: string): boolean {
  const name = bareName(host);
  if (!pattern.startsWith('*.')) return name === pattern;
  const suffix = pattern.slice(1);
  return name.endsWith(suffix) && name.length > suffix.length && !name.slice(0, -suffix.length).includes('.');
}

/** The MX hosts (null MX left out), or null when the lookup failed; nullMx when the domain receives no mail. */
async function mxHostsOf(ctx: AuditContext): Promise<{ hosts: string[]; nullMx: boolean } | null> {
  try {
    const records = await ctx.dns.records(ctx.domain, 'MX');
    const hosts = [...new Set(records.map((mx) => bareName(mx.exchange)).filter(Boolean))];
    return { hosts: hosts.slice(0, LIMITS.auditMxHosts), nullMx: hosts.length === 0 };
  } catch (err) {
    return isNoRecords(err) ? { hosts: [], nullMx: false } : null;
  }
}

/** The policy file a fix asks for: LF lines (RFC 8461's ABNF accepts LF or CRLF). */
export const policyText = (mode: Mode, mx: readonly string[], maxAge: number): string =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((pattern) => `mx: ${pattern}`), `max_age: ${maxAge}`].join(
    '\n',
  );

const txtLine = (name: string, value: string): string => `${name}. TXT "${value}"`;

export const stsRecordLine = (domain: string, id: string): string =>
  txtLine(`_mta-sts.${domain}`, `${RECORD_VERSION}; id=${id}`);

export const tlsRptRecordLine = (domain: string): string =>
  txtLine(`_smtp._tls.${domain}`, `v=TLSRPTv1; rua=mailto:tls-reports@${domain}`);

/** The fetch's failure as a finding; a certificate the policy host cannot prove has its own. */
function fetchFinding(result: Extract<FetchResult, { ok: false }>, domain: string): Finding {
  const url = policyUrlOf(domain);
  const host = policyHostOf(domain);
  if (result.error === 'disabled') return { id: 'mtaSts.policy-not-checked', params: { url } };
  if (result.error === 'certificate')
    return { id: 'mtaSts.policy-certificate', params: { url, host, code: result.detail } };
  return {
    id: 'mtaSts.policy-unreachable',
    params: { url, host, reason: result.error, detail: result.detail },
  };
}

const shownPolicy = (text: string): string =>
  text.length > LIMITS.mtaStsPolicyShownChars ? `${text.slice(0, LIMITS.mtaStsPolicyShownChars)}…` : text;

export async function auditMtaSts(ctx: AuditContext): Promise<AuditSection<MtaStsData>> {
  const { domain } = ctx;
  const policyUrl = policyUrlOf(domain);
  const data: MtaStsData = {
    record: null,
    id: null,
    policy: null,
    error: null,
    policyUrl,
    problems: [],
    mxHosts: [],
    uncoveredMx: [],
  };
  const findings: Finding[] = [];
  const newId = idFromClock(ctx.now);
  try {
    // The policy host's addresses are asked now, beside the record, so a fetch does not wait a round trip.
    if (ctx.options.fetch?.enabled !== false)
      ctx.dns.prefetch([
        [policyHostOf(domain), 'A'],
        [policyHostOf(domain), 'AAAA'],
      ]);
    const [txt, mx] = await Promise.all([txtRecords(ctx.dns, `_mta-sts.${domain}`), mxHostsOf(ctx)]);
    data.mxHosts = mx?.hosts ?? [];
    if ('error' in txt) {
      data.error = txt.error;
      findings.push({ id: 'mtaSts.error', params: { domain, code: txt.error } });
      return { data, findings };
    }
    const records = recordsWithVersion(txt.records, RECORD_VERSION);
    if (records.length === 0) {
      // A domain with a null MX receives no mail: there is nothing for MTA-STS to protect.
      if (!mx?.nullMx) findings.push(noneFinding(domain, data.mxHosts, newId));
      return { data, findings };
    }
    data.record = shownRecord(records[0]!);
    data.id = stsRecordId(records[0]!);
    if (records.length > 1) {
      data.error = 'multiple';
      findings.push({
        id: 'mtaSts.record-multiple',
        params: {
          domain,
          count: records.length,
          records: records.map(shownRecord),
          suggested: stsRecordLine(domain, newId),
        },
      });
    } else if (data.id === null) {
      data.error = 'syntax';
      findings.push({
        id: 'mtaSts.record-syntax',
        params: { domain, record: data.record, suggested: stsRecordLine(domain, newId) },
      });
    }

    // Senders fetch the policy only for a valid record; we fetch it anyway, to report both faults at once.
    const fetched = await fetchHttps(ctx.dns, new URL(policyUrl), {
      maxBytes: LIMITS.mtaStsPolicyBytes,
      options: ctx.options.fetch,
    });
    if (!fetched.ok) {
      data.error ??= fetched.error;
      findings.push(fetchFinding(fetched, domain));
      return { data, findings };
    }
    const text = fetched.body.toString('utf8');
    const parsed = parsePolicy(text);
    if (mediaType(fetched.contentType) !== 'text/plain') parsed.problems.unshift('content-type');
    data.policy = { mode: parsed.mode, maxAge: parsed.maxAge, mx: parsed.mx, text: shownPolicy(text) };
    data.problems = parsed.problems;
    findings.push(...policyFindings(ctx, data, parsed, fetched.contentType, newId));
  } catch (err) {
    // Nothing above should throw; if it does, the section still ends with a finding.
    data.error = errorCode(err);
    findings.push({ id: 'mtaSts.error', params: { domain, code: data.error } });
  }
  return { data, findings };
}

function noneFinding(domain: string, mxHosts: readonly string[], id: string): Finding {
  return {
    id: 'mtaSts.none',
    params: {
      domain,
      suggested: stsRecordLine(domain, id),
      policy: policyText('testing', mxHosts.length ? mxHosts : [domain], MAX_AGE_TESTING),
      url: policyUrlOf(domain),
      host: policyHostOf(domain),
      suggestedRecord: tlsRptRecordLine(domain),
    },
  };
}

function policyFindings(
  ctx: AuditContext,
  data: MtaStsData,
  parsed: ParsedPolicy,
  contentType: string | null,
  newId: string,
): Finding[] {
  const { domain } = ctx;
  const findings: Finding[] = [];
  const url = data.policyUrl;
  const suggested = stsRecordLine(domain, newId);
  // The patterns a corrected policy needs: the policy's own, plus every MX host it misses.
  const mode = parsed.mode;
  const missed = data.mxHosts.filter((host) => !parsed.mx.some((pattern) => mxMatches(pattern, host)));
  // Mode none withdraws the policy: its patterns protect nothing, so nothing is "uncovered".
  data.uncoveredMx = mode === 'enforce' || mode === 'testing' ? missed : [];
  const mx = [...parsed.mx, ...missed];
  const patterns = mx.length ? mx : data.mxHosts.length ? data.mxHosts : [domain];
  if (parsed.problems.length) {
    data.error ??= 'invalid';
    findings.push({
      id: 'mtaSts.policy-invalid',
      params: {
        url,
        reason: parsed.problems[0]!,
        problems: parsed.problems,
        contentType: contentType ?? null,
        policy: policyText(parsed.mode ?? 'testing', patterns, Math.max(parsed.maxAge ?? 0, MAX_AGE_TESTING)),
        suggested,
      },
    });
  }
  if (data.uncoveredMx.length && (mode === 'enforce' || mode === 'testing')) {
    findings.push({
      id: mode === 'enforce' ? 'mtaSts.mx-not-covered' : 'mtaSts.mx-not-covered-testing',
      params: {
        domain,
        url,
        hosts: data.uncoveredMx,
        patterns: parsed.mx,
        policy: policyText(mode, patterns, parsed.maxAge ?? MAX_AGE_ENFORCE),
        suggested,
      },
    });
  }
  if (parsed.maxAge !== null && parsed.maxAge < MAX_AGE_SHORT && mode !== 'none') {
    findings.push({
      id: 'mtaSts.max-age-short',
      params: {
        url,
        maxAge: parsed.maxAge,
        minimum: MAX_AGE_SHORT,
        policy: policyText(mode ?? 'testing', patterns, MAX_AGE_ENFORCE),
        suggested,
      },
    });
  }
  if (mode === 'testing') {
    findings.push({
      id: 'mtaSts.testing',
      params: { domain, url, policy: policyText('enforce', patterns, MAX_AGE_ENFORCE), suggested },
    });
  } else if (mode === 'none') {
    findings.push({ id: 'mtaSts.mode-none', params: { domain, url } });
  } else if (mode === 'enforce' && findings.length === 0 && data.error === null) {
    findings.push({ id: 'mtaSts.enforce', params: { domain, maxAge: parsed.maxAge, patterns: parsed.mx } });
  }
  return findings;
}
