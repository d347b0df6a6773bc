/**
 * DMARC record audit: the record that applies (RFC 9989 Tree Walk, with the domain it was found at), records
 * that are there but ignored (several at one name, a wrong version tag), syntax, p / sp / np and which one
 * applies, aspf / adkim, deprecated tags (pct, rf, ri), t=y, rua / ruf and the external reporting
 * authorization of each outside destination, and the staged plan to p=reject.
 *
 * Lookups: every Tree Walk name at once (and the domain's existence, which decides between sp= and np=),
 * then every authorization record at once. The authorizations the likely records need are prefetched as
 * soon as their answers arrive, so the second round mostly overlaps the first.
 */
import {
  appliedPolicy,
  discoverDmarcPolicy,
  dmarcDomainExists,
  dmarcPolicyTags,
  treeWalkNames,
  type DmarcDiscovery,
  type Policy,
  type PolicyTag,
} from '../checks/dmarc.js';
import type { Finding } from '../checks/types.js';
import type { MailauthResolver } from '../dns/session.js';
import { errorCode, isNoRecords } from '../dns/types.js';
import { normalizeDomain, organizationalDomain } from '../names/org-domain.js';
import type { AuditContext, AuditSection, DmarcAuditData } from './types.js';

// ---- bounds ----

/** Record text kept in the data and shown in the words (a TXT answer can be 64 KB over TCP). */
const MAX_RECORD_CHARS = 1_024;
/**
 * Unknown tags kept in the data (the registered ones always are), and characters of each value shown. The
 * whole record is parsed: the DNS bounds it (64 KB over TCP), and receivers read it all.
 */
const MAX_UNKNOWN_TAGS = 20;
const MAX_VALUE_CHARS = 1_024;
/** Characters of one tag, or one URI, quoted in a finding. */
const MAX_QUOTED_CHARS = 256;
/** Records, tags and URIs listed in one finding. */
const MAX_LISTED = 5;
/** URIs read per rua= / ruf= (RFC 7489 6.2 lets receivers cap the list; they must take at least two). */
const MAX_REPORT_URIS = 10;
/** Authorization records looked up per audit (one per outside destination domain). */
const MAX_AUTHORIZATIONS = 10;
const MAX_ERROR_CHARS = 200;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

// ---- record text ----

/** RFC 9989 4.7: v=DMARC1 first, the value exactly so (mailauth's test: the tag name's case and spaces are free). */
export const DMARC_VERSION = /^[vV][ \t]*=[ \t]*DMARC1[ \t]*(?:;|$)/;
/** An attempt at a DMARC record that receivers will not recognize (version not first, wrong case, ...). */
const DMARC_LIKE = /(?:^|;)\s*v\s*=\s*dmarc/i;

const POLICIES: readonly Policy[] = ['none', 'quarantine', 'reject'];
const asPolicy = (value: unknown): Policy | null =>
  typeof value === 'string' && POLICIES.includes(value.toLowerCase() as Policy)
    ? (value.toLowerCase() as Policy)
    : null;
const weaker = (a: Policy, b: Policy) => POLICIES.indexOf(a) < POLICIES.indexOf(b);
/** t=y asks for the policy one level below the published one (RFC 9989 4.7 "t"). */
const TESTING_POLICY: Record<Policy, Policy> = { reject: 'quarantine', quarantine: 'none', none: 'none' };

/** Tags registered for DMARC (RFC 9989 9.3), the historic ones included. */
const KNOWN_TAGS = new Set([
  'v',
  'p',
  'sp',
  'np',
  'adkim',
  'aspf',
  'fo',
  'rua',
  'ruf',
  't',
  'psd',
  'pct',
  'rf',
  'ri',
]);
/** RFC 7489 tags DMARCbis removed: its receivers ignore them. */
const DEPRECATED_TAGS = new Set(['pct', 'rf', 'ri']);
/** Valid values of the tags with a fixed grammar (RFC 9989 4.7, RFC 7489 6.3 for the historic ones). */
const TAG_VALUES: Record<string, RegExp> = {
  p: /^(?:none|quarantine|reject)$/i,
  sp: /^(?:none|quarantine|reject)$/i,
  np: /^(?:none|quarantine|reject)$/i,
  adkim: /^[rs]$/i,
  aspf: /^[rs]$/i,
  fo: /^[01ds](?:[ \t]*:[ \t]*[01ds])*$/i,
  t: /^[yn]$/i,
  psd: /^[ynu]$/i,
  pct: /^(?:100|[1-9]?[0-9])$/,
  rf: /^[a-z][a-z0-9-]*(?:[ \t]*:[ \t]*[a-z][a-z0-9-]*)*$/i,
  ri: /^[0-9]{1,10}$/,
};

