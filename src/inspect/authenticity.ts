/**
 * Who really sent it: the receiving provider's Authentication-Results (RFC 8601, src/message/auth-results.ts)
 * and ARC, trusted only for the authserv-ids the user names or the well-known providers' and only where the
 * recipient's own side wrote them; DKIM re-verified now and explained when it broke in transit.
 *
 * Where a trusted header can sit. Receivers prepend their fields, so the header reads, top down: what the
 * recipient's systems added (their Received fields, Authentication-Results, ARC), then the Received field of
 * the first external hop (written by the recipient's MX about the server that connected to it), then whatever
 * came with the message. Gmail writes its Authentication-Results just below that Received field, so the
 * receiving zone ends at the next Received field (written before the MX got the message) or at the first field
 * a sender writes (From, DKIM-Signature, ...), whichever comes first. An Authentication-Results field below
 * that zone was written by someone the recipient does not know, whatever its authserv-id says: it is
 * ignored, and said so. Within the zone the topmost field of a trusted provider is the receiver's own (RFC 8601
 * 5: a receiver removes or renames older fields bearing its id, and its own is added last).
 */
import type { Finding } from '../checks/types.js';
import { parseAuthResults, type AuthResultEntry, type ParsedAuthResults } from '../message/auth-results.js';
import { receivedChain } from '../message/received.js';
import { LIMITS } from '../limits.js';
import { domainOf, domainsAlign, normalizeDomain } from '../names/org-domain.js';
import { parseMailboxes } from '../message/parse.js';
import type { DkimSignatureAuth } from '../report/types.js';
import { firstExternalHop, isMicrosoftHost } from './hops.js';
import type { AuthenticityData, AuthResultsHeader, InspectContext, InspectPart } from './types.js';

// ---------------------------------------------------------------------------------------------
// Trusted authserv-ids

/**
 * The well-known providers' authserv-ids, by provider (fields of one provider are read together: Apple writes
 * one field per method). Only ids these providers are known to write for their own receivers.
 */
const WELL_KNOWN: ReadonlyArray<{ provider: string; matches: (id: string) => boolean }> = [
  // Gmail and Google Workspace: "Authentication-Results: mx.google.com; ..." (ARC: the same id, d=google.com).
  { provider: 'google', matches: (id) => id === 'mx.google.com' },
  // Microsoft 365 / Outlook.com seal ARC as "mx.microsoft.com 1" (their own AR field names no id: see below).
  { provider: 'microsoft', matches: (id) => id === 'mx.microsoft.com' },
  // Yahoo and AOL (one platform): ids like "atlas116.free.mail.ne1.yahoo.com", all under yahoo.com.
  { provider: 'yahoo', matches: (id) => id === 'yahoo.com' || id.endsWith('.yahoo.com') },
  // iCloud: one field per method, "spf.icloud.com", "dkim-verifier.icloud.com", "dmarc.icloud.com", ...
  { provider: 'apple', matches: (id) => id.endsWith('.icloud.com') },
];

/** Fields a sender writes: the receiving zone ends at the first of them (receivers only prepend). */
const SENDER_FIELDS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'subject',
  'date',
  'message-id',
  'dkim-signature',
  'mime-version',
  'content-type',
  'reply-to',
]);

/** The provider a header belongs to when we trust it (a user-named id is its own provider), or null. */
function trustedProvider(id: string, trust: readonly string[], receivingHost: string): string | null {
  // Microsoft's receivers (Exchange Online Protection) write their field without an authserv-id: it is theirs
  // only when the recipient's MX, as its own Received field records it, is one of theirs.
  if (id === '') return isMicrosoftHost(receivingHost) ? 'microsoft' : null;
  if (trust.some((t) => t.toLowerCase().replace(/\.$/, '') === id)) return `user:${id}`;
  return WELL_KNOWN.find((p) => p.matches(id))?.provider ?? null;
}

// ---------------------------------------------------------------------------------------------
// Reading the fields

interface ReadField {
  /** Position in the header (0 = first field). */
  position: number;
  /** 1 = topmost Authentication-Results field. */
  index: number;
  parsed: ParsedAuthResults;
}

