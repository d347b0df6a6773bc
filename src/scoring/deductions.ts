/**
 * THE scoring table: every check id, its category, its status and what it costs out of 10.
 * Nothing else in the code holds a weight. A change of weight is a one-line edit here, with its reason.
 * The words for each id live in src/i18n (en and ja); a test keeps the three in step.
 *
 * Defaults come from issue 2's table; rows marked "ours" are weights we chose, with the reason beside them.
 */
import type { Category, CheckStatus } from '../report/types.js';

export interface CheckRule {
  category: Category;
  status: CheckStatus;
  /** What the finding costs; for a scaled rule, the most it can cost. */
  deduction: number;
  /**
   * A deduction that follows a number the finding carries (e.g. the SpamAssassin score): the finding's
   * `param` value, at least 0, at most `deduction`.
   */
  scaledBy?: string;
  /** Why this weight (for the people who tune it; not shown to users). */
  why?: string;
}

const rule = (category: Category, status: CheckStatus, deduction = 0, why?: string): CheckRule =>
  why ? { category, status, deduction, why } : { category, status, deduction };

/** A rule whose deduction is the finding's `param`, clamped to [0, cap]. */
const scaled = (category: Category, status: CheckStatus, param: string, cap: number, why: string): CheckRule => ({
  category,
  status,
  deduction: cap,
  scaledBy: param,
  why,
});

const AUTH = 'authentication' as const;
const DNS = 'dns' as const;
const FORMAT = 'format' as const;
const TRANSPORT = 'transport' as const;
const CONTENT = 'content' as const;