/** One tag as written: `name` null when the part has no "=" (or nothing before it). */
interface RawTag {
  name: string | null;
  value: string;
  text: string;
}

/** The tag-list split as written (RFC 6376 3.2 syntax as DMARC uses it), bounded. */
export function splitTags(record: string): RawTag[] {
  return record
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((text) => {
      const at = text.indexOf('=');
      if (at <= 0) return { name: null, value: '', text: clip(text, MAX_QUOTED_CHARS) };
      return {
        name: text.slice(0, at).trim(),
        value: text.slice(at + 1).trim(),
        text: clip(text, MAX_QUOTED_CHARS),
      };
    });
}

/** What is wrong with a record's tags, by kind (each a list of the tags as written). */
interface TagProblems {
  /** Bad values, tags without "=", tag names not in lower case. */
  invalid: string[];
  duplicate: string[];
  unknown: string[];
  deprecated: string[];
}

function tagProblems(tags: RawTag[]): TagProblems {
  const problems: TagProblems = { invalid: [], duplicate: [], unknown: [], deprecated: [] };
  const seen = new Set<string>();
  tags.forEach((tag, index) => {
    if (tag.name === null) return void problems.invalid.push(tag.text);
    const name = tag.name.toLowerCase();
    if (seen.has(name)) problems.duplicate.push(tag.text);
    seen.add(name);
    if (index === 0) return; // the version tag, already matched
    if (!KNOWN_TAGS.has(name)) return void problems.unknown.push(tag.text);
    // Tag names are case-sensitive (RFC 6376 3.2): strict receivers do not see "P=" as p=.
    const pattern = TAG_VALUES[name];
    if (name !== tag.name || name === 'v' || (pattern && !pattern.test(tag.value)))
      problems.invalid.push(tag.text);
    if (DEPRECATED_TAGS.has(name)) problems.deprecated.push(tag.text);
  });
  return problems;
}

/** The tags receivers read (lower-case names, the last of duplicates, as mailauth does), as published. */
function publishedTags(tags: RawTag[]): Record<string, string> {
  const entries = new Map<string, string>();
  for (const tag of tags) if (tag.name !== null) entries.set(tag.name.toLowerCase(), tag.value);
  // fromEntries defines own properties: a tag named "__proto__" stays data.
  return Object.fromEntries(entries);
}

/** The tags for the data: every registered one, the first unknown ones; values clipped. */
function shownTags(tags: Record<string, string>): Record<string, string> {
  let unknown = 0;
  const kept = Object.entries(tags).filter(([name]) => KNOWN_TAGS.has(name) || unknown++ < MAX_UNKNOWN_TAGS);
  return Object.fromEntries(kept.map(([name, value]) => [name, clip(value, MAX_VALUE_CHARS)]));
}

/** A record's tags as receivers read them (lower-case names, last of duplicates), values as published. */
export const recordTags = (record: string): Record<string, string> => publishedTags(splitTags(record));

// ---- reporting URIs ----

/** RFC 3986 URI characters (commas and "!" percent-encoded, RFC 9989 4.8), after the obsolete "!size" suffix. */
const REPORTING_URI = /^[a-z][a-z0-9+.-]*:(?:[a-z0-9\-._~:/?#[\]@$&'()*+;=]|%[0-9a-f]{2})*$/i;
const SIZE_SUFFIX = /!([0-9]+[kmgt]?)$/i;
const LOCAL_PART_MAX = 64;

export type ReportUri =
  | { ok: true; address: string; domain: string; size: string | null }
  | { ok: false; reason: 'not-a-uri' | 'not-mailto' | 'bad-address' };

/** A DMARC reporting URI: mailto: only (reports are sent by mail), with an optional size limit such as !10m. */
export function parseReportUri(text: string): ReportUri {
  const uri = text.trim();
  const size = SIZE_SUFFIX.exec(uri)?.[1] ?? null;
  const bare = size ? uri.slice(0, uri.length - size.length - 1) : uri;
  if (!REPORTING_URI.test(bare)) return { ok: false, reason: 'not-a-uri' };
  const colon = bare.indexOf(':');
  if (bare.slice(0, colon).toLowerCase() !== 'mailto') return { ok: false, reason: 'not-mailto' };
  let address: string;
  try {
    address = decodeURIComponent(bare.slice(colon + 1).split('?')[0]!);
  } catch {
    return { ok: false, reason: 'bad-address' };
  }
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = at > 0 ? normalizeDomain(address.slice(at + 1)) : '';
  if (!local || local.length > LOCAL_PART_MAX || /[\s,;<>]/.test(local) || !isDnsName(domain)) {
    return { ok: false, reason: 'bad-address' };
  }
  return { ok: true, address: `${local}@${domain}`, domain, size };
}

/** A name the DNS can hold: 253 characters, labels of 1-63, host characters (plus "_" for service labels). */
function isDnsName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 253 &&
    name.split('.').every((label) => label.length > 0 && label.length <= 63 && /^[a-z0-9_-]+$/i.test(label))
  );
}

