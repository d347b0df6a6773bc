/**
 * DMARC (RFC 9989): mailauth's evaluateDmarc (policy discovery by DNS Tree Walk, relaxed alignment by
 * Tree Walks of the identifiers) run on our DNS session, with the SPF result and the passing DKIM
 * signatures as its inputs. prefetchDmarc starts every lookup that evaluation will make as soon as the
 * message is known, so by the time SPF and DKIM are done the evaluation is answered from the cache.
 */
import { createRequire } from 'node:module';
import net from 'node:net';
import type { ARCResult, DMARCResult } from 'mailauth';
import { evaluateDmarc } from 'mailauth/lib/dmarc/index.js';
import type { MailauthResolver } from '../dns/session.js';
import type { RecordType } from '../dns/types.js';
import { LIMITS } from '../limits.js';
import { fieldsNamed } from '../message/parse.js';
import type { ParsedMessage } from '../message/types.js';
import { domainsAlign, normalizeDomain, organizationalDomain } from '../names/org-domain.js';
import {
  toAuthResult,
  type ArcAuth,
  type AuthResult,
  type DkimSignatureAuth,
  type DmarcAuth,
  type SpfAuth,
} from '../report/types.js';
import { signatureTags } from './dkim.js';
import { ipTerm, spfIdentityDomain } from './spf.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

export interface DmarcInput {
  spf: SpfAuth;
  dkim: DkimSignatureAuth[];
  arc: ArcAuth;
}

/** The DMARC result, and the DKIM signatures with `aligned` set under the record's adkim. */
export interface DmarcOutput extends CheckOutput<DmarcAuth> {
  dkim: DkimSignatureAuth[];
}

export type Policy = 'none' | 'quarantine' | 'reject';
export type PolicyTag = 'p' | 'sp' | 'np';

/** The tags of a parsed record, as mailauth's parser leaves them (values of hostile records: anything). */
interface DmarcTags {
  rr?: unknown;
  p?: unknown;
  sp?: unknown;
  np?: unknown;
  adkim?: unknown;
  aspf?: unknown;
  rua?: unknown;
  ruf?: unknown;
  t?: unknown;
}

type AuthorDomain =
  | { authorDomain: string; domain: string; mailboxes: number }
  | { authorDomain?: undefined; reason: string; domains: string[]; mailboxes: number };

// mailauth's helpers below have no type declarations and are not re-exported by lib/dmarc/index.js;
// we load them with their declared shapes so DMARC's author-domain rules and policy selection stay mailauth's.
const require = createRequire(import.meta.url);
const { getAuthorDomain } = require('mailauth/lib/dmarc/author-domain.js') as {
  getAuthorDomain: (headerFrom: string[], fromFields: number) => AuthorDomain;
};
const { createRecordLookup, discoverPolicy, domainExists, getPolicyTags } =
  require('mailauth/lib/dmarc/get-dmarc-record.js') as {
    createRecordLookup: (resolver: MailauthResolver) => (name: string) => Promise<DmarcTags | false>;
    discoverPolicy: (
      domain: string,
      lookup: (name: string) => Promise<DmarcTags | false>,
    ) => Promise<DmarcDiscovery>;
    domainExists: (domain: string, resolver: MailauthResolver) => Promise<boolean>;
    getPolicyTags: (record: DmarcTags) => { p: Policy; sp?: Policy; np?: Policy } | null;
  };

/** mailauth's RFC 9989 policy discovery: the record that applies (false: none), where, and the organizational domain. */
export interface DmarcDiscovery {
  record: DmarcTags | false;
  recordDomain: string | null;
  orgDomain: string | null;
}

/** Policy discovery by mailauth's Tree Walk (RFC 9989 4.10.1) for a normalized domain; throws when DNS leaves it unknown. */
export const discoverDmarcPolicy = (domain: string, resolver: MailauthResolver): Promise<DmarcDiscovery> =>
  discoverPolicy(domain, createRecordLookup(resolver));