export const CHECK_RULES = {
  // SPF (RFC 7208), MAIL FROM identity (or postmaster@HELO for the null sender)
  'spf.pass': rule(AUTH, 'pass'),
  'spf.none': rule(
    AUTH,
    'fail',
    1.0,
    'no SPF: receivers cannot tell whether this IP may send for the domain',
  ),
  'spf.permerror': rule(
    AUTH,
    'fail',
    1.0,
    'a broken record counts as no record (RFC 7208 2.6.7), so the same as none',
  ),
  'spf.fail': rule(
    AUTH,
    'fail',
    2.0,
    'the domain itself says this IP must not send; receivers reject or junk',
  ),
  'spf.softfail': rule(AUTH, 'warn', 0.5),
  'spf.neutral': rule(AUTH, 'warn', 0.5),
  'spf.temperror': rule(AUTH, 'error', 0.3, 'a transient DNS failure; receivers defer or treat as none'),
  'spf.no-envelope': rule(AUTH, 'info', 0, 'ours: without MAIL FROM the HELO identity is what SPF checks'),
  'spf.helo': rule(
    AUTH,
    'info',
    0,
    'the HELO identity result is informational: Gmail and DMARC use MAIL FROM',
  ),
  'spf.lookups-near-limit': rule(
    DNS,
    'warn',
    0,
    'ours: 8-10 DNS lookups still pass but one more include breaks SPF',
  ),

  // Sender ID (RFC 4406/4407): historic, weighed lightly
  'senderId.pass': rule(AUTH, 'pass'),
  'senderId.fail': rule(AUTH, 'warn', 0.5),
  'senderId.none': rule(AUTH, 'warn', 0.5, 'only when SPF exists but says nothing for the PRA domain'),
  'senderId.not-applicable': rule(AUTH, 'info', 0, 'no record at all: the SPF deduction already covers it'),
  'senderId.weak': rule(
    AUTH,
    'info',
    0,
    'ours: softfail/neutral for the PRA; historic protocol, no further cost',
  ),
  'senderId.error': rule(
    AUTH,
    'info',
    0,
    'ours: temperror/permerror of a historic protocol is shown, not scored',
  ),
  'senderId.no-pra': rule(
    AUTH,
    'info',
    0,
    'ours: no PRA (RFC 4407 2) is permerror; the format checks score the From/Sender fault',
  ),

  // DKIM (RFC 6376, RFC 8301, RFC 8463)
  'dkim.pass': rule(AUTH, 'pass'),
  'dkim.none': rule(AUTH, 'fail', 1.0),
  'dkim.fail': rule(AUTH, 'fail', 1.5, 'every signature fails: worse than none, it looks like tampering'),
  'dkim.third-party-only': rule(
    AUTH,
    'warn',
    0.5,
    'only a signature not aligned with From passes: DMARC gets nothing from DKIM',
  ),
  'dkim.temperror': rule(AUTH, 'error', 0.3, 'ours: like spf.temperror, a key lookup failed transiently'),
  'dkim.key-too-small': rule(
    AUTH,
    'fail',
    1.0,
    'RSA keys under 1024 bits are refused by RFC 8301 and by Gmail',
  ),
  'dkim.key-1024': rule(
    AUTH,
    'warn',
    0.2,
    '1024 bits still verify, but 2048 is the recommendation (RFC 8301)',
  ),
  'dkim.rsa-sha1': rule(AUTH, 'warn', 0.5, 'RFC 8301: rsa-sha1 must not be used'),
  'dkim.body-length': rule(
    AUTH,
    'warn',
    0,
    'ours: l= lets anyone append content; Gmail advises against it, no cost',
  ),
  'dkim.expired': rule(
    AUTH,
    'warn',
    0,
    'ours: the signature is reported as not passing; the dkim.fail row costs it',
  ),
  'dkim.testing': rule(AUTH, 'info', 0, 't=y asks receivers to treat the signature as unsigned mail may be'),
  'dkim.skipped': rule(AUTH, 'info', 0, 'only the first signatures are verified (bounded work)'),

  // DMARC (RFC 9989)
  'dmarc.pass': rule(AUTH, 'pass'),
  'dmarc.none': rule(
    AUTH,
    'warn',
    0.5,
    'no record: Gmail and Yahoo require DMARC of bulk senders since 2024',
  ),
  'dmarc.fail': rule(AUTH, 'fail', 1.5),
  'dmarc.temperror': rule(AUTH, 'error', 0.3, 'ours: transient, as for SPF'),
  'dmarc.no-author-domain': rule(AUTH, 'fail', 0, 'ours: format.from-* already costs the broken From'),
  'dmarc.policy-none': rule(
    AUTH,
    'info',
    0,
    'ours: p=none is a valid first step; the domain audit plans the rest',
  ),
  'dmarc.no-reports': rule(AUTH, 'info', 0, 'ours: without rua= the owner never sees failures'),
  'dmarc.invalid-record': rule(
    AUTH,
    'warn',
    0.5,
    'ours: several records, or no valid p= and no rua=, count as no record (RFC 9989 4.10.1): as dmarc.none',
  ),

  // ARC (RFC 8617): only meaningful for forwarded mail
  'arc.none': rule(AUTH, 'info'),
  'arc.pass': rule(AUTH, 'pass'),
  'arc.fail': rule(
    AUTH,
    'warn',
    0,
    'ours: a broken chain on mail sent straight to us is odd but costs nothing',
  ),

  // Reverse DNS of the client IP (RFC 8601 iprev)
  'iprev.pass': rule(DNS, 'pass'),
  'iprev.no-ptr': rule(DNS, 'fail', 1.0),
  'iprev.not-confirmed': rule(DNS, 'fail', 0.5),
  'iprev.temperror': rule(DNS, 'error', 0.3, 'ours: as for SPF'),
  'iprev.generic': rule(
    DNS,
    'warn',
    0.3,
    'ours: dynamic-looking names (IP digits, dsl, pool) are spam signals at big receivers',
  ),
  'iprev.not-public': rule(
    DNS,
    'info',
    0,
    'ours: private or loopback client IP: a test setup, nothing to score',
  ),

  // HELO / EHLO name (RFC 5321 4.1.1.1)
  'helo.pass': rule(DNS, 'pass'),
  'helo.bad': rule(DNS, 'warn', 0.3),
  'helo.literal': rule(
    DNS,
    'info',
    0,
    'ours: an address literal is legal (RFC 5321) but tells receivers nothing',
  ),
  'helo.ptr-mismatch': rule(DNS, 'info', 0, 'ours: common behind NAT and with cloud relays; informational'),
  'helo.missing': rule(DNS, 'info', 0, 'ours: nothing to check when the HELO was not given'),
  'helo.temperror': rule(DNS, 'error', 0, 'ours: our lookup of the HELO name failed, not the name itself'),

  // TLS in transit
  'tls.pass': rule(TRANSPORT, 'pass'),
  'tls.none': rule(TRANSPORT, 'fail', 0.5, 'Gmail shows the red open padlock'),
  'tls.old': rule(TRANSPORT, 'warn', 0.3),

  // Aligned sending: From, envelope, DKIM d= and PTR in one organizational domain
  'alignment.aligned': rule(AUTH, 'pass'),
  'alignment.partial': rule(AUTH, 'info', 0, 'informational summary; DMARC and DKIM rows carry the cost'),

  // Format (RFC 5322 and Gmail's sender guidelines)
  'format.pass': rule(FORMAT, 'pass'),
  'format.from-invalid': rule(FORMAT, 'fail', 1.0),
  'format.from-repeated': rule(FORMAT, 'fail', 1.0),
  'format.no-date': rule(FORMAT, 'fail', 0.5),
  'format.bad-date': rule(
    FORMAT,
    'warn',
    0.3,
    'ours: an unparseable, future or years-old Date is a spam signal',
  ),
  'format.date-future': rule(
    FORMAT,
    'warn',
    0.3,
    'ours: as bad-date; split out so the words say which fault',
  ),
  'format.date-old': rule(FORMAT, 'warn', 0.3, 'ours: as bad-date; split out so the words say which fault'),
  'format.no-message-id': rule(FORMAT, 'fail', 0.5),
  'format.bad-message-id': rule(FORMAT, 'warn', 0.2, 'ours: Gmail asks for RFC 5322 Message-IDs'),
  'format.no-subject': rule(FORMAT, 'warn', 0.2, 'ours: legal but a common spam trait'),
  'format.no-mime-version': rule(FORMAT, 'warn', 0.1, 'ours: RFC 2045 requires it; clients cope'),
  'format.repeated-header': rule(
    FORMAT,
    'warn',
    0.3,
    'ours: RFC 5322 3.6 allows these once; Gmail may reject',
  ),
  'format.eight-bit-header': rule(
    FORMAT,
    'warn',
    0.2,
    'ours: raw 8-bit header bytes without SMTPUTF8 get garbled',
  ),
  'format.long-line': rule(
    FORMAT,
    'warn',
    0.3,
    'ours: RFC 5322 2.1.1 limit of 998 octets; relays may break the line',
  ),
  'format.html-only': rule(FORMAT, 'warn', 0.3),
  'format.html-clipped': rule(FORMAT, 'warn', 0.2),
  'format.large': rule(FORMAT, 'info', 0, 'ours: size alone is not a fault; shown so senders notice'),
  'format.too-many-headers': rule(
    FORMAT,
    'warn',
    0.3,
    'ours: beyond our bound the rest is ignored; real mail never gets there',
  ),
  'format.mime-broken': rule(FORMAT, 'warn', 0.3, 'ours: clients may show it wrong'),
  'format.freemail-from': rule(
    FORMAT,
    'fail',
    2.0,
    'these providers enforce DMARC on their own domains (reject, or quarantine for Gmail/iCloud)',
  ),

  // Content filter (SpamAssassin over spamd, rspamd, or the built-in rules): mail-tester's first item
  'spamFilter.clean': rule(CONTENT, 'pass'),
  'spamFilter.score': scaled(
    CONTENT,
    'warn',
    'score',
    5.0,
    'as mail-tester: a positive filter score costs that many points; capped at 5 so the filter alone cannot zero a message',
  ),
  'spamFilter.error': rule(CONTENT, 'error', 0, 'ours: the filter did not answer; nothing is known, nothing is deducted'),
} as const satisfies Record<string, CheckRule>;

export type CheckId = keyof typeof CHECK_RULES;

export const AREAS = [
  'spf',
  'senderId',
  'dkim',
  'dmarc',
  'arc',
  'iprev',
  'helo',
  'tls',
  'alignment',
  'format',
  'spamFilter',
  'content',
  'links',
  'attachments',
  'unsubscribe',
] as const;
export type Area = (typeof AREAS)[number];

/** The ids of one area, e.g. IdsOf<'spf'> = 'spf.pass' | 'spf.none' | ... */
export type IdsOf<A extends Area> = Extract<CheckId, `${A}.${string}`>;