/** RFC 7489 7.1 / RFC 9990: where a destination outside the policy domain's organization says it takes its reports. */
export const authorizationName = (policyDomain: string, destination: string): string =>
  `${policyDomain}._report._dmarc.${destination}`;

/** Whether reports for `policyDomain` sent to `destination` leave its organization (and need an authorization). */
export const isOutside = (policyDomain: string, destination: string): boolean =>
  (organizationalDomain(destination) || destination) !== (organizationalDomain(policyDomain) || policyDomain);

/** The valid reporting URIs of a tag value, as written; and the invalid ones. */
function reportUris(value: string | undefined): { valid: string[]; invalid: string[]; parsed: ReportUri[] } {
  const uris = (value ?? '')
    .split(',')
    .map((uri) => uri.trim())
    .filter(Boolean)
    .slice(0, MAX_REPORT_URIS);
  const parsed = uris.map(parseReportUri);
  return {
    valid: uris.filter((_, i) => parsed[i]!.ok),
    invalid: uris.filter((_, i) => !parsed[i]!.ok),
    parsed,
  };
}

// ---- records we write ----

/** The tags of a record we write (the plan, fixes, the builder), in the order they are written. */
export interface DmarcRecordTags {
  p: Policy;
  sp?: Policy;
  np?: Policy;
  psd?: 'y' | 'n' | 'u';
  adkim?: 'r' | 's';
  aspf?: 'r' | 's';
  t?: 'y';
  fo?: string;
  rua?: string[];
  ruf?: string[];
}

export function formatDmarcRecord(tags: DmarcRecordTags): string {
  const parts = ['v=DMARC1', `p=${tags.p}`];
  if (tags.sp) parts.push(`sp=${tags.sp}`);
  if (tags.np) parts.push(`np=${tags.np}`);
  if (tags.psd) parts.push(`psd=${tags.psd}`);
  if (tags.adkim) parts.push(`adkim=${tags.adkim}`);
  if (tags.aspf) parts.push(`aspf=${tags.aspf}`);
  if (tags.t) parts.push(`t=${tags.t}`);
  if (tags.fo) parts.push(`fo=${tags.fo}`);
  if (tags.rua?.length) parts.push(`rua=${tags.rua.join(',')}`);
  if (tags.ruf?.length) parts.push(`ruf=${tags.ruf.join(',')}`);
  return parts.join('; ');
}

const lowerIf = <T extends string>(value: string | undefined, pattern: RegExp): T | undefined =>
  value !== undefined && pattern.test(value) ? (value.toLowerCase() as T) : undefined;

/**
 * The record written correctly with the same meaning: the policy tags it is applied with, the valid values
 * of the other tags, the valid reporting URIs; without unknown, invalid and deprecated tags.
 */
function cleanTags(
  tags: Record<string, string>,
  policy: { p: Policy; sp?: Policy; np?: Policy },
): DmarcRecordTags {
  const clean: DmarcRecordTags = { p: policy.p };
  if (policy.sp) clean.sp = policy.sp;
  if (policy.np) clean.np = policy.np;
  clean.psd = lowerIf(tags.psd, TAG_VALUES.psd!);
  clean.adkim = lowerIf(tags.adkim, TAG_VALUES.adkim!);
  clean.aspf = lowerIf(tags.aspf, TAG_VALUES.aspf!);
  if (tags.t?.toLowerCase() === 'y') clean.t = 'y';
  clean.fo = lowerIf<string>(tags.fo, TAG_VALUES.fo!)?.replace(/[ \t]/g, '');
  clean.rua = reportUris(tags.rua).valid;
  clean.ruf = reportUris(tags.ruf).valid;
  return clean;
}

const reportAddressFor = (domain: string) => `dmarc-reports@${organizationalDomain(domain) || domain}`;

// ---- the staged plan ----

export type PlanStage = DmarcAuditData['plan'][number]['stage'];
const STAGE_OF: Record<Policy, PlanStage> = { none: 'monitor', quarantine: 'quarantine', reject: 'reject' };

