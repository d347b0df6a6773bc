/**
 * Inspecting a received message (`mailscore inspect`, POST /api/inspect, the /inspect page): is it really
 * from who it says, and is it safe to open? The report is the usual mailscore.report/1 (the message's
 * checks, re-verified now) with an `inspection` block: the contract's {verdict, reasons[{id, severity,
 * title, detail}]} and extras. Each part is computed by its own module from an InspectContext and returns
 * typed data plus findings (ids of the `inspect` area); the verdict and the order of the reasons come from
 * the one table src/scoring/inspection.ts, the words from src/i18n/{en,ja}/inspect.ts.
 */
import type { Finding } from '../checks/types.js';
import type { ContentModel } from '../content/types.js';
import type { DnsSession } from '../dns/session.js';
import type { ReceivedHop } from '../message/received.js';
import type { ParsedMessage } from '../message/types.js';
import type { Report } from '../report/types.js';

export type InspectionVerdict = 'genuine' | 'suspicious' | 'dangerous';
/** How much a reason weighs towards the verdict (src/scoring/inspection.ts gives each id one). */
export type InspectionSeverity = 'danger' | 'warning' | 'info' | 'ok';

export interface InspectionReason {
  id: string;
  severity: InspectionSeverity;
  title: string;
  detail: string;
}

export interface InspectContext {
  message: ParsedMessage;
  /** The decoded content (shared with the report's content checks). */
  content: ContentModel;
  /** The report of the message's own checks (authentication re-verified now, content, links, attachments). */
  report: Report;
  dns: DnsSession;
  now: Date;
  /** authserv-ids the user trusts (--trust), lower case; the well-known providers' are trusted too. */
  trust: readonly string[];
}

export interface InspectPart<T> {
  data: T;
  findings: Finding[];
}

/** One Authentication-Results field as parsed (RFC 8601). */
export interface AuthResultsHeader {
  /** 1 = topmost field of the message. */
  index: number;
  authservId: string;
  /** Whether we trust it: named by the user, or a well-known provider's, and added above every untrusted hop. */
  trusted: boolean;
  results: Array<{
    method: string;
    result: string;
    reason: string | null;
    properties: Record<string, string>;
  }>;
}

export interface AuthenticityData {
  /** The header whose results were taken (null: none trusted). */
  trusted: AuthResultsHeader | null;
  /** Every Authentication-Results field seen (bounded). */
  headers: AuthResultsHeader[];
  /** ARC: the chain's result as the trusted receiver recorded it, if any. */
  arc: string | null;
  /** DKIM signatures that fail now but passed for the trusted receiver: the message changed after it arrived. */
  brokenSince: string[];
}

export interface HopData {
  hops: ReceivedHop[];
  /** Index (1 = topmost) of the first hop outside the recipient's systems, or null. */
  firstExternal: number | null;
  /** Seconds between consecutive hops (null where a date is missing or unreadable). */
  delays: Array<number | null>;
}

export interface SenderData {
  fromDomain: string | null;
  displayName: string | null;
  /** Look-alike findings: the domain it imitates and how (confusable characters, punycode, one-letter swap). */
  lookalikes: Array<{ domain: string; imitates: string; how: string }>;
  replyToDomains: string[];
  returnPathDomain: string | null;
}

export interface DangerData {
  /** Counts by kind, for the summary (attachments, links, pressure words). */
  attachments: number;
  dangerousAttachments: number;
  links: number;
  deceptiveLinks: number;
  pressureWords: string[];
}

/** The report's `inspection` block: the contract's verdict and reasons, and the parts behind them. */
export interface Inspection {
  verdict: InspectionVerdict;
  reasons: InspectionReason[];
  /** Extras. */
  advice: string[];
  authenticity: AuthenticityData;
  hops: HopData;
  sender: SenderData;
  danger: DangerData;
  /** The message inspected was found attached to the uploaded one (forwarded as an attachment). */
  unwrapped: boolean;
  /** The upload was kept (only when the user asked). */
  kept: boolean;
}