function readFields(ctx: InspectContext, key: string): ReadField[] {
  const fields: ReadField[] = [];
  ctx.message.headers.forEach((field, position) => {
    if (field.key !== key || fields.length >= LIMITS.authResultsFields) return;
    const value =
      key === 'arc-authentication-results' ? field.value.replace(/^\s*i\s*=\s*\d+\s*;/i, '') : field.value;
    fields.push({ position, index: fields.length + 1, parsed: parseAuthResults(value) });
  });
  return fields;
}

/** The header position where the receiving zone ends (exclusive); 0 when nothing can be trusted. */
function receivingZoneEnd(ctx: InspectContext): { end: number; receivingHost: string } {
  const chain = receivedChain(ctx.message);
  if (chain.total === 0) return { end: 0, receivingHost: '' };
  const external = firstExternalHop(chain);
  const receivedPositions: number[] = [];
  ctx.message.headers.forEach((field, position) => {
    if (field.key === 'received') receivedPositions.push(position);
  });
  // Without an external hop every hop was internal: the zone runs down to the sender's own fields.
  const below = external === null ? undefined : receivedPositions[external];
  const firstSenderField = ctx.message.headers.findIndex((field) => SENDER_FIELDS.has(field.key));
  const limits = [below, firstSenderField < 0 ? undefined : firstSenderField].filter(
    (n): n is number => n !== undefined,
  );
  const end = limits.length ? Math.min(...limits) : ctx.message.headers.length;
  const receivingHost = (external === null ? null : chain.hops[external - 1]?.by?.host) ?? '';
  return { end, receivingHost: receivingHost.toLowerCase() };
}

const toHeader = (field: ReadField, trusted: boolean): AuthResultsHeader => ({
  index: field.index,
  authservId: field.parsed.authservId,
  trusted,
  results: field.parsed.results.map(({ method, result, reason, properties }) => ({
    method,
    result,
    reason,
    properties,
  })),
});

// ---------------------------------------------------------------------------------------------
// The part

const EMPTY: AuthenticityData = { trusted: null, headers: [], arc: null, brokenSince: [] };

export async function inspectAuthenticity(ctx: InspectContext): Promise<InspectPart<AuthenticityData>> {
  try {
    return judge(ctx);
  } catch {
    return { data: EMPTY, findings: [] };
  }
}

function judge(ctx: InspectContext): InspectPart<AuthenticityData> {
  const fields = readFields(ctx, 'authentication-results');
  const { end, receivingHost } = receivingZoneEnd(ctx);
  const providers = fields.map((f) => trustedProvider(f.parsed.authservId, ctx.trust, receivingHost));
  const top = fields.findIndex((f, i) => providers[i] !== null && f.position < end);
  const provider = top < 0 ? null : providers[top]!;
  const own = receiverFields(fields, top, provider, providers, end);

  const findings: Finding[] = [];
  const spoofed = fields.filter((f, i) => providers[i] !== null && !own[i]);
  if (spoofed.length) {
    findings.push({
      id: 'inspect.spoofed-auth-results',
      params: { count: spoofed.length, ids: unique(spoofed.map((f) => f.parsed.authservId || '(none)')) },
    });
  }
  const untrusted = fields.filter((_, i) => providers[i] === null);
  if (untrusted.length) {
    findings.push({
      id: 'inspect.untrusted-auth-results',
      params: { count: untrusted.length, ids: unique(untrusted.map((f) => f.parsed.authservId || '(none)')) },
    });
  }

  const headers = fields.map((f, i) => toHeader(f, own[i]!));
  if (top < 0) {
    findings.push({ id: 'inspect.no-trusted-results', params: noTrustedParams(ctx) });
    return { data: { ...EMPTY, headers }, findings };
  }

  const trusted: AuthResultsHeader = {
    ...headers[top]!,
    results: headers.filter((h) => h.trusted).flatMap((h) => h.results),
  };
  const arc = arcResult(ctx, trusted, provider!, { end, receivingHost });
  const dkim = compareDkim(trusted.results, ctx.report.auth.dkim);
  findings.push(...verdictFindings(ctx, trusted, fields[top]!.parsed, arc));
  if (dkim.brokenSince.length) {
    findings.push({
      id: 'inspect.dkim-broken-in-transit',
      params: {
        signatures: dkim.brokenSince,
        part: dkim.bodyChanged ? 'body' : 'message',
        by: byName(trusted),
      },
    });
  }
  if (dkim.passesNow.length) {
    findings.push({
      id: 'inspect.dkim-key-changed',
      params: { signatures: dkim.passesNow, by: byName(trusted) },
    });
  }
  return { data: { trusted, headers, arc, brokenSince: dkim.brokenSince }, findings };
}