export interface PlanStart {
  /** The record's tags written correctly; null when no usable record of the owner's applies. */
  tags: DmarcRecordTags | null;
  /** The tag whose policy applies to the audited domain: the one the plan raises. */
  tag: PolicyTag;
  /** That tag's policy now; null without a usable record. */
  level: Policy | null;
  /** pct= below 100 on an enforcing policy (RFC 7489 receivers apply it to part of the mail only). */
  partial: boolean;
  /** Where aggregate reports go when the record names none. */
  reportAddress: string;
}

/**
 * The records to publish next, in order: monitor (p=none with rua=) → quarantine → reject, each keeping the
 * owner's other tags. t=y and pct= are dropped (DMARCbis has no pct=; t=y is the way to try a policy first).
 */
export function stagedPlan(start: PlanStart): Array<{ stage: PlanStage; record: string }> {
  const base: DmarcRecordTags = { ...(start.tags ?? { p: 'none' }) };
  delete base.t;
  const hasReports = Boolean(start.tags?.rua?.length);
  if (!hasReports) base.rua = [`mailto:${start.reportAddress}`];
  const step = (level: Policy) => ({
    stage: STAGE_OF[level],
    record: formatDmarcRecord({ ...base, [start.tag]: level }),
  });
  const steps: Array<{ stage: PlanStage; record: string }> = [];
  const from = POLICIES.indexOf(start.level ?? 'none');
  if (start.level === null || (start.level === 'none' && !hasReports)) steps.push(step('none'));
  const tested = start.tags?.t === 'y' || start.partial;
  if (from > 0 && tested) steps.push(step(POLICIES[from]!));
  for (const level of POLICIES.slice(from + 1)) steps.push(step(level));
  return steps;
}

/** The plan finding: the next step's record as the fix, the whole plan in the detail. */
function planFinding(
  domain: string,
  recordDomain: string,
  current: string,
  plan: Array<{ stage: PlanStage; record: string }>,
  replacing: 'new' | 'replace' = 'replace',
): Finding[] {
  const next = plan[0];
  if (!next) return [];
  return [
    {
      id: 'dmarc.plan',
      params: {
        domain,
        recordDomain,
        current,
        stage: next.stage,
        when: next.stage,
        record: next.record,
        steps: plan.map((s) => s.record).join('  →  '),
        replacing,
      },
    },
  ];
}

// ---- what a record says (shared with the builder's notes) ----

/** A usable record, as the findings about its content need it. */
export interface RecordView {
  /** The audited domain (for the builder: the domain the record is for). */
  domain: string;
  /** Where the record is published (foundAt). */
  recordDomain: string;
  record: string;
  tags: Record<string, string>;
  clean: DmarcRecordTags;
  applied: { policy: Policy; tag: PolicyTag };
}

/**
 * Findings about what a usable record asks for, that need no DNS: t=y, pct=, strict alignment, sp= / np=
 * weaker than p=, no rua=, and the staged plan. The audit and the builder's notes both come from here.
 */
export function recordFindings(view: RecordView): {
  findings: Finding[];
  plan: Array<{ stage: PlanStage; record: string }>;
} {
  const { domain, recordDomain, record, tags, clean, applied } = view;
  const findings: Finding[] = [];
  const testing = clean.t === 'y';
  const pct = tags.pct !== undefined && TAG_VALUES.pct!.test(tags.pct) ? Number(tags.pct) : null;
  const partial = pct !== null && pct < 100 && applied.policy !== 'none';
  const withoutTrial: DmarcRecordTags = { ...clean };
  delete withoutTrial.t;

  if (testing) {
    findings.push({
      id: 'dmarc.testing',
      params: {
        domain,
        recordDomain,
        applied: `${applied.tag}=${applied.policy}`,
        effective: TESTING_POLICY[applied.policy],
        suggestedRecord: formatDmarcRecord(withoutTrial),
      },
    });
  }
  if (partial) {
    findings.push({
      id: 'dmarc.pct-partial',
      params: {
        domain,
        recordDomain,
        pct,
        policy: applied.policy,
        weakerPolicy: TESTING_POLICY[applied.policy],
        suggestedRecord: formatDmarcRecord(withoutTrial),
        testingRecord: formatDmarcRecord({ ...clean, t: 'y' }),
      },
    });
  }
  const strict = (['aspf', 'adkim'] as const).filter((tag) => clean[tag] === 's');
  if (strict.length) {
    const relaxed = { ...clean };
    for (const tag of strict) delete relaxed[tag];
    findings.push({
      id: 'dmarc.alignment-strict',
      params: {
        domain,
        recordDomain,
        tags: strict.map((tag) => `${tag}=s`),
        suggestedRecord: formatDmarcRecord(relaxed),
      },
    });
  }
  const subdomain = clean.sp ?? clean.p;
  const nonexistent = clean.np ?? subdomain;
  const weak = [
    ...(clean.sp && weaker(clean.sp, clean.p) ? [`sp=${clean.sp}`] : []),
    ...(clean.np && weaker(clean.np, subdomain) ? [`np=${clean.np}`] : []),
  ];
  if (weak.length) {
    findings.push({
      id: 'dmarc.subdomain-weaker',
      params: { domain, recordDomain, p: clean.p, sp: subdomain, np: nonexistent, tags: weak },
    });
  }
  const reportAddress = reportAddressFor(recordDomain);
  if (!tags.rua) {
    findings.push({
      id: 'dmarc.no-reports',
      params: {
        domain,
        recordDomain,
        record,
        reportAddress,
        suggestedRecord: formatDmarcRecord({ ...clean, rua: [`mailto:${reportAddress}`] }),
      },
    });
  }
  const plan = stagedPlan({ tags: clean, tag: applied.tag, level: applied.policy, partial, reportAddress });
  const current = `${applied.tag}=${applied.policy}${testing ? '; t=y' : ''}${partial ? `; pct=${pct}` : ''}`;
  findings.push(...planFinding(domain, recordDomain, current, plan));
  return { findings, plan };
}