/** The policy tags a record is applied with (RFC 9989 4.10.1); null when it gets no DMARC processing. */
export const dmarcPolicyTags = (record: DmarcTags) => getPolicyTags(record);

/** RFC 9989 A.4 domain existence (decides between sp= and np=); throws on DNS failures. */
export const dmarcDomainExists = (domain: string, resolver: MailauthResolver) =>
  domainExists(domain, resolver);

/** RFC 9989 4.10 step 4: a Tree Walk shortens a name of eight or more labels straight to seven. */
const WALK_MAX_LABELS = 7;
/** Record text shown in the report and the words (a TXT record can be 64 KB over TCP). */
const MAX_RECORD_CHARS = 512;
const MAX_ERROR_CHARS = 200;
const MAX_INVALID_RECORDS_SHOWN = 5;

const POLICIES: readonly Policy[] = ['none', 'quarantine', 'reject'];
const asPolicy = (value: unknown): Policy | null =>
  POLICIES.includes(value as Policy) ? (value as Policy) : null;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The From addresses as mailauth's DKIM verifier hands them to DMARC (mailboxes without an address left out). */
const headerFromOf = (message: ParsedMessage): string[] =>
  message.from.map((box) => box.address).filter(Boolean);

/** The author domain by mailauth's rules (RFC 9989 5.3.1); never throws, whatever the From field holds. */
const authorOf = (message: ParsedMessage): AuthorDomain => {
  try {
    return getAuthorDomain(headerFromOf(message), message.fromFieldCount);
  } catch {
    return { reason: 'invalid-author-domain', domains: [], mailboxes: message.from.length };
  }
};

/** Whether `_dmarc.<name>` can exist in the DNS (mailauth skips other names without a query). */
const isQueryableName = (name: string): boolean => {
  const full = `_dmarc.${name}`;
  return full.length <= 253 && full.split('.').every((label) => label.length > 0 && label.length <= 63);
};

const isAddress = (domain: string): boolean => domain.startsWith('[') || net.isIP(domain) !== 0;

/** The names a DMARC Tree Walk (RFC 9989 4.10) starting at `domain` may look up, longest first. */
export function treeWalkNames(domain: string): string[] {
  if (!domain || isAddress(domain)) return [];
  const names: string[] = [];
  let labels = domain.split('.');
  while (labels.length) {
    const name = labels.join('.');
    if (isQueryableName(name)) names.push(`_dmarc.${name}`);
    labels = labels.length > WALK_MAX_LABELS ? labels.slice(-WALK_MAX_LABELS) : labels.slice(1);
  }
  return names;
}

/** d= of the DKIM-Signature fields the DKIM check verifies (the first LIMITS.maxDkimSignatures). */
const dkimSigningDomains = (message: ParsedMessage): string[] =>
  fieldsNamed(message, 'dkim-signature')
    .slice(0, LIMITS.maxDkimSignatures)
    .map((field) => normalizeDomain(signatureTags(field.raw).d))
    .filter(Boolean);

/**
 * Every DMARC lookup evaluation will make that the message alone tells: the author domain's Tree Walk,
 * its existence test when it is a subdomain (for np=), and the walks of the SPF and DKIM identifiers that
 * relaxed alignment needs (those under the author's organizational domain, other than the author domain).
 */
export function dmarcPrefetchQuestions(ctx: CheckContext): Array<[string, RecordType]> {
  const author = authorOf(ctx.message).authorDomain;
  if (!author) return [];
  const questions = new Map<string, [string, RecordType]>();
  const add = (name: string, type: RecordType) => questions.set(`${type} ${name}`, [name, type]);
  for (const name of treeWalkNames(author)) add(name, 'TXT');
  const org = organizationalDomain(author);
  if (org && org !== author && !isAddress(author)) add(author, 'A');
  const identifiers = [spfIdentityDomain(ctx.envelope), ...dkimSigningDomains(ctx.message)];
  for (const identifier of identifiers) {
    if (!identifier || identifier === author || organizationalDomain(identifier) !== org) continue;
    for (const name of treeWalkNames(identifier)) add(name, 'TXT');
  }
  return [...questions.values()].slice(0, LIMITS.maxDmarcPrefetchLookups);
}