/** Providers that write one field per method (the others write one field per message). */
const FIELD_PER_METHOD = new Set(['apple']);

/**
 * The receiver's fields: its topmost one, and for a provider writing one field per method the others of the
 * same provider in the zone that add a method not seen yet (a repeated method below is not the receiver's).
 */
function receiverFields(
  fields: readonly ReadField[],
  top: number,
  provider: string | null,
  providers: ReadonlyArray<string | null>,
  end: number,
): boolean[] {
  const own = fields.map((_, i) => i === top);
  if (provider === null || !FIELD_PER_METHOD.has(provider)) return own;
  const seen = new Set(fields[top]!.parsed.results.map((r) => r.method));
  fields.forEach((f, i) => {
    if (i <= top || providers[i] !== provider || f.position >= end) return;
    const methods = f.parsed.results.map((r) => r.method);
    if (!methods.length || methods.some((m) => seen.has(m))) return;
    methods.forEach((m) => seen.add(m));
    own[i] = true;
  });
  return own;
}

/** authserv-ids named in a finding: they come from the message, so at most 10, each cut to 100 characters. */
const unique = (items: string[]): string[] => [...new Set(items.map((id) => id.slice(0, 100)))].slice(0, 10);
const byName = (header: AuthResultsHeader): string => header.authservId || 'Microsoft';

function noTrustedParams(ctx: InspectContext): Record<string, string> {
  const dkim = ctx.report.auth.dkim;
  const now = dkim.some((s) => s.result === 'pass') ? 'pass' : dkim.length ? 'fail' : 'none';
  return { dkim: now, dmarc: ctx.report.auth.dmarc.result };
}

// ---------------------------------------------------------------------------------------------
// What the trusted receiver said

const first = (results: AuthResultsHeader['results'], method: string) =>
  results.find((r) => r.method === method);

/** The From domain: as DMARC read it now, else the first From address. */
function fromDomain(ctx: InspectContext): string {
  if (ctx.report.auth.dmarc.domain) return normalizeDomain(ctx.report.auth.dmarc.domain);
  const from = ctx.message.headers.find((f) => f.key === 'from');
  return from ? domainOf(parseMailboxes(from.value)[0]?.address) : '';
}

/** The domain a DKIM result names: header.d, else the domain of header.i. */
const dkimDomain = (r: AuthResultsHeader['results'][number]): string =>
  normalizeDomain(r.properties['header.d'] ?? domainOf(r.properties['header.i'] ?? ''));

/** smtp.mailfrom is an address or, as Microsoft writes it, a bare domain. */
const mailFromDomain = (value: string | undefined): string =>
  value ? domainOf(value) || normalizeDomain(value) : '';

/** The DMARC policy: Gmail writes it in a comment "(p=REJECT sp=REJECT dis=NONE)"; else the one published now. */
function dmarcPolicy(ctx: InspectContext, parsed: ParsedAuthResults): string {
  const entry: AuthResultEntry | undefined = parsed.results.find((r) => r.method === 'dmarc');
  const written = entry?.properties['policy.dmarc'] ?? entry?.comments.join(' ').match(/\bp=(\w+)/i)?.[1];
  return (written ?? ctx.report.auth.dmarc.policy ?? 'none').toLowerCase();
}