// ---- DNS ----

type NameAnswer = { rows: string[] } | { error: unknown };

const settle = <T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/** Each TXT record of a name as one string (its character-strings joined), bounded. */
async function txtRows(ctx: AuditContext, name: string): Promise<NameAnswer> {
  try {
    const records = await ctx.dns.records(name, 'TXT');
    return { rows: records.map((parts) => parts.join('').trim()) };
  } catch (error) {
    return { error };
  }
}

/** mailauth's resolver answered from the Tree Walk already made, so discovery sends no query of its own. */
function answeringResolver(answers: Map<string, NameAnswer>, fallback: MailauthResolver): MailauthResolver {
  return (name, type) => {
    const answer = String(type).toUpperCase() === 'TXT' ? answers.get(name.toLowerCase()) : undefined;
    if (!answer) return fallback(name, type);
    return 'rows' in answer ? Promise.resolve(answer.rows.map((row) => [row])) : Promise.reject(answer.error);
  };
}

/** The outside destinations of a record's rua= / ruf=, with the authorization name each needs. */
function outsideDestinations(policyDomain: string, tags: Record<string, string>): Map<string, string> {
  const destinations = new Map<string, string>();
  for (const parsed of [...reportUris(tags.rua).parsed, ...reportUris(tags.ruf).parsed]) {
    if (!parsed.ok || !isOutside(policyDomain, parsed.domain)) continue;
    if (destinations.size >= MAX_AUTHORIZATIONS) break;
    destinations.set(parsed.domain, authorizationName(policyDomain, parsed.domain));
  }
  return destinations;
}

type Authorization = { authorized: boolean | null; error: string | null };

/** RFC 7489 7.1: authorized when a TXT record at the name begins with v=DMARC1. */
async function authorizationAt(ctx: AuditContext, name: string): Promise<Authorization> {
  // A name the DNS cannot hold cannot be published either: no receiver finds an authorization there.
  if (!isDnsName(name)) return { authorized: false, error: null };
  try {
    const records = await ctx.dns.records(name, 'TXT');
    return { authorized: records.some((parts) => DMARC_VERSION.test(parts.join('').trim())), error: null };
  } catch (err) {
    return isNoRecords(err)
      ? { authorized: false, error: null }
      : { authorized: null, error: errorCode(err) };
  }
}

// ---- the section ----

const emptyData = (): DmarcAuditData => ({
  record: null,
  foundAt: null,
  policy: null,
  tags: {},
  subdomainPolicy: null,
  nonexistentPolicy: null,
  reporting: [],
  plan: [],
});

export async function auditDmarc(ctx: AuditContext): Promise<AuditSection<DmarcAuditData>> {
  try {
    return await audit(ctx);
  } catch (err) {
    // Discovery turns DNS failures into a finding itself; this is for anything unforeseen.
    const error = clip(err instanceof Error ? err.message : String(err), MAX_ERROR_CHARS);
    const orgDomain = organizationalDomain(ctx.domain) || ctx.domain;
    return {
      data: emptyData(),
      findings: [{ id: 'dmarc.lookup-error', params: { domain: ctx.domain, orgDomain, error } }],
    };
  }
}

/** A set of records at a walk name that receivers ignore. */
interface IgnoredSet {
  recordDomain: string;
  /** How many records the set holds (only the first few are kept to show). */
  count: number;
  reason: 'multiple' | 'version';
  records: string[];
}