/**
 * Starts the DMARC lookups at once, so they overlap SPF and DKIM instead of following them. Looks up
 * through the session directly (like ctx.dns.prefetch) so the returned promise can tell when all have
 * settled; it never rejects. The pipeline does not wait for it; tests do.
 */
export function prefetchDmarc(ctx: CheckContext): Promise<void> {
  let questions: Array<[string, RecordType]>;
  try {
    questions = dmarcPrefetchQuestions(ctx);
  } catch {
    // Only an optimisation: the evaluation asks for whatever it needs itself.
    return Promise.resolve();
  }
  const lookups = questions.map(([name, type]) =>
    ctx.dns.lookup(name, type).then(
      () => undefined,
      // The existence test asks for the name's own CNAME after an NXDOMAIN (a dangling alias): chain it.
      (err: unknown) =>
        type === 'A' && (err as { code?: string }).code === 'ENOTFOUND'
          ? ctx.dns.lookup(name, 'CNAME').then(
              () => undefined,
              () => undefined,
            )
          : undefined,
    ),
  );
  return Promise.all(lookups).then(() => undefined);
}

/** The hidden properties evaluateDmarc sets on its response (non-enumerable, so not in its type). */
const hiddenRecord = (response: DMARCResult): DmarcTags | null =>
  (response as DMARCResult & { record?: DmarcTags }).record ?? null;

const RESULT_WORDS: readonly AuthResult[] = ['pass', 'fail', 'none', 'temperror', 'permerror'];
const asResult = (value: unknown): AuthResult => toAuthResult(value, RESULT_WORDS, 'temperror');

/** A reporting URI list with at least one "scheme:..." entry (RFC 9989 4.8). */
const hasUri = (value: unknown): boolean =>
  typeof value === 'string' && value.split(',').some((uri) => /^[a-z][a-z0-9+.-]*:\S+/i.test(uri.trim()));

/** The tag whose policy applies to the author domain, and that policy, before t=y (RFC 9989 4.10.1). */
export function appliedPolicy(
  tags: { p: Policy; sp?: Policy; np?: Policy },
  inherited: boolean,
  exists: boolean | null,
): { policy: Policy; tag: PolicyTag } {
  if (!inherited) return { policy: tags.p, tag: 'p' };
  const existing: { policy: Policy; tag: PolicyTag } = tags.sp
    ? { policy: tags.sp, tag: 'sp' }
    : { policy: tags.p, tag: 'p' };
  if (!tags.np || exists === true) return existing;
  const missing = { policy: tags.np, tag: 'np' as const };
  if (exists === false) return missing;
  // Existence unknown (the lookup failed): the weaker of the two, as mailauth assumes.
  return POLICIES.indexOf(missing.policy) < POLICIES.indexOf(existing.policy) ? missing : existing;
}

/** The record with `tag` raised from none to quarantine and t=y dropped: the next step for a domain at p=none. */
export function raisedRecord(record: string, tag: PolicyTag): string {
  const tags = record
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  const nameOf = (part: string) => part.split('=')[0]!.trim().toLowerCase();
  const kept = tags.filter((part) => !(nameOf(part) === 't' && /=\s*y$/i.test(part)));
  const at = kept.findIndex((part) => nameOf(part) === tag);
  if (at >= 0) kept[at] = `${tag}=quarantine`;
  else kept.splice(1, 0, `${tag}=quarantine`);
  return kept.join('; ');
}

/** The record with an aggregate-report address added. */
const withReports = (record: string, address: string): string =>
  `${record.trim().replace(/;?\s*$/, '')}; rua=mailto:${address}`;

