/**
 * The DMARC record builder (issue 6 §2): policy, alignment and report addresses → the record, where to
 * publish it, the authorization records outside report destinations must publish (RFC 7489 7.1), and notes
 * (findings, worded by the catalogs like the audit's: the same ids say the same things about a record).
 *
 * Every input is hostile (a query string, a JSON body): types are checked at run time, lengths and counts
 * are bounded before anything else, IDNs become A-labels, report addresses are plain mailboxes.
 */
import {
  authorizationName,
  formatDmarcRecord,
  isOutside,
  parseReportUri,
  recordFindings,
  recordTags,
  type DmarcRecordTags,
} from '../audit/dmarc.js';
import { domainProblemMessage, parseAuditDomain, type DomainProblem } from '../audit/target.js';
import type { Policy } from '../checks/dmarc.js';
import { txtValue } from '../checks/spf.js';
import type { Finding } from '../checks/types.js';

/** Report addresses per tag: receivers may cap the list (RFC 7489 6.2) and each outside one needs an authorization. */
export const MAX_REPORT_ADDRESSES = 5;
/** Longest address text looked at (RFC 5321: 64-octet local part, 255-octet domain). */
const MAX_ADDRESS_INPUT = 330;
const MAX_SHOWN_INPUT = 100;

/** The local parts we write into a mailto: URI as they are (no character needs percent-encoding). */
const LOCAL_PART = /^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*$/;
const LOCAL_PART_MAX = 64;

const POLICIES: readonly Policy[] = ['none', 'quarantine', 'reject'];
const ALIGNMENT: Record<string, 'r' | 's'> = { r: 'r', relaxed: 'r', s: 's', strict: 's' };

export interface DmarcBuildInput {
  domain: string;
  policy: Policy;
  /** sp=: existing subdomains (default: p). */
  subdomainPolicy?: Policy | null;
  /** np=: subdomains that do not exist (DMARCbis; default: sp, then p). */
  nonexistentPolicy?: Policy | null;
  /** 'r' / 'relaxed' (default) or 's' / 'strict'. */
  aspf?: 'r' | 's' | 'relaxed' | 'strict';
  adkim?: 'r' | 's' | 'relaxed' | 'strict';
  /** Aggregate report mailboxes (user@domain, or mailto:user@domain). */
  rua?: readonly string[];
  /** Failure report mailboxes. */
  ruf?: readonly string[];
  /** t=y: receivers apply the policy one level lower while you test. */
  testing?: boolean;
}

export interface DmarcBuild {
  /** The domain as A-labels. */
  domain: string;
  /** Where to publish: `_dmarc.<domain>`, type TXT. */
  name: string;
  record: string;
  /** The record as a zone file or DNS panel takes it (quoted 255-byte strings when longer). */
  value: string;
  /** TXT records outside report destinations must publish, one per destination domain. */
  authorizations: Array<{ destination: string; name: string; record: 'v=DMARC1' }>;
  /** What the record asks for and what comes next (render with checkText / toCheckResults). */
  notes: Finding[];
}

export type DmarcBuildField =
  | 'domain'
  | 'policy'
  | 'subdomainPolicy'
  | 'nonexistentPolicy'
  | 'aspf'
  | 'adkim'
  | 'rua'
  | 'ruf'
  | 'testing';

export type DmarcBuildProblem =
  | { field: 'domain'; reason: 'bad-domain'; problem: DomainProblem }
  | { field: DmarcBuildField; reason: 'bad-value'; value: string }
  | { field: 'rua' | 'ruf'; reason: 'not-a-list' }
  | { field: 'rua' | 'ruf'; reason: 'too-many'; max: number }
  | { field: 'rua' | 'ruf'; reason: 'bad-address'; value: string }
  | { field: 'rua' | 'ruf'; reason: 'name-too-long'; value: string };

export class DmarcBuildError extends Error {
  constructor(readonly problems: DmarcBuildProblem[]) {
    super(problems.map(dmarcBuildProblemMessage).join('; '));
    this.name = 'DmarcBuildError';
  }
}

/** A refused value for the problem's words: strings clipped; other types by name (String() can throw on hostile objects). */
const shown = (value: unknown): string =>
  typeof value === 'string'
    ? value.slice(0, MAX_SHOWN_INPUT)
    : typeof value === 'number' || typeof value === 'boolean' || value === null
      ? String(value)
      : typeof value;

/**
 * The record for the input, or a DmarcBuildError listing every problem. Relaxed alignment (the default)
 * is left out of the record; duplicate addresses are dropped.
 */
