/**
 * The report as ../shared/CONTRACT.md defines it (schema mailscore.report/1). Every type the outside
 * sees lives here; fields are only ever added.
 */
import type { Inspection } from '../inspect/types.js';
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
  /** Extra: where clientIp came from (absent in reports stored before it existed). */
  clientIpSource?: ClientIpSource;
}

/**
 * Where the envelope's client IP came from: `smtp`, the connection our SMTP service accepted; `given`, the
 * caller named it (--ip, ?ip=); `received`, read from a Received field of the message because none was given
 * (src/pipeline/client-ip.ts says which field and why).
 */
export interface ClientIpSource {
  kind: 'smtp' | 'given' | 'received';
  /** received: which Received field, 1 = the topmost. */
  header?: number;
  /** received: that field's value, unfolded, control characters replaced, at most LIMITS.receivedShownChars. */
  text?: string;
  /** received: what else the envelope took from that field because the caller did not give it. */
  taken?: Array<'helo' | 'tls'>;
  /** received: Received fields above it skipped as the receiving side's own hops. */
  skipped?: number;
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

/** One target on one list: the contract's zone, listed, status and codes, and more (src/blocklists/types.ts). */
export type { BlocklistResult } from '../blocklists/types.js';
import type { BlocklistResult } from '../blocklists/types.js';

export interface SpamFilterResult {
  engine: 'spamassassin' | 'rspamd' | 'builtin';
  score: number;
  threshold: number;
  rules: Array<{ name: string; score: number; description: string }>;
  /** Extra: rspamd's action for this score ("no action", "greylist", "add header", "reject"); rspamd only. */
  action?: string;
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

/** Mailbox providers whose published sender rules the report checks. */
export type Provider = 'gmail' | 'yahoo' | 'outlook';

export type RequirementId =
  | 'spf-or-dkim'
  | 'ptr'
  | 'tls'
  | 'format'
  | 'freemail-from'
  | 'spam-rate'
  | 'spf-and-dkim'
  | 'dmarc-record'
  | 'dmarc-aligned'
  | 'one-click-unsubscribe'
  | 'visible-unsubscribe';

/** One rule of the providers' sender requirements, judged on this message. No words: the pages render them. */
export interface SenderRequirement {
  id: RequirementId;
  /** 'na': the rule does not apply to this message, or cannot be judged from one message (spam rate). */
  status: 'pass' | 'fail' | 'na';
  /** Every sender, or bulk senders only (about 5,000 messages a day or more to one provider's users). */
  scope: 'all' | 'bulk';
  /** The providers that state the rule. */
  providers: Provider[];
  /** Why this status, as a code (e.g. 'spf-only', 'not-marketing'). */
  reason: string;
  /** Values the words show (the DMARC policy, the format faults...). */
  params: Record<string, string | number | boolean | null | readonly string[]>;
  /** The checks (checks[].id) the status follows. */
  checks: string[];
}

export interface SenderRequirements {
  /** Some sign of a bulk sender: list or campaign headers, an email service's headers, an unsubscribe link. */
  bulk: boolean;
  /** Signs of subscribed or marketing mail: the unsubscribe rules apply (transactional mail is exempt). */
  marketing: boolean;
  /** The signs found (header names, service names, the unsubscribe words as written). */
  signals: string[];
  rules: SenderRequirement[];
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
  /** Extra: Gmail / Yahoo / Outlook.com sender requirements (absent in reports stored before they existed). */
  requirements?: SenderRequirements;
  /** Extra: language of the words, when the report was made, DNS cost. */
  lang: Lang;
  generatedAt: string;
  dns: DnsStats;
  /** Extra: present when the report inspects a received message (mailscore inspect, POST /api/inspect). */
  inspection?: Inspection;
}