const reportAddressFor = (domain: string) => `dmarc-reports@${organizationalDomain(domain) || domain}`;

/** What the record says, for the report (null for every field when no record applies). */
interface RecordFacts {
  record: string;
  recordDomain: string;
  tags: { p: Policy; sp?: Policy; np?: Policy };
  applied: { policy: Policy; tag: PolicyTag };
  effective: Policy;
  testMode: boolean;
  aspf: 'r' | 's';
  adkim: 'r' | 's';
  rua: boolean;
  ruf: boolean;
}

async function recordFacts(
  response: DMARCResult,
  authorDomain: string,
  resolver: MailauthResolver,
): Promise<RecordFacts | null> {
  const record = hiddenRecord(response);
  const tags = record && getPolicyTags(record);
  const recordDomain = response.policyDomain ? normalizeDomain(response.policyDomain) : '';
  if (!record || !tags || !recordDomain) return null;
  const inherited = recordDomain !== authorDomain;
  // mailauth already answered this (same lookups, now cached); we need it undowngraded by t=y.
  const exists = inherited && tags.np ? await domainExists(authorDomain, resolver).catch(() => null) : null;
  const applied = appliedPolicy(tags, inherited, exists);
  return {
    record: clip(typeof record.rr === 'string' ? record.rr : '', MAX_RECORD_CHARS),
    recordDomain,
    tags,
    applied,
    effective: asPolicy(response.policy) ?? applied.policy,
    testMode: response.testMode === true,
    aspf: record.aspf === 's' ? 's' : 'r',
    adkim: record.adkim === 's' ? 's' : 'r',
    rua: hasUri(record.rua),
    ruf: hasUri(record.ruf),
  };
}

/** `aligned` per signature: mailauth's verdict for the passing ones it checked, the record's adkim for the rest. */
function finalizeDkim(
  dkim: DkimSignatureAuth[],
  authorDomain: string | null,
  adkim: 'r' | 's',
  alignedByDmarc: Set<string> | null,
): DkimSignatureAuth[] {
  return dkim.map((sig) => {
    if (!authorDomain || !sig.domain) return { ...sig, aligned: false };
    const domain = normalizeDomain(sig.domain);
    const aligned =
      alignedByDmarc && sig.result === 'pass'
        ? alignedByDmarc.has(domain)
        : domainsAlign(domain, authorDomain, adkim);
    return { ...sig, aligned };
  });
}

/** The DMARC result before (or without) an evaluation: no record, nothing aligned. */
export const NO_DMARC: DmarcAuth = {
  result: 'none',
  domain: null,
  policy: null,
  spfAligned: false,
  dkimAligned: false,
  record: null,
  recordDomain: null,
  p: null,
  sp: null,
  np: null,
  aspf: null,
  adkim: null,
  rua: false,
  ruf: false,
  disposition: null,
};

/** A `_dmarc` TXT set that looks like DMARC but gave no policy (several records, or no valid p= and no rua=). */
async function findUnusableRecord(
  ctx: CheckContext,
  authorDomain: string,
): Promise<{ recordDomain: string; records: string[] } | null> {
  const org = organizationalDomain(authorDomain);
  const orgLabels = org ? org.split('.').length : 1;
  // Only the names down to the organizational domain: those are the records that would apply. All cached.
  const names = treeWalkNames(authorDomain).filter((name) => name.split('.').length - 1 >= orgLabels);
  for (const name of names) {
    const rows = await ctx.dns.records(name, 'TXT').catch(() => [] as string[][]);
    const records = rows.map((row) => row.join('').trim()).filter((text) => /^v\s*=\s*dmarc1\b/i.test(text));
    if (records.length) {
      return {
        recordDomain: name.slice('_dmarc.'.length),
        records: records.slice(0, MAX_INVALID_RECORDS_SHOWN).map((text) => clip(text, MAX_RECORD_CHARS)),
      };
    }
  }
  return null;
}