export function buildDmarcRecord(input: DmarcBuildInput): DmarcBuild {
  const problems: DmarcBuildProblem[] = [];
  const raw = (input ?? {}) as unknown as Record<string, unknown>;
  const parsedDomain =
    typeof raw.domain === 'string'
      ? parseAuditDomain(raw.domain)
      : ({ ok: false, problem: { reason: 'empty' } } as const);
  if (!parsedDomain.ok)
    problems.push({ field: 'domain', reason: 'bad-domain', problem: parsedDomain.problem });
  const domain = parsedDomain.ok ? parsedDomain.domain : '';

  const policy = policyOf(raw.policy, 'policy', problems, false);
  const sp = policyOf(raw.subdomainPolicy, 'subdomainPolicy', problems, true);
  const np = policyOf(raw.nonexistentPolicy, 'nonexistentPolicy', problems, true);
  const aspf = alignmentOf(raw.aspf, 'aspf', problems);
  const adkim = alignmentOf(raw.adkim, 'adkim', problems);
  if (raw.testing !== undefined && raw.testing !== null && typeof raw.testing !== 'boolean') {
    problems.push({ field: 'testing', reason: 'bad-value', value: shown(raw.testing) });
  }
  const rua = addressesOf(raw.rua, 'rua', domain, problems);
  const ruf = addressesOf(raw.ruf, 'ruf', domain, problems);
  if (problems.length || !policy) throw new DmarcBuildError(problems);

  const tags: DmarcRecordTags = { p: policy };
  if (sp) tags.sp = sp;
  if (np) tags.np = np;
  if (adkim === 's') tags.adkim = 's';
  if (aspf === 's') tags.aspf = 's';
  if (raw.testing === true) tags.t = 'y';
  if (rua.length) tags.rua = rua.map((address) => `mailto:${address}`);
  if (ruf.length) tags.ruf = ruf.map((address) => `mailto:${address}`);
  const record = formatDmarcRecord(tags);

  const destinations = [
    ...new Set([...rua, ...ruf].map((address) => address.slice(address.lastIndexOf('@') + 1))),
  ];
  const authorizations = destinations
    .filter((destination) => isOutside(domain, destination))
    .map((destination) => ({
      destination,
      name: authorizationName(domain, destination),
      record: 'v=DMARC1' as const,
    }));

  const { findings } = recordFindings({
    domain,
    recordDomain: domain,
    record,
    tags: recordTags(record),
    clean: tags,
    applied: { policy, tag: 'p' },
  });
  const notes = [...findings];
  if (authorizations.length) {
    notes.push({
      id: 'dmarc.report-authorization',
      params: {
        domain,
        destinations: authorizations.map((a) => a.destination),
        names: authorizations.map((a) => a.name),
      },
    });
  }
  return { domain, name: `_dmarc.${domain}`, record, value: txtValue(record), authorizations, notes };
}

function policyOf(
  value: unknown,
  field: DmarcBuildField,
  problems: DmarcBuildProblem[],
  optional: boolean,
): Policy | null {
  if (optional && (value === undefined || value === null || value === '')) return null;
  const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (POLICIES.includes(word as Policy)) return word as Policy;
  problems.push({ field, reason: 'bad-value', value: shown(value) });
  return null;
}

function alignmentOf(value: unknown, field: 'aspf' | 'adkim', problems: DmarcBuildProblem[]): 'r' | 's' {
  if (value === undefined || value === null || value === '') return 'r';
  const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const mode = Object.hasOwn(ALIGNMENT, word) ? ALIGNMENT[word] : undefined;
  if (mode) return mode;
  problems.push({ field, reason: 'bad-value', value: shown(value) });
  return 'r';
}

/** Mailboxes as local@a-label-domain, deduplicated, bounded; every problem recorded. */
function addressesOf(
  value: unknown,
  field: 'rua' | 'ruf',
  domain: string,
  problems: DmarcBuildProblem[],
): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ field, reason: 'not-a-list' });
    return [];
  }
  // Bounded before any parsing: a list of a million entries is refused at its length.
  if (value.length > MAX_REPORT_ADDRESSES * 4) {
    problems.push({ field, reason: 'too-many', max: MAX_REPORT_ADDRESSES });
    return [];
  }
  const addresses: string[] = [];
  for (const item of value) {
    if (typeof item === 'string' && item.trim() === '') continue;
    const address = typeof item === 'string' ? reportAddress(item) : null;
    if (!address) {
      problems.push({ field, reason: 'bad-address', value: shown(item) });
      continue;
    }
    const destination = address.slice(address.lastIndexOf('@') + 1);
    if (domain && isOutside(domain, destination) && authorizationName(domain, destination).length > 253) {
      problems.push({ field, reason: 'name-too-long', value: address });
      continue;
    }
    if (!addresses.some((a) => a.toLowerCase() === address.toLowerCase())) addresses.push(address);
  }
  if (addresses.length > MAX_REPORT_ADDRESSES)
    problems.push({ field, reason: 'too-many', max: MAX_REPORT_ADDRESSES });
  return addresses.slice(0, MAX_REPORT_ADDRESSES);
}

/** A report mailbox: `user@domain` or `mailto:user@domain`; the domain as A-labels. Null when not one. */
export function reportAddress(input: string): string | null {
  if (input.length > MAX_ADDRESS_INPUT) return null;
  const text = input.trim().replace(/^mailto:/i, '');
  const at = text.lastIndexOf('@');
  if (at <= 0) return null;
  const local = text.slice(0, at);
  if (local.length > LOCAL_PART_MAX || !LOCAL_PART.test(local)) return null;
  const parsed = parseAuditDomain(text.slice(at + 1));
  if (!parsed.ok) return null;
  const address = `${local}@${parsed.domain}`;
  // What we write must read back as the same mailbox.
  const back = parseReportUri(`mailto:${address}`);
  return back.ok && back.address === address ? address : null;
}

/** One English line for the CLI's stderr and the API's error message (pages word problems themselves). */
export function dmarcBuildProblemMessage(problem: DmarcBuildProblem): string {
  switch (problem.reason) {
    case 'bad-domain':
      return `domain: ${domainProblemMessage(problem.problem)}`;
    case 'bad-value':
      return problem.field === 'aspf' || problem.field === 'adkim'
        ? `${problem.field} is r (relaxed) or s (strict), not "${problem.value}"`
        : problem.field === 'testing'
          ? 'testing is true or false'
          : `${problem.field} is none, quarantine or reject, not "${problem.value}"`;
    case 'not-a-list':
      return `${problem.field} is a list of addresses`;
    case 'too-many':
      return `at most ${problem.max} ${problem.field} addresses`;
    case 'bad-address':
      return `${problem.field}: "${problem.value}" is not a mailbox such as dmarc@example.com`;
    case 'name-too-long':
      return `${problem.field}: the authorization name for ${problem.value} would be longer than a DNS name can be`;
  }
}
