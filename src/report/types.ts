/**
 * The report as ../shared/CONTRACT.md defines it (schema mailscore.report/1). Every type the outside
 * sees lives here; fields are only ever added.
 */
import type { DnsStats } from '../dns/session.js';

/** RFC 8601 result words. */
export type AuthResult =
  'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

export const AUTH_RESULTS: readonly AuthResult[] = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
  'policy',
];

/** A library's result word as ours: one of `allowed`, else `fallback` (an unexpected value never passes through). */
export const toAuthResult = (
  value: unknown,
  allowed: readonly AuthResult[],
  fallback: AuthResult,
): AuthResult => (allowed.includes(value as AuthResult) ? (value as AuthResult) : fallback);

export type CheckStatus = 'pass' | 'info' | 'warn' | 'fail' | 'error';

export type Category = 'authentication' | 'dns' | 'blocklists' | 'content' | 'format' | 'transport';

export type Lang = 'en' | 'ja';

export interface TlsInfo {
  protocol: string;
  cipher: string | null;
}

export interface Envelope {
  clientIp: string;
  helo: string | null;
  /** '' is the null sender (<>); null: not known (no --mail-from and no Return-Path). */
  mailFrom: string | null;
  rcptTo: string[];
  tls: TlsInfo | null;
}

export interface MessageSummary {
  from: string | null;
  subject: string | null;
  messageId: string | null;
  size: number;
}

export interface SpfAuth {
  result: AuthResult;
  domain: string | null;
  mechanism: string | null;
  /** Extra: the record evaluated, the identity checked, the HELO identity's own result. */
  record: string | null;
  identity: 'mailfrom' | 'helo';
  explanation: string | null;
  lookups: number | null;
  helo: { result: AuthResult; domain: string | null } | null;
}

export interface SenderIdAuth {
  result: AuthResult;
  pra: string | null;
  domain: string | null;
  /** Extra: which record decided ('spf2.0/pra' or 'v=spf1'), null without one. */
  record: string | null;
  scope: 'spf2.0' | 'spf1' | null;
}

export interface DkimSignatureAuth {
  result: AuthResult;
  domain: string | null;
  selector: string | null;
  algorithm: string | null;
  keyBits: number | null;
  aligned: boolean;
  /** Extra details (all optional in the contract's eyes). */
  reason: string | null;
  bodyLength: number | null;
  testing: boolean;
  expired: boolean;
  skipped: boolean;
}

export interface DmarcAuth {
  result: AuthResult;
  domain: string | null;
  policy: 'none' | 'quarantine' | 'reject' | null;
  spfAligned: boolean;
  dkimAligned: boolean;
  /** Extra. */
  record: string | null;
  recordDomain: string | null;
  p: 'none' | 'quarantine' | 'reject' | null;
  sp: 'none' | 'quarantine' | 'reject' | null;
  np: 'none' | 'quarantine' | 'reject' | null;
  aspf: 'r' | 's' | null;
  adkim: 'r' | 's' | null;
  rua: boolean;
  ruf: boolean;
  /** What a receiver following the policy does with this message: none (deliver), quarantine, reject. */
  disposition: 'none' | 'quarantine' | 'reject' | null;
}

export interface ArcAuth {
  result: AuthResult;
  /** Extra: number of ARC sets, and the instance that failed, when known. */
  sets: number;
  reason: string | null;
}

export interface IprevAuth {
  result: AuthResult;
  ptr: string[];
  fcrdns: boolean;
  /** Extra: PTR names that resolve back to the IP; PTR names that look dynamic/generic. */
  confirmed: string[];
  generic: boolean;
}

export interface Auth {
  spf: SpfAuth;
  senderId: SenderIdAuth;
  dkim: DkimSignatureAuth[];
  dmarc: DmarcAuth;
  arc: ArcAuth;
  iprev: IprevAuth;
}

export interface BlocklistResult {
  zone: string;
  listed: boolean;
  status: 'listed' | 'clean' | 'error';
  codes: string[];
}

export interface SpamFilterResult {
  engine: 'spamassassin' | 'rspamd' | 'builtin';
  score: number;
  threshold: number;
  rules: Array<{ name: string; score: number; description: string }>;
}

export interface GmailPrediction {
  questionMark: boolean;
  via: string | null;
  redLock: boolean;
  mailedBy: string | null;
  signedBy: string | null;
}

export interface CheckResult {
  id: string;
  category: Category;
  status: CheckStatus;
  deduction: number;
  title: string;
  detail: string;
  fix: string | null;
}

export interface Report {
  schema: 'mailscore.report/1';
  score: number;
  envelope: Envelope;
  message: MessageSummary;
  auth: Auth;
  blocklists: BlocklistResult[];
  /** null until a content filter runs (issue 4). */
  spamFilter: SpamFilterResult | null;
  gmail: GmailPrediction;
  checks: CheckResult[];
  /** Extra: language of the words, when the report was made, DNS cost. */
  lang: Lang;
  generatedAt: string;
  dns: DnsStats;
}