function verdictFindings(
  ctx: InspectContext,
  trusted: AuthResultsHeader,
  parsed: ParsedAuthResults,
  arc: string | null,
): Finding[] {
  const domain = fromDomain(ctx);
  const results = trusted.results;
  const dmarc = first(results, 'dmarc');
  const by = byName(trusted);
  const from = normalizeDomain(dmarc?.properties['header.from'] ?? domain);
  if (dmarc?.result === 'pass')
    return [{ id: 'inspect.authenticated', params: { by, domain: from, via: 'dmarc' } }];
  if (dmarc?.result === 'fail') {
    return [
      {
        id: 'inspect.dmarc-fail',
        params: { by, domain: from, policy: dmarcPolicy(ctx, parsed), arc: arc ?? 'none' },
      },
    ];
  }
  // No DMARC verdict recorded: an aligned DKIM or SPF pass still ties the message to the From domain.
  const aligned = (d: string) => d !== '' && from !== '' && domainsAlign(d, from);
  const dkimPass = results.some((r) => r.method === 'dkim' && r.result === 'pass' && aligned(dkimDomain(r)));
  const spfPass = results.some(
    (r) =>
      r.method === 'spf' && r.result === 'pass' && aligned(mailFromDomain(r.properties['smtp.mailfrom'])),
  );
  if (dkimPass || spfPass) {
    return [{ id: 'inspect.authenticated', params: { by, domain: from, via: dkimPass ? 'dkim' : 'spf' } }];
  }
  return [
    { id: 'inspect.not-authenticated', params: { by, domain: from || '?', dmarc: dmarc?.result ?? 'none' } },
  ];
}

/** ARC as the trusted receiver recorded it: arc= in its results, else in its own ARC-Authentication-Results. */
function arcResult(
  ctx: InspectContext,
  trusted: AuthResultsHeader,
  provider: string,
  zone: { end: number; receivingHost: string },
): string | null {
  const inResults = first(trusted.results, 'arc');
  if (inResults) return inResults.result;
  // The topmost of the provider's own seals, where only the recipient's side could have added it.
  const sealed = readFields(ctx, 'arc-authentication-results').find(
    (f) =>
      f.position < zone.end &&
      trustedProvider(f.parsed.authservId, ctx.trust, zone.receivingHost) === provider,
  );
  return sealed?.parsed.results.find((r) => r.method === 'arc')?.result ?? null;
}

// ---------------------------------------------------------------------------------------------
// DKIM then and now

interface DkimComparison {
  /** Passed for the receiver, fails now: "d=example.com s=sel". */
  brokenSince: string[];
  /** Failed for the receiver, passes now. */
  passesNow: string[];
  /** A broken signature's body hash no longer matches (rather than its header fields). */
  bodyChanged: boolean;
}

const FAILED = new Set(['fail', 'neutral', 'permerror', 'policy']);

function compareDkim(then: AuthResultsHeader['results'], now: readonly DkimSignatureAuth[]): DkimComparison {
  const out: DkimComparison = { brokenSince: [], passesNow: [], bodyChanged: false };
  for (const recorded of then) {
    if (recorded.method !== 'dkim') continue;
    const domain = dkimDomain(recorded);
    const selector = recorded.properties['header.s']?.toLowerCase() ?? null;
    const same = now.filter(
      (s) =>
        s.domain !== null &&
        normalizeDomain(s.domain) === domain &&
        (selector === null || s.selector?.toLowerCase() === selector),
    );
    if (!domain || !same.length) continue;
    const label = selector ? `d=${domain} s=${selector}` : `d=${domain}`;
    const passes = same.some((s) => s.result === 'pass');
    if (recorded.result === 'pass' && !passes && same.some((s) => s.result === 'fail')) {
      if (!out.brokenSince.includes(label)) out.brokenSince.push(label);
      if (same.some((s) => s.reason === 'body hash did not verify')) out.bodyChanged = true;
    } else if (FAILED.has(recorded.result) && passes && !out.passesNow.includes(label)) {
      out.passesNow.push(label);
    }
  }
  return out;
}