async function audit(ctx: AuditContext): Promise<AuditSection<DmarcAuditData>> {
  const domain = ctx.domain;
  const orgDomain = organizationalDomain(domain) || domain;
  const orgLabels = orgDomain.split('.').length;
  // The names whose records could be the domain's own or its organization's: those the owner controls.
  const ownNames = new Set(treeWalkNames(domain).filter((name) => name.split('.').length - 1 >= orgLabels));
  const existence = domain !== orgDomain ? settle(dmarcDomainExists(domain, ctx.dns.mailauthResolver)) : null;

  const walk = await Promise.all(
    treeWalkNames(domain).map(async (name) => {
      const answer = await txtRows(ctx, name);
      if (ownNames.has(name)) prefetchAuthorizations(ctx, name.slice('_dmarc.'.length), answer);
      return [name, answer] as const;
    }),
  );
  const answers = new Map(walk);

  let discovery: DmarcDiscovery;
  try {
    discovery = await discoverDmarcPolicy(domain, answeringResolver(answers, ctx.dns.mailauthResolver));
  } catch (err) {
    return {
      data: emptyData(),
      findings: [{ id: 'dmarc.lookup-error', params: { domain, orgDomain, error: errorText(err) } }],
    };
  }

  const found = discovery.record || null;
  const foundAt = found ? discovery.recordDomain : null;
  const ignored = ignoredSets(answers, ownNames, foundAt);
  if (!found || !foundAt) return noRecord(domain, orgDomain, ignored);

  const rawRecord = typeof found.rr === 'string' ? found.rr : '';
  const record = clip(rawRecord, MAX_RECORD_CHARS);
  const raw = splitTags(rawRecord);
  const tags = publishedTags(raw);
  const policyTags = dmarcPolicyTags(found);
  const inherited = foundAt !== domain;
  // Authorizations and existence at once (existence decides between sp= and np=; only np= needs it).
  const [reporting, exists] = await Promise.all([
    reportingOf(ctx, foundAt, tags),
    inherited && policyTags?.np ? existenceOf(ctx, domain, existence) : null,
  ]);
  const findings: Finding[] = ignored.map((set) => ({
    id: 'dmarc.record-ignored',
    params: { domain, recordDomain: set.recordDomain, reason: set.reason, records: set.records, foundAt },
  }));
  const recordProblems = [
    ...syntaxFindings(domain, foundAt, raw, tags, policyTags),
    ...reportingFindings(domain, foundAt, tags, reporting, policyTags),
  ];

  if (!policyTags) {
    // No valid p= and no reporting URI: the record gets no DMARC processing (RFC 9989 4.10.1).
    const clean = cleanTags(tags, { p: 'none' });
    const plan = stagedPlan({
      tags: clean,
      tag: 'p',
      level: null,
      partial: false,
      reportAddress: reportAddressFor(foundAt),
    });
    findings.unshift({
      id: 'dmarc.invalid-record',
      params: { domain, recordDomain: foundAt, records: [record], suggestedRecord: plan[0]?.record ?? null },
    });
    findings.push(...recordProblems, ...planFinding(domain, foundAt, 'no-record', plan));
    return {
      data: {
        ...emptyData(),
        record,
        foundAt,
        tags: shownTags(tags),
        reporting,
        plan: withName(plan, foundAt),
      },
      findings,
    };
  }

  const applied = appliedPolicy(policyTags, inherited, exists);
  // A public suffix's record (psd=y) is not the owner's to edit or fix: the plan starts a record of their own.
  const fromSuffix = inherited && tags.psd?.toLowerCase() === 'y';
  findings.unshift({
    id: 'dmarc.record-found',
    params: {
      domain,
      foundAt,
      record,
      applied: `${applied.tag}=${applied.policy}`,
      inheritance: fromSuffix ? 'psd' : inherited ? 'inherited' : 'own',
    },
  });
  let plan: Array<{ stage: PlanStage; record: string }>;
  let planDomain = foundAt;
  if (fromSuffix) {
    planDomain = orgDomain;
    plan = stagedPlan({
      tags: null,
      tag: 'p',
      level: null,
      partial: false,
      reportAddress: reportAddressFor(orgDomain),
    });
    findings.push(...planFinding(domain, planDomain, 'no-record', plan, 'new'));
  } else {
    const clean = cleanTags(tags, policyTags);
    const content = recordFindings({ domain, recordDomain: foundAt, record, tags, clean, applied });
    plan = content.plan;
    findings.push(...recordProblems, ...content.findings);
  }
  return {
    data: {
      record,
      foundAt,
      policy: applied.policy,
      tags: shownTags(tags),
      subdomainPolicy: policyTags.sp ?? policyTags.p,
      nonexistentPolicy: policyTags.np ?? policyTags.sp ?? policyTags.p,
      reporting,
      plan: withName(plan, planDomain),
    },
    findings,
  };
}