/** Findings that say what the record itself could do better, whatever this message's result. */
function recordFindings(facts: RecordFacts, authorDomain: string): Finding[] {
  const findings: Finding[] = [];
  if (facts.effective === 'none') {
    findings.push({
      id: 'dmarc.policy-none',
      params: {
        domain: authorDomain,
        recordDomain: facts.recordDomain,
        record: facts.record,
        applied: `${facts.applied.tag}=${facts.applied.policy}${facts.testMode ? '; t=y' : ''}`,
        tag: facts.applied.tag,
        suggestedRecord: raisedRecord(facts.record, facts.applied.tag),
      },
    });
  }
  if (!facts.rua) {
    const reportAddress = reportAddressFor(facts.recordDomain);
    findings.push({
      id: 'dmarc.no-reports',
      params: {
        domain: authorDomain,
        recordDomain: facts.recordDomain,
        record: facts.record,
        reportAddress,
        suggestedRecord: withReports(facts.record, reportAddress),
      },
    });
  }
  return findings;
}

export async function checkDmarc(ctx: CheckContext, input: DmarcInput): Promise<DmarcOutput> {
  try {
    return await evaluate(ctx, input);
  } catch (err) {
    // evaluateDmarc turns DNS failures into temperror itself; this is for anything unforeseen.
    const error = clip(err instanceof Error ? err.message : String(err), MAX_ERROR_CHARS);
    const domain = authorOf(ctx.message).authorDomain ?? null;
    return {
      result: { ...NO_DMARC, result: 'temperror', domain },
      dkim: finalizeDkim(input.dkim, domain, 'r', null),
      findings: [
        {
          id: 'dmarc.temperror',
          params: { domain, orgDomain: domain && organizationalDomain(domain), error },
        },
      ],
    };
  }
}

