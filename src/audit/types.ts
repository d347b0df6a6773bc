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
  /** Extras: void lookups in this record and everything below it (RFC 7208 4.6.4 allows 2 in all). */
  totalVoidLookups?: number;
  /** The names this record's own terms looked up and found nothing at (NXDOMAIN or no records). */
  voidNames?: string[];
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
  /** Extras. Every v=spf1 record published at the domain (more than one is a permerror). */
  records?: string[];
  /** The term that decided ipResult, as written (e.g. "include:_spf.google.com", "~all"). */
  ipMechanism?: string | null;
  /** Size in bytes of the domain's whole TXT answer as a DNS message without EDNS0 (over 512 needs TCP or EDNS0). */
  answerBytes?: number | null;
  /** False when a branch did not answer or the tree was cut at its bounds: the counts are then lower bounds. */
  complete?: boolean;
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
    /** The mailbox reports go to; null when the URI is not a valid mailto: URI. */
    address: string | null;
    /** Why the URI is not usable, coded ('not-a-uri', 'not-mailto', 'bad-address'); null when it is. */
    problem: string | null;
    /** For a destination outside the organization: the TXT name that must hold v=DMARC1 (RFC 7489 7.1). */
    authorizationName: string | null;
    /** The DNS error code when that lookup failed (authorized is then null). */
    error: string | null;
  }>;
  /**
   * The staged plan: the records to publish next, in order (none → quarantine → reject), each at `name`
   * (`_dmarc.<domain>`). `subdomainPolicy` / `nonexistentPolicy` above are the effective ones (sp, else p;
   * np, else sp, else p).
   */
  plan: Array<{ stage: 'monitor' | 'quarantine' | 'reject'; record: string; name: string }>;
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
  /** The key's DNS name, `<selector>._domainkey.<domain>`. */
  name: string;
  /** Whether the user named the selector or it is one of the common ones we try. */
  source: 'given' | 'common';
  /** Whose selector name this usually is (e.g. "Microsoft 365"), for common selectors. */
  provider: string | null;
  /** The selector's CNAME target, when it points at a key its provider publishes. */
  cname: string | null;
  /** t=s: signatures must not use a subdomain in i=. */
  strictSubdomains: boolean;
  /** Why receivers cannot use the key, coded (e.g. 'revoked', 'bad-base64', 'split'); null when they can. */
  problem: string | null;
  /** Syntax the lenient parsers forgive and strict ones refuse, coded (e.g. 'duplicate-tag'). */
  syntax: string[];
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
  /** Addresses whose PTR names lead back to them (forward-confirmed). `fcrdns`: every checked address is. */
  confirmed: string[];
  /** The exchange is a CNAME (RFC 2181 10.3: an MX must name a host, not an alias): its target. */
  cname: string | null;
  /** What is wrong with the host, coded: 'ip-literal', 'invalid-name', 'no-address', 'private-address', 'temperror'. */
  problems: string[];
}

export interface MxAuditData {
  hosts: MxHostData[];
  /** RFC 7505: a single "0 ." record: the domain receives no mail. */
  nullMx: boolean;
  /** No MX, but the domain has A/AAAA records: mail goes there (RFC 5321 5.1, the implicit MX). */
  implicit: boolean;
  /** MX records published (before the bound of hosts checked). */
  records: number;
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
  /** Where the policy is served: https://mta-sts.<domain>/.well-known/mta-sts.txt. */
  policyUrl: string;
  /** What is wrong in a fetched policy, coded (e.g. 'content-type', 'mode', 'max-age', 'mx-missing'). */
  problems: string[];
  /** The domain's MX hosts, and those that no mx pattern of the policy matches. */
  mxHosts: string[];
  uncoveredMx: string[];
}

export interface TlsRptData {
  record: string | null;
  rua: string[];
  /** What is wrong with the record, coded ('multiple', 'syntax', 'no-rua', 'bad-uri', or a DNS error code). */
  error: string | null;
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
  /** The domain whose default._bimi record applies (the organizational domain's when the domain has none). */
  foundAt: string | null;
  /** What is wrong with the record, coded ('multiple', 'syntax', 'logo-url', 'authority-url', or a DNS error code). */
  error: string | null;
  /** Why the logo could not be fetched, coded (as the MTA-STS policy fetch). */
  svgError: string | null;
  /** Why DMARC is not strong enough, coded (e.g. 'no-dmarc', 'policy-none', 'pct', 'org-sp-none'); null when it is. */
  dmarcProblem: string | null;
}

export interface DnssecData {
  /** The validating resolver's AD bit on the domain's answers: true signed and validated, false not, null unknown. */
  validated: boolean | null;
  /**
   * Whether the resolver is known to validate: it set AD on the answer for the domain's top-level domain (signed
   * TLDs are nearly all of them). true: an AD=0 answer for the domain means the domain is not signed. null: unknown.
   */
  resolverValidates: boolean | null;
  /** The name asked to learn whether the resolver validates (the TLD), or null. */
  probe: string | null;
  /** Why nothing is known, coded (a DNS error code, or 'no-records'); null when validated is known. */
  error: string | null;
}

// ---- The sending IP ----

export interface IpAuditData {
  ip: string;
  ptr: string[];
  fcrdns: boolean;
  blocklists: BlocklistResult[];
  /** The SPF result of the audited domain for this IP. */
  spf: string | null;
  /** Extras: the iprev result (RFC 8601 words), the PTR names that lead back to the IP. */
  iprev: string;
  confirmed: string[];
  /** The special-purpose block of a private or reserved IP (nothing was looked up), e.g. "10.0.0.0/8 (RFC 1918)". */
  notPublic: string | null;
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