const withName = (plan: Array<{ stage: PlanStage; record: string }>, recordDomain: string) =>
  plan.map((step) => ({ ...step, name: `_dmarc.${recordDomain}` }));

const errorText = (err: unknown): string =>
  clip(err instanceof Error ? `${errorCode(err)}: ${err.message}` : String(err), MAX_ERROR_CHARS);

/** Whether the domain exists (np= applies when not); unknown (null) when the lookup failed. */
async function existenceOf(
  ctx: AuditContext,
  domain: string,
  started: Promise<{ value: boolean } | { error: unknown }> | null,
): Promise<boolean | null> {
  const outcome = await (started ?? settle(dmarcDomainExists(domain, ctx.dns.mailauthResolver)));
  return 'value' in outcome ? outcome.value : null;
}

/** Starts the authorization lookups a record just received would need, so they overlap the rest of the walk. */
function prefetchAuthorizations(ctx: AuditContext, recordDomain: string, answer: NameAnswer): void {
  if (!('rows' in answer)) return;
  const records = answer.rows.filter((row) => DMARC_VERSION.test(row));
  if (records.length !== 1) return;
  const names = [...outsideDestinations(recordDomain, publishedTags(splitTags(records[0]!))).values()];
  ctx.dns.prefetch(names.filter(isDnsName).map((name) => [name, 'TXT']));
}

/** Sets at the owner's names, nearer than the record that applies, that receivers discard. */
function ignoredSets(
  answers: Map<string, NameAnswer>,
  ownNames: Set<string>,
  foundAt: string | null,
): IgnoredSet[] {
  const sets: IgnoredSet[] = [];
  for (const [name, answer] of answers) {
    const recordDomain = name.slice('_dmarc.'.length);
    if (recordDomain === foundAt) break;
    if (!ownNames.has(name) || !('rows' in answer)) continue;
    const valid = answer.rows.filter((row) => DMARC_VERSION.test(row));
    const attempts = answer.rows.filter((row) => DMARC_LIKE.test(row));
    const shown = (rows: string[]) => rows.slice(0, MAX_LISTED).map((row) => clip(row, MAX_RECORD_CHARS));
    if (valid.length > 1)
      sets.push({ recordDomain, reason: 'multiple', count: valid.length, records: shown(valid) });
    else if (!valid.length && attempts.length)
      sets.push({ recordDomain, reason: 'version', count: attempts.length, records: shown(attempts) });
  }
  return sets;
}

/** No record applies: why (none, several, unrecognized), and the plan from scratch. */
function noRecord(domain: string, orgDomain: string, ignored: IgnoredSet[]): AuditSection<DmarcAuditData> {
  const first = ignored.find((set) => set.reason === 'multiple') ?? ignored[0];
  // Where the owner meant to publish, else the organizational domain (it covers every subdomain).
  const recordDomain = first?.recordDomain ?? orgDomain;
  const plan = stagedPlan({
    tags: null,
    tag: 'p',
    level: null,
    partial: false,
    reportAddress: reportAddressFor(recordDomain),
  });
  const suggestedRecord = plan[0]!.record;
  const finding: Finding = !first
    ? { id: 'dmarc.none', params: { domain, orgDomain, suggestedRecord } }
    : first.reason === 'multiple'
      ? {
          id: 'dmarc.record-multiple',
          params: {
            domain,
            recordDomain,
            records: first.records,
            count: first.count,
            suggestedRecord,
          },
        }
      : {
          id: 'dmarc.invalid-record',
          params: { domain, recordDomain, records: first.records, suggestedRecord },
        };
  return {
    data: { ...emptyData(), plan: withName(plan, recordDomain) },
    findings: [finding, ...planFinding(domain, recordDomain, 'no-record', plan, first ? 'replace' : 'new')],
  };
}

