/**
 * The domain audit (`mailscore domain`, `GET /api/domains/:domain`, the /domain page): a domain's sending
 * setup checked without any message. The contract's fields (schema mailscore.domain/1: domain, spf, dmarc,
 * dkim, mx, checks) and extras. Each section is computed by its own module in src/audit/ from an
 * AuditContext and returns typed data plus findings, as the message checks do; words come from src/i18n,
 * weights from src/scoring/deductions.ts.
 */
import type { Finding } from '../checks/types.js';
import type { BlocklistResult, BlocklistZone } from '../blocklists/types.js';
import type { DnsSession, DnsStats } from '../dns/session.js';
import type { CheckResult, Lang } from '../report/types.js';

export interface AuditOptions {
  /** DKIM selectors the user named (tried before the common ones). */
  selectors?: readonly string[];
  /** The sending IP, when given: PTR / FCrDNS, blocklists, whether SPF authorizes it. */
  ip?: string | null;
  blocklists?: readonly BlocklistZone[];
  /** HTTPS fetches (MTA-STS policy, BIMI SVG): off in tests that have no server; never to private addresses. */
  fetch?: AuditFetchOptions;
}

export interface AuditFetchOptions {
  /** Default true. */
  enabled?: boolean;
  /** Extra CA certificates (PEM) to trust: tests serve MTA-STS over HTTPS with a test CA. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Tests only: allow loopback targets (production settings cannot reach this). */
  allowLoopback?: boolean;
  /** Tests only: the port HTTPS fetches connect to (MTA-STS and BIMI always use 443 in production). */
  port?: number;
}

export interface AuditContext {
  /** The audited domain: lower-case ASCII (A-labels), no trailing dot. */
  domain: string;
  dns: DnsSession;
  now: Date;
  options: AuditOptions;
}

/** One section's output: its typed data and its findings. */
export interface AuditSection<T> {
  data: T;
  findings: Finding[];
}

// ---- SPF ----

/** One node of the SPF include/redirect tree, with its own lookup count. */
export interface SpfTreeNode {
  domain: string;
  /** How the parent reached it: the root, include:, or redirect=. */
  via: 'root' | 'include' | 'redirect';
  record: string | null;
  /** DNS-mechanism terms in this record alone (include, a, mx, ptr, exists, redirect). */
  lookups: number;
  /** Lookups in this record and everything below it. */
  totalLookups: number;
  voidLookups: number;
  /** What went wrong at this node, coded (e.g. 'not-found', 'no-record', 'multiple-records', 'syntax', 'temperror', 'loop'). */
  error: string | null;
  children: SpfTreeNode[];
}

export interface SpfAuditData {
  /** Contract fields. */
  record: string | null;
  lookups: number;
  voidLookups: number;
  /** Extras. */
  tree: SpfTreeNode | null;
  /** The `all` qualifier at the root ('-', '~', '?', '+'), or null when there is no `all` (nor redirect). */
  all: '-' | '~' | '?' | '+' | null;
  /** Whether the sending IP (options.ip) is authorized, when given: the SPF result for it. */
  ipResult: string | null;
}

// ---- DMARC ----

export interface DmarcAuditData {
  /** Contract fields. */
  record: string | null;
  foundAt: string | null;
  policy: 'none' | 'quarantine' | 'reject' | null;
  /** Extras: the parsed tags (as published), and the reporting destinations with their authorization. */
  tags: Record<string, string>;
  subdomainPolicy: 'none' | 'quarantine' | 'reject' | null;
  nonexistentPolicy: 'none' | 'quarantine' | 'reject' | null;
  reporting: Array<{
    kind: 'rua' | 'ruf';
    uri: string;
    /** The destination's domain; authorized is null when it is the audited organization's own. */
    domain: string | null;
    authorized: boolean | null;
  }>;
  /** The staged plan: the records to publish next, in order (none → quarantine → reject). */
  plan: Array<{ stage: 'monitor' | 'quarantine' | 'reject'; record: string }>;
}

// ---- DKIM ----

export interface DkimKeyData {
  /** Contract fields. */
  selector: string;
  type: 'rsa' | 'ed25519';
  keyBits: number | null;
  revoked: boolean;
  /** Extras. */
  testing: boolean;
  /** h= allows only sha1. */
  sha1Only: boolean;
  record: string;
}

// ---- MX ----

export interface MxHostData {
  /** Contract fields. */
  exchange: string;
  priority: number;
  addresses: string[];
  fcrdns: boolean;
  /** Extras: PTR names per address. */
  ptr: Record<string, string[]>;
}

export interface MxAuditData {
  hosts: MxHostData[];
  /** RFC 7505: a single "0 ." record: the domain receives no mail. */
  nullMx: boolean;
}

// ---- Transport security and brand ----

export interface MtaStsData {
  record: string | null;
  /** The policy id from the TXT record. */
  id: string | null;
  policy: {
    mode: 'enforce' | 'testing' | 'none' | null;
    maxAge: number | null;
    mx: string[];
    /** The policy text as fetched (bounded). */
    text: string;
  } | null;
  /** Why the policy could not be fetched or parsed, coded; null when fine or not published. */
  error: string | null;
}

export interface TlsRptData {
  record: string | null;
  rua: string[];
}

export interface BimiData {
  record: string | null;
  logoUrl: string | null;
  authorityUrl: string | null;
  /** The SVG was fetched and passes the SVG Tiny PS basics we check. */
  svgOk: boolean | null;
  /** Problems found in the SVG, coded. */
  svgProblems: string[];
  /** DMARC is strong enough for a logo to be shown (p=quarantine or reject at 100 %, for the organizational domain too). */
  dmarcEligible: boolean;
}

export interface DnssecData {
  /** The validating resolver's AD bit on the domain's answers: true signed and validated, false not, null unknown. */
  validated: boolean | null;
}

// ---- The sending IP ----

export interface IpAuditData {
  ip: string;
  ptr: string[];
  fcrdns: boolean;
  blocklists: BlocklistResult[];
  /** The SPF result of the audited domain for this IP. */
  spf: string | null;
}

/** The whole audit: the contract's mailscore.domain/1 and extras. */
export interface DomainAudit {
  schema: 'mailscore.domain/1';
  domain: string;
  spf: Pick<SpfAuditData, 'record' | 'lookups' | 'voidLookups'> & Partial<SpfAuditData>;
  dmarc: Pick<DmarcAuditData, 'record' | 'foundAt' | 'policy'> & Partial<DmarcAuditData>;
  dkim: DkimKeyData[];
  mx: MxHostData[];
  checks: CheckResult[];
  /** Extras. */
  score: number;
  nullMx: boolean;
  mtaSts: MtaStsData;
  tlsRpt: TlsRptData;
  bimi: BimiData;
  dnssec: DnssecData;
  ip: IpAuditData | null;
  lang: Lang;
  generatedAt: string;
  dns: DnsStats;
}