async function evaluate(ctx: CheckContext, input: DmarcInput): Promise<DmarcOutput> {
  const { spf } = input;
  const resolver = ctx.dns.mailauthResolver;
  const spfPassDomain = spf.result === 'pass' && spf.domain ? normalizeDomain(spf.domain) : '';
  const passingDkim = input.dkim.filter((sig) => sig.result === 'pass' && !sig.skipped && sig.domain);

  const evaluation = await evaluateDmarc({
    headerFrom: headerFromOf(ctx.message),
    fromFields: ctx.message.fromFieldCount,
    spfDomains: spfPassDomain ? [spfPassDomain] : [],
    dkimDomains: passingDkim.map((sig, index) => ({ id: String(index), domain: sig.domain! })),
    // Only the Authentication-Results comment uses it.
    arcResult:
      input.arc.result === 'none'
        ? undefined
        : ({ i: false, status: { result: input.arc.result } } as ARCResult),
    resolver,
  });

  const author = authorOf(ctx.message);
  if (!evaluation.response || !author.authorDomain) {
    return noAuthorDomain(ctx, input, author);
  }
  const response = evaluation.response;
  const authorDomain = author.authorDomain;
  const result = asResult(response.status.result);
  const facts = await recordFacts(response, authorDomain, resolver);
  // mailauth's alignment verdicts exist only when it got as far as comparing identifiers.
  const evaluated = facts !== null && response.alignment !== undefined;
  const dkim = finalizeDkim(
    input.dkim,
    authorDomain,
    facts?.adkim ?? 'r',
    evaluated ? (evaluation.dkimAligned ?? null) : null,
  );
  const spfAligned = evaluated
    ? Boolean(response.alignment.spf.result)
    : Boolean(spfPassDomain) && domainsAlign(spfPassDomain, authorDomain);
  const dkimAligned = evaluated
    ? Boolean(response.alignment.dkim.result)
    : dkim.some((sig) => sig.result === 'pass' && !sig.skipped && sig.aligned);

  const auth: DmarcAuth = {
    result,
    domain: authorDomain,
    policy: facts?.applied.policy ?? null,
    spfAligned,
    dkimAligned,
    record: facts?.record ?? null,
    recordDomain: facts?.recordDomain ?? null,
    p: facts?.tags.p ?? null,
    sp: facts?.tags.sp ?? null,
    np: facts?.tags.np ?? null,
    aspf: facts?.aspf ?? null,
    adkim: facts?.adkim ?? null,
    rua: facts?.rua ?? false,
    ruf: facts?.ruf ?? false,
    disposition: result === 'pass' && facts ? 'none' : result === 'fail' && facts ? facts.effective : null,
  };

  const findings: Finding[] = [];
  const orgDomain = organizationalDomain(authorDomain) || authorDomain;
  if (result === 'pass') {
    findings.push({
      id: 'dmarc.pass',
      params: {
        domain: authorDomain,
        policy: auth.policy,
        recordDomain: auth.recordDomain,
        record: auth.record,
        spfDomain: response.alignment?.spf.result ?? null,
        dkimDomain: response.alignment?.dkim.result ?? null,
      },
    });
  } else if (result === 'fail') {
    findings.push({
      id: 'dmarc.fail',
      params: {
        domain: authorDomain,
        orgDomain,
        policy: auth.policy,
        disposition: auth.disposition,
        recordDomain: auth.recordDomain,
        aspf: auth.aspf,
        adkim: auth.adkim,
        spfResult: spf.result,
        spfDomain: spf.domain ? normalizeDomain(spf.domain) : spfIdentityDomain(ctx.envelope),
        dkimDomains: passingDkim
          .slice(0, LIMITS.maxDkimSignatures)
          .map((sig) => normalizeDomain(sig.domain!)),
        spfMechanism: ipTerm(ctx.envelope.clientIp),
        ip: ctx.envelope.clientIp,
      },
    });
  } else if (result === 'temperror') {
    findings.push({
      id: 'dmarc.temperror',
      params: {
        domain: authorDomain,
        orgDomain,
        error: clip(response.error ?? 'DNS lookup failed', MAX_ERROR_CHARS),
      },
    });
  } else {
    findings.push(await noRecordFinding(ctx, authorDomain, orgDomain));
  }
  if (facts) findings.push(...recordFindings(facts, authorDomain));
  return { result: auth, dkim, findings };
}

/** dmarc.none, or dmarc.invalid-record when a DMARC-looking record is there but gives no policy. */
async function noRecordFinding(ctx: CheckContext, authorDomain: string, orgDomain: string): Promise<Finding> {
  const reportAddress = reportAddressFor(orgDomain);
  const unusable = await findUnusableRecord(ctx, authorDomain);
  if (unusable) {
    return {
      id: 'dmarc.invalid-record',
      params: {
        domain: authorDomain,
        recordDomain: unusable.recordDomain,
        records: unusable.records,
        suggestedRecord: `v=DMARC1; p=none; rua=mailto:${reportAddressFor(unusable.recordDomain)}`,
      },
    };
  }
  return {
    id: 'dmarc.none',
    params: {
      domain: authorDomain,
      orgDomain,
      suggestedRecord: `v=DMARC1; p=none; rua=mailto:${reportAddress}`,
    },
  };
}

/** RFC 9989 5.3.1: with no single author domain DMARC cannot be evaluated; a permanent fault of the message. */
function noAuthorDomain(ctx: CheckContext, input: DmarcInput, author: AuthorDomain): DmarcOutput {
  const reason = 'reason' in author ? author.reason : 'no-author-domain';
  const domains = 'domains' in author ? author.domains.slice(0, 10) : [];
  return {
    result: { ...NO_DMARC, result: 'permerror' },
    dkim: finalizeDkim(input.dkim, null, 'r', null),
    findings: [
      {
        id: 'dmarc.no-author-domain',
        params: {
          reason,
          domains,
          fromFields: ctx.message.fromFieldCount,
          mailboxes: author.mailboxes,
        },
      },
    ],
  };
}