/** Invalid values, duplicates, unknown and deprecated tags, and a missing or invalid policy. */
function syntaxFindings(
  domain: string,
  recordDomain: string,
  raw: RawTag[],
  tags: Record<string, string>,
  policyTags: { p: Policy; sp?: Policy; np?: Policy } | null,
): Finding[] {
  const problems = tagProblems(raw);
  const suggestedRecord = formatDmarcRecord(cleanTags(tags, policyTags ?? { p: 'none' }));
  const base = { domain, recordDomain, suggestedRecord };
  const findings: Finding[] = [];
  const validPolicy =
    asPolicy(tags.p) !== null && [tags.sp, tags.np].every((v) => v === undefined || asPolicy(v));
  if (policyTags && !validPolicy) {
    // RFC 9989 4.10.1: no valid p= (or a bad sp= / np=), but a reporting URI: applied as p=none.
    const policy = raw
      .filter((t) => t.name && ['p', 'sp', 'np'].includes(t.name.toLowerCase()))
      .map((t) => t.text);
    findings.push({ id: 'dmarc.policy-invalid', params: { ...base, tags: policy.length ? policy : ['p'] } });
  }
  if (problems.invalid.length)
    findings.push({
      id: 'dmarc.tag-invalid',
      params: { ...base, tags: problems.invalid.slice(0, MAX_LISTED) },
    });
  if (problems.duplicate.length)
    findings.push({
      id: 'dmarc.tag-duplicate',
      params: { ...base, tags: problems.duplicate.slice(0, MAX_LISTED) },
    });
  if (problems.unknown.length)
    findings.push({
      id: 'dmarc.tag-unknown',
      params: { ...base, tags: problems.unknown.slice(0, MAX_LISTED) },
    });
  // pct= below 100 also gets dmarc.pct-partial (what it does to the policy); here only that DMARCbis dropped it.
  if (problems.deprecated.length)
    findings.push({
      id: 'dmarc.tag-deprecated',
      params: { ...base, tags: problems.deprecated.slice(0, MAX_LISTED) },
    });
  return findings;
}

type ReportingEntry = DmarcAuditData['reporting'][number];

/** Each rua= / ruf= URI, its destination, and for outside destinations the authorization (all at once). */
async function reportingOf(
  ctx: AuditContext,
  policyDomain: string,
  tags: Record<string, string>,
): Promise<ReportingEntry[]> {
  const destinations = outsideDestinations(policyDomain, tags);
  const lookups = new Map(
    [...destinations].map(([destination, name]) => [destination, authorizationAt(ctx, name)] as const),
  );
  const entries: ReportingEntry[] = [];
  for (const kind of ['rua', 'ruf'] as const) {
    const { parsed } = reportUris(tags[kind]);
    const uris = (tags[kind] ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    for (const [index, uri] of parsed.entries()) {
      const text = clip(uris[index] ?? '', MAX_QUOTED_CHARS);
      if (!uri.ok) {
        entries.push({
          kind,
          uri: text,
          domain: null,
          authorized: null,
          address: null,
          problem: uri.reason,
          authorizationName: null,
          error: null,
        });
        continue;
      }
      const lookup = lookups.get(uri.domain);
      const outcome = lookup ? await lookup : null;
      entries.push({
        kind,
        uri: text,
        domain: uri.domain,
        authorized: outcome ? outcome.authorized : null,
        address: uri.address,
        problem: null,
        authorizationName: lookup ? destinations.get(uri.domain)! : null,
        error: outcome?.error ?? null,
      });
    }
  }
  return entries;
}

/** Invalid URIs, outside destinations that did not authorize the reports (or could not be checked). */
function reportingFindings(
  domain: string,
  recordDomain: string,
  tags: Record<string, string>,
  reporting: ReportingEntry[],
  policyTags: { p: Policy; sp?: Policy; np?: Policy } | null,
): Finding[] {
  const findings: Finding[] = [];
  const invalid = reporting.filter((r) => r.problem);
  if (invalid.length) {
    const clean = cleanTags(tags, policyTags ?? { p: 'none' });
    if (!clean.rua?.length) clean.rua = [`mailto:${reportAddressFor(recordDomain)}`];
    findings.push({
      id: 'dmarc.report-uri-invalid',
      params: {
        domain,
        recordDomain,
        uris: invalid.slice(0, MAX_LISTED).map((r) => `${r.kind}=${r.uri}`),
        suggestedRecord: formatDmarcRecord(clean),
      },
    });
  }
  const unique = (rows: ReportingEntry[]) => [...new Map(rows.map((r) => [r.domain, r])).values()];
  const refused = unique(reporting.filter((r) => r.authorized === false));
  if (refused.length) {
    findings.push({
      id: 'dmarc.report-unauthorized',
      params: {
        domain,
        recordDomain,
        orgDomain: organizationalDomain(recordDomain) || recordDomain,
        destinations: refused.map((r) => r.domain!),
        names: refused.map((r) => r.authorizationName!),
      },
    });
  }
  const unknown = unique(reporting.filter((r) => r.error));
  if (unknown.length) {
    findings.push({
      id: 'dmarc.report-lookup-error',
      params: {
        domain,
        recordDomain,
        names: unknown.map((r) => r.authorizationName!),
        error: [...new Set(unknown.map((r) => r.error!))],
      },
    });
  }
  return findings;
}
