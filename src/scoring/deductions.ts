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
const scaled = (
  category: Category,
  status: CheckStatus,
  param: string,
  cap: number,
  why: string,
): CheckRule => ({
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
  // The envelope (src/pipeline/client-ip.ts): where the sending IP came from when the caller gave none
  'envelope.from-received': rule(
    TRANSPORT,
    'info',
    0,
    'ours: says which Received header the IP, HELO and TLS were read from; nothing about the sender to score',
  ),

  // The inspection of a received message (src/inspect/inspect.ts): it judges a message, not its sender's setup
  'inspect.unwrapped': rule(
    TRANSPORT,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.no-external-hop': rule(
    TRANSPORT,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.unconfirmed': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.sender-confirmed': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),

  // The inspection's authenticity and hops (src/inspect/authenticity.ts, hops.ts)
  'inspect.authenticated': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.not-authenticated': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.dmarc-fail': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.spoofed-auth-results': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.untrusted-auth-results': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.no-trusted-results': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.dkim-broken-in-transit': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.dkim-key-changed': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.hop-no-tls': rule(
    TRANSPORT,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.hop-dates': rule(
    TRANSPORT,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.hop-delay': rule(
    TRANSPORT,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),

  // Sender tricks and danger of an inspected message (src/inspect/sender.ts, danger.ts): nothing to score
  'inspect.display-name-address': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.display-name-brand': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.lookalike-domain': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.punycode-domain': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.reply-to-freemail': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.reply-to-other-org': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.return-path-other-org': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.domain-age-unknown': rule(
    AUTH,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.password-in-body': rule(
    CONTENT,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.lookalike-link': rule(
    CONTENT,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.credential-form': rule(
    CONTENT,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.pressure-words': rule(
    CONTENT,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),
  'inspect.bank-change': rule(
    CONTENT,
    'info',
    0,
    'ours: an inspection judges a received message; nothing to score',
  ),

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
  // The domain audit's SPF record (src/audit/spf.ts). A record that gives permerror costs what spf.permerror
  // costs a message, once: each cause is its own row, the first one found carries the cost (param `cost`).
  'spf.record-valid': rule(DNS, 'pass'),
  'spf.record-none': rule(
    AUTH,
    'fail',
    1.0,
    'as spf.none: receivers cannot tell who may send for the domain',
  ),
  'spf.record-multiple': scaled(
    AUTH,
    'fail',
    'cost',
    1.0,
    'permerror (RFC 7208 4.5): as spf.permerror, once',
  ),
  'spf.record-syntax': scaled(AUTH, 'fail', 'cost', 1.0, 'permerror (RFC 7208 4.6): as spf.permerror, once'),
  'spf.include-missing': scaled(
    AUTH,
    'fail',
    'cost',
    1.0,
    'an include with no record is a permerror (RFC 7208 5.2): as spf.permerror, once',
  ),
  'spf.include-broken': scaled(
    AUTH,
    'fail',
    'cost',
    1.0,
    'a broken record reached by include is a permerror for the whole: as spf.permerror, once',
  ),
  'spf.loop': scaled(AUTH, 'fail', 'cost', 1.0, 'a loop runs past the lookup limit: permerror, once'),
  'spf.lookups-over-limit': scaled(
    AUTH,
    'fail',
    'cost',
    1.0,
    'more than 10 lookups is a permerror (RFC 7208 4.6.4): as spf.permerror, once',
  ),
  'spf.void-lookups-over-limit': scaled(
    AUTH,
    'fail',
    'cost',
    1.0,
    'more than 2 void lookups is a permerror (RFC 7208 4.6.4): as spf.permerror, once',
  ),
  'spf.void-lookups': rule(
    DNS,
    'warn',
    0,
    'ours: 1-2 void lookups pass, but each is a dead term one step from the limit',
  ),
  'spf.all-pass': rule(
    AUTH,
    'fail',
    2.0,
    'ours: +all lets anyone pass SPF, and with it DMARC through SPF alignment: as bad as spf.fail for real mail',
  ),
  'spf.all-neutral': rule(
    AUTH,
    'warn',
    0.5,
    'as spf.neutral: forged mail gets neutral, no worse than no record',
  ),
  'spf.all-missing': rule(
    AUTH,
    'warn',
    0.5,
    'no all and no redirect ends in neutral (RFC 7208 4.7): as ?all',
  ),
  'spf.ptr': rule(
    DNS,
    'warn',
    0,
    'ours: RFC 7208 5.5 says ptr SHOULD NOT be used; it still works, slowly, and some receivers skip it',
  ),
  'spf.answer-large': rule(
    DNS,
    'warn',
    0,
    'ours: over 512 bytes needs EDNS0 or TCP; most receivers manage, a few time out (temperror)',
  ),
  'spf.record-temperror': rule(
    DNS,
    'error',
    0,
    'ours: nothing is known about a branch that did not answer; the audit cannot tell a dead server from a slow path',
  ),
  'spf.ip-authorized': rule(AUTH, 'pass'),
  'spf.ip-not-authorized': scaled(
    AUTH,
    'fail',
    'cost',
    2.0,
    'what the result costs a message from this IP: fail 2, softfail/neutral 0.5; none/permerror/temperror 0 (the record findings count them)',
  ),
  // The SPF builder's notes (src/generate/spf.ts): words, never scored.
  'spf.build-flattened': rule(
    DNS,
    'warn',
    0,
    'ours: a flattened record goes stale when the provider changes its addresses',
  ),
  'spf.build-over-limit': rule(DNS, 'fail', 0, 'ours: the builder could not get under 10 lookups'),
  'spf.build-include-dropped': rule(DNS, 'warn', 0, 'ours: an include with no usable record was left out'),
  'spf.build-include-temperror': rule(
    DNS,
    'error',
    0,
    'ours: an include did not answer, its lookups are unknown',
  ),
  'spf.build-answer-large': rule(DNS, 'warn', 0, 'ours: the record alone makes an answer over 512 bytes'),
  'spf.build-split': rule(DNS, 'info', 0, 'ours: how to publish a record longer than 255 bytes'),
  'spf.build-softfail': rule(DNS, 'info', 0, 'ours: why the builder ends with ~all'),
  'spf.build-no-senders': rule(DNS, 'info', 0, 'ours: a domain that sends no mail'),
  'spf.build-bad-input': rule(DNS, 'fail', 0, 'ours: an input the builder could not use'),

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
  // The domain audit's DKIM keys (src/audit/dkim.ts): a key receivers cannot use costs what an unverifiable
  // signature costs a message; dkim.key-too-small, dkim.key-1024 and dkim.testing are shared with the check.
  'dkim.audit-keys-found': rule(AUTH, 'pass'),
  'dkim.audit-none-found': rule(
    AUTH,
    'info',
    0,
    'ours: DNS cannot list selectors, so no key among the common ones says nothing about the domain',
  ),
  'dkim.audit-selector-missing': rule(
    AUTH,
    'fail',
    1.0,
    'the selector the user signs with has no key: every signature is unverifiable, as dkim.none',
  ),
  'dkim.audit-selector-invalid': rule(AUTH, 'info', 0, 'ours: not a selector; nothing was asked'),
  'dkim.audit-cname-dangling': rule(
    AUTH,
    'warn',
    0.5,
    'ours: the provider publishes no key there, so it signs with its own domain: as dkim.third-party-only',
  ),
  'dkim.audit-key-invalid': rule(AUTH, 'fail', 1.0, 'receivers cannot read the key: as dkim.none'),
  'dkim.audit-key-split': rule(
    AUTH,
    'fail',
    1.0,
    'a key split into several TXT records is read as a cut key (or not at all): as dkim.none',
  ),
  'dkim.audit-key-quoted': rule(AUTH, 'fail', 1.0, 'quotes inside the key make it unreadable: as dkim.none'),
  'dkim.audit-key-multiple': rule(
    AUTH,
    'fail',
    1.0,
    'several key records at one name: receivers take whichever comes first, so signatures fail at random',
  ),
  'dkim.audit-key-revoked': rule(
    AUTH,
    'warn',
    0,
    'ours: revoking a key (empty p=) is how rotation ends; it costs only if mail is still signed with it',
  ),
  'dkim.audit-key-too-large': rule(
    AUTH,
    'warn',
    0.2,
    'ours: RFC 8301 asks verifiers to handle up to 4096 bits only; larger keys may not verify everywhere',
  ),
  'dkim.audit-key-sha1-only': rule(
    AUTH,
    'warn',
    0.5,
    'h= without sha256 allows only rsa-sha1 signatures, which RFC 8301 forbids: as dkim.rsa-sha1',
  ),
  'dkim.audit-key-syntax': rule(
    AUTH,
    'warn',
    0.3,
    'ours: most receivers forgive it, but RFC 6376 6.1.2 has verifiers ignore a malformed key record',
  ),
  'dkim.audit-key-strict': rule(AUTH, 'info', 0, 'ours: t=s is valid; it only forbids subdomains in i='),
  'dkim.audit-ed25519-only': rule(
    AUTH,
    'warn',
    0.3,
    'ours: Gmail and Microsoft do not verify Ed25519 yet, unless an RSA key sits at a selector we did not try',
  ),
  'dkim.audit-temperror': rule(AUTH, 'error', 0, 'ours: nothing is known about the keys that timed out'),
  // The DKIM key generator's notes (src/generate/dkim.ts): words, never scored.
  'dkim.generated-key': rule(AUTH, 'info', 0, 'ours: how to publish a generated key'),
  'dkim.generated-ed25519': rule(AUTH, 'info', 0, 'ours: why an Ed25519 key needs an RSA key beside it'),

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
  // The domain audit's DMARC record (src/audit/dmarc.ts): a domain with no policy that applies costs what
  // dmarc.none costs a message; what a working record could do better is shown, not scored, as
  // dmarc.policy-none and dmarc.no-reports are (both shared with the message check, as are dmarc.none and
  // dmarc.invalid-record).
  'dmarc.record-found': rule(AUTH, 'pass'),
  'dmarc.record-multiple': rule(
    AUTH,
    'warn',
    0.5,
    'several records at one name are discarded (RFC 9989 4.10), so none applies: as dmarc.none',
  ),
  'dmarc.record-ignored': rule(
    AUTH,
    'warn',
    0,
    "ours: the owner's nearer record is discarded but another still applies; the words say which",
  ),
  'dmarc.lookup-error': rule(AUTH, 'error', 0.3, 'ours: transient, as dmarc.temperror'),
  'dmarc.policy-invalid': rule(
    AUTH,
    'warn',
    0,
    'no valid p= but a reporting URI: receivers apply p=none (RFC 9989 4.10.1), which costs 0 (dmarc.policy-none)',
  ),
  'dmarc.tag-invalid': rule(
    DNS,
    'warn',
    0,
    'ours: receivers use the default for a bad value; the record still applies',
  ),
  'dmarc.tag-duplicate': rule(
    DNS,
    'warn',
    0,
    'ours: most receivers keep the last value (mailauth does); the words say strict ones discard the record',
  ),
  'dmarc.tag-unknown': rule(DNS, 'info', 0, 'unknown tags are ignored (RFC 9989 4.7)'),
  'dmarc.tag-deprecated': rule(DNS, 'info', 0, 'pct, rf and ri are ignored by DMARCbis receivers'),
  'dmarc.pct-partial': rule(
    AUTH,
    'warn',
    0,
    'ours: a weaker policy, and the policy level itself costs 0 (dmarc.policy-none); the plan says what is next',
  ),
  'dmarc.testing': rule(AUTH, 'info', 0, 't=y: the policy one level lower applies, as p=none costs 0'),
  'dmarc.alignment-strict': rule(AUTH, 'info', 0, 'a valid choice; the words say what it breaks'),
  'dmarc.subdomain-weaker': rule(AUTH, 'info', 0, 'a valid choice, as p=none is for the domain itself'),
  'dmarc.report-uri-invalid': rule(
    DNS,
    'warn',
    0,
    'ours: those reports are not sent; no reports at all costs 0 (dmarc.no-reports)',
  ),
  'dmarc.report-unauthorized': rule(
    DNS,
    'warn',
    0,
    'receivers send no reports there (RFC 7489 7.1); no reports at all costs 0 (dmarc.no-reports)',
  ),
  'dmarc.report-lookup-error': rule(DNS, 'error', 0, 'ours: unknown, and only about reports'),
  'dmarc.report-authorization': rule(
    DNS,
    'info',
    0,
    "the DMARC builder's note: the authorization records an outside report destination must publish",
  ),
  'dmarc.plan': rule(
    AUTH,
    'info',
    0,
    'the next step of the staged plan: as dmarc.policy-none, which a message with p=none gets (a test keeps them equal)',
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
  // The domain audit's sending IP (src/audit/ip.ts): iprev.pass ... iprev.generic as for a message
  'iprev.sending-ip-invalid': rule(DNS, 'error', 0, 'ours: not an IP address; nothing was asked'),
  'iprev.sending-ip-not-public': rule(
    DNS,
    'info',
    0,
    'ours: a private or reserved address sends no mail to the Internet; nothing to look up',
  ),

  // MX of the audited domain (src/audit/mx.ts; RFC 5321 5.1, RFC 7505)
  'mx.pass': rule(DNS, 'pass'),
  'mx.none': rule(
    DNS,
    'fail',
    1.0,
    'ours: no MX and no A: bounces and DMARC reports are lost, and receivers that check sender domains reject',
  ),
  'mx.implicit': rule(
    DNS,
    'warn',
    0.2,
    'ours: mail goes to the A record (RFC 5321 5.1), usually a web server that takes no mail',
  ),
  'mx.null': rule(
    DNS,
    'info',
    0,
    'ours: RFC 7505 null MX is right for a domain that sends only with another envelope domain',
  ),
  'mx.null-mixed': rule(
    DNS,
    'warn',
    0.5,
    'ours: RFC 7505 3 makes a null MX the only MX; senders differ on it',
  ),
  'mx.too-many': rule(DNS, 'info', 0, 'ours: only the first hosts are checked (bounded work)'),
  'mx.ip-literal': rule(
    DNS,
    'fail',
    0.5,
    'ours: an MX must name a host; senders look the IP up as a name and fail',
  ),
  'mx.invalid-name': rule(DNS, 'fail', 0.5, 'ours: a name no sender can look up: as a host without address'),
  'mx.host-no-address': rule(
    DNS,
    'fail',
    0.5,
    'ours: senders skip the host; with no other host, mx.no-usable-host adds the rest of mx.none',
  ),
  'mx.private-address': rule(
    DNS,
    'fail',
    0.5,
    'ours: outside senders cannot reach a private address: as a host without address',
  ),
  'mx.no-usable-host': rule(
    DNS,
    'fail',
    0.5,
    'ours: with the host findings (0.5 each) a domain that cannot receive costs about mx.none',
  ),
  'mx.cname': rule(DNS, 'warn', 0.1, 'ours: RFC 2181 10.3 forbids it, but nearly every sender follows it'),
  'mx.no-fcrdns': rule(DNS, 'info', 0, 'ours: receiving needs no PTR; shown because MX hosts often send too'),
  'mx.temperror': rule(DNS, 'error', 0.3, 'ours: as for SPF: senders meeting the same failure defer'),

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
  'spamFilter.error': rule(
    CONTENT,
    'error',
    0,
    'ours: the filter did not answer; nothing is known, nothing is deducted',
  ),

  // Unsubscribing (RFC 2369, RFC 8058) and the bulk-sender rules of Gmail, Yahoo and Outlook.com. Costs apply
  // only to mail that looks subscribed or marketing: transactional mail is exempt from these rules.
  'unsubscribe.not-bulk': rule(
    CONTENT,
    'info',
    0,
    'ours: no list or campaign signs; the unsubscribe rules do not apply to one-to-one or transactional mail',
  ),
  'unsubscribe.bulk': rule(CONTENT, 'info', 0, 'ours: says why the unsubscribe rows below apply'),
  'unsubscribe.one-click': rule(CONTENT, 'pass'),
  'unsubscribe.missing': rule(
    CONTENT,
    'fail',
    1.0,
    'Gmail and Yahoo require one-click unsubscribe of bulk senders since 2024 and junk or reject marketing mail without it',
  ),
  'unsubscribe.malformed': rule(
    CONTENT,
    'fail',
    1.0,
    'receivers ignore a List-Unsubscribe without a usable <URI>: the same as missing',
  ),
  'unsubscribe.no-one-click': rule(
    CONTENT,
    'fail',
    0.5,
    'ours: mail clients still show an unsubscribe button, but Gmail and Yahoo require the RFC 8058 one-click form',
  ),
  'unsubscribe.one-click-invalid': rule(
    CONTENT,
    'fail',
    0.5,
    'as no-one-click: receivers ignore a one-click field that breaks RFC 8058 (wrong value, no https URI)',
  ),
  'unsubscribe.not-signed': rule(
    CONTENT,
    'fail',
    0.5,
    'as no-one-click: RFC 8058 and Gmail honour one-click only when a valid DKIM signature covers both fields',
  ),
  'unsubscribe.visible': rule(CONTENT, 'pass'),
  'unsubscribe.no-visible': rule(
    CONTENT,
    'warn',
    0.3,
    'ours: Gmail and Yahoo ask for a clearly visible link in the body; readers who find none press "spam" instead',
  ),
  // Links (src/checks/links.ts): deceptive links, the link domains on URI blocklists, reachability
  'links.clean': rule(CONTENT, 'pass'),
  'links.text-mismatch': rule(
    CONTENT,
    'fail',
    1.5,
    'the classic phishing sign: SpamAssassin and rspamd (PHISHING) score a link whose text shows another site, Gmail warns readers',
  ),
  'links.userinfo': rule(
    CONTENT,
    'fail',
    1.5,
    'a name before "@" in a URL hides the real host (http://bank.example@evil.example/): only phishing does that',
  ),
  'links.lookalike': rule(
    CONTENT,
    'fail',
    1.5,
    'an IDN homograph imitates another site; browsers show such names as punycode and filters score them as phishing',
  ),
  'links.ip-host': rule(
    CONTENT,
    'warn',
    1.0,
    'links to bare IP addresses are a spam and malware sign (SpamAssassin NUMERIC_HTTP_ADDR); real senders link to names',
  ),
  'links.shortener': rule(
    CONTENT,
    'warn',
    0.5,
    'public shorteners hide the destination and are widely abused; SpamAssassin and rspamd look behind them and score them',
  ),
  'links.uribl-listed': rule(
    'blocklists',
    'fail',
    2.0,
    'a linked domain listed as spam, phishing or malware (DBL 2-6, SURBL PH/MW/ABUSE, URIBL black): receivers reject or junk; SpamAssassin gives 1.7-2.5',
  ),
  'links.uribl-minor': rule(
    'blocklists',
    'warn',
    0.5,
    'an abused legitimate domain or a suspicion only (DBL 102-106, SURBL CR, URIBL grey/red): filters give these small scores',
  ),
  'links.uribl-error': rule(
    'blocklists',
    'error',
    0,
    'ours: the lists did not answer us (refused, timeout); nothing is known about the domains',
  ),
  'links.uribl-clean': rule('blocklists', 'pass'),
  'links.reachable': rule(CONTENT, 'pass'),
  'links.broken': rule(
    CONTENT,
    'warn',
    0.3,
    'ours: link scanners (Microsoft Safe Links, Gmail) fetch links and readers meeting error pages report spam; light: no filter scores it directly',
  ),
  'links.unreachable': rule(
    CONTENT,
    'warn',
    0.3,
    'ours: as links.broken (no such host, no answer, TLS failure)',
  ),
  'links.private-target': rule(
    CONTENT,
    'warn',
    0.3,
    'ours: as links.broken: a link to a private or loopback address reaches no reader outside the sending network',
  ),
  'links.redirect-limit': rule(
    CONTENT,
    'warn',
    0,
    'ours: browsers follow up to 20 redirects, so the link may work; shown, not scored',
  ),
  'links.redirect-chain': rule(
    CONTENT,
    'info',
    0,
    'ours: chains of redirects are shown; one redirect is normal',
  ),
  'links.check-refused': rule(
    CONTENT,
    'info',
    0,
    'ours: 401/403/429 answer robots; it says nothing about readers',
  ),
  'links.not-checked': rule(CONTENT, 'info', 0, 'ours: past our bounds; nothing is known'),
  'links.error': rule(
    CONTENT,
    'error',
    0,
    'ours: our link checks failed; nothing is known, nothing is deducted',
  ),
  // Text and HTML content (src/checks/content.ts). Faults SpamAssassin scores itself cost 0 here: the filter's
  // score (spamFilter.score) already carries them, and the built-in rules mirror SpamAssassin's.
  'content.pass': rule(CONTENT, 'pass'),
  'content.text-html-differ': rule(
    CONTENT,
    'warn',
    0,
    "SpamAssassin's MPART_ALT_DIFF (2.2 in the default score set) already scores it through spamFilter.score",
  ),
  'content.image-only': rule(
    CONTENT,
    'warn',
    0,
    "SpamAssassin's HTML_IMAGE_ONLY_04..32 (0.6-2.8) already score it through spamFilter.score",
  ),
  'content.images-no-alt': rule(
    CONTENT,
    'warn',
    0,
    'ours: readers with images off (Outlook by default) see nothing; no filter scores it, so no cost',
  ),
  'content.hidden-text': rule(
    CONTENT,
    'warn',
    0.5,
    'ours: hidden words are the hash-buster and keyword-stuffing trait Gmail and Outlook learn; SpamAssassin scores only the low-contrast case (HTML_FONT_LOW_CONTRAST 0.7), the rest is ours',
  ),
  'content.too-many-links': rule(
    CONTENT,
    'warn',
    0.3,
    'ours: link-stuffed mail with little text is a spam shape no default SpamAssassin rule counts; URI blocklists are scored apart',
  ),
  'content.active-html': rule(
    CONTENT,
    'fail',
    1.0,
    'ours: scripts, frames, plugins and refreshes never run in mail clients and mark phishing kits; SpamAssassin scores them ~0 (HTML_IFRAME_SRC 0, HTML_EMBEDS 0.001)',
  ),
  'content.form': rule(
    CONTENT,
    'warn',
    0.5,
    'ours: Gmail and Outlook disable forms and warn about them; forms collecting data are a phishing trait (HTML_FORMACTION_MAILTO scores 0)',
  ),
  'content.placeholders': rule(
    CONTENT,
    'warn',
    0.3,
    'ours: no filter scores merge tags, but "Dear {{name}}" draws spam complaints, which Gmail weighs above any content rule',
  ),
  'content.subject-shouting': rule(
    CONTENT,
    'warn',
    0.2,
    "ours, light: SpamAssassin's SUBJ_ALL_CAPS (0.5) already scores capitals; this covers !!!, full-width ！！！ and 【】 hype it does not read",
  ),
  'content.partial': rule(
    CONTENT,
    'info',
    0,
    'ours: past our bounds or undecodable; the checks judged what was read',
  ),

  // Attachments (src/checks/attachments.ts). The Debian SpamAssassin rules load no attachment scanner
  // (AntiVirus and OLEVBMacro are off), so these weights are not counted twice.
  'attachments.pass': rule(CONTENT, 'pass'),
  'attachments.executable': rule(
    CONTENT,
    'fail',
    3.0,
    'ours: Gmail refuses the whole message (552 5.7.0), even zipped, and Outlook blocks the file: certain non-delivery, above any authentication fault (2.0 rows)',
  ),
  'attachments.disguised': rule(
    CONTENT,
    'fail',
    3.0,
    'ours: a program under a document name is what targeted attacks send; Gmail sniffs the bytes and refuses it as attachments.executable',
  ),
  'attachments.double-extension': rule(
    CONTENT,
    'fail',
    1.0,
    'ours: a name built to deceive (invoice.pdf.exe) is a malware trait gateways quarantine; the file type itself is costed by its own row',
  ),
  'attachments.rtl-override': rule(
    CONTENT,
    'fail',
    2.0,
    'ours: no honest program writes a bidi override into a file name; it exists to show .exe as .pdf, and gateways quarantine it',
  ),
  'attachments.macro': rule(
    CONTENT,
    'warn',
    1.0,
    'ours: Microsoft 365 blocks macros in files from the internet, Gmail refuses malicious ones, gateways quarantine macro documents',
  ),
  'attachments.encrypted': rule(
    CONTENT,
    'warn',
    1.0,
    'ours: scanners cannot look inside, so gateways quarantine or strip encrypted archives (Emotet spread so); Gmail refuses encrypted archives holding archives',
  ),
  'attachments.html-form': rule(
    CONTENT,
    'fail',
    1.5,
    'ours: an HTML file with a form or script is the credential-phishing and HTML-smuggling carrier Gmail and Defender flag',
  ),
  'attachments.partial': rule(CONTENT, 'info', 0, 'ours: past our bounds; the files read were judged'),

  // Blocklists (src/checks/blocklists.ts): the connecting IP on the IP lists, the From, MAIL FROM and DKIM
  // domains on the domain lists (src/blocklists/zones.ts gives each return code its weight class). One
  // finding per weight class and target kind lists every hit, so a class costs once however many lists
  // agree: the lists share sources (ZEN and Barracuda often list the same address), and five lists saying
  // one thing are not five faults. The IP and the sender's domains are separate judgements (receivers ask
  // both, SpamAssassin scores RCVD_IN_* and DBL apart), so each has its own rows.
  'blocklists.clean': rule('blocklists', 'pass'),
  'blocklists.ip-listed': rule(
    'blocklists',
    'fail',
    3.0,
    'ours: a major list (Spamhaus SBL/CSS/XBL/DROP, Barracuda) lists the sending IP: receivers using it refuse the mail at SMTP however well it is authenticated, so it weighs as much as a refused attachment',
  ),
  'blocklists.ip-minor': rule(
    'blocklists',
    'warn',
    1.0,
    'ours: lists fewer receivers block on (SpamCop, UCEPROTECT 1, PSBL, Mailspike, NiX Spam); SpamAssassin scores them 1.2-5.2, rspamd about 2',
  ),
  'blocklists.ip-info': rule(
    'blocklists',
    'info',
    0,
    'ours: policy lists (Spamhaus PBL, UCEPROTECT 2 and 3) list address space or neighbours, not anything this sender did',
  ),
  'blocklists.domain-listed': rule(
    'blocklists',
    'fail',
    2.0,
    "the sender's own domain on a major domain list (DBL spam/phish/malware, SURBL, URIBL black): as links.uribl-listed, receivers reject or junk; SpamAssassin gives 1.7-2.5",
  ),
  'blocklists.domain-minor': rule(
    'blocklists',
    'warn',
    0.5,
    'an abused legitimate domain or a suspicion only (DBL 102-106, SURBL CR, URIBL grey/red): as links.uribl-minor',
  ),
  'blocklists.domain-info': rule(
    'blocklists',
    'info',
    0,
    'ours: only lists the operator weighed as information',
  ),
  'blocklists.allowlisted': rule(
    'blocklists',
    'info',
    0,
    'ours: allowlists (DNSWL, Mailspike reputation) are shown, never added to the score',
  ),
  'blocklists.refused': rule(
    'blocklists',
    'error',
    0,
    "ours: the list refused our resolver (public resolver, over quota, unregistered): nothing is known about the sender, and it is the operator's to fix",
  ),
  'blocklists.error': rule(
    'blocklists',
    'error',
    0,
    'ours: no answer in time, or a DNS failure: nothing is known, nothing is deducted',
  ),
  'blocklists.ip-not-checked': rule(
    'blocklists',
    'info',
    0,
    'ours: a private or reserved address is on no list; asking would tell nothing',
  ),
  // The domain audit's transport and brand sections (src/audit/mta-sts.ts, tls-rpt.ts, bimi.ts, dnssec.ts).
  // They concern mail the domain receives (MTA-STS, TLS-RPT, DNSSEC) or how its mail looks (BIMI), not whether
  // its own mail is delivered: only a published policy that breaks mail to the domain costs anything.
  'mtaSts.enforce': rule(TRANSPORT, 'pass'),
  'mtaSts.none': rule(
    TRANSPORT,
    'info',
    0,
    'ours: optional; senders fall back to opportunistic TLS, as they do for most domains',
  ),
  'mtaSts.testing': rule(
    TRANSPORT,
    'info',
    0,
    'ours: a normal first stage; senders only report, nothing breaks',
  ),
  'mtaSts.mode-none': rule(
    TRANSPORT,
    'info',
    0,
    'ours: a withdrawn policy is a valid way to turn MTA-STS off',
  ),
  'mtaSts.record-multiple': rule(
    TRANSPORT,
    'fail',
    0.5,
    'ours: RFC 8461 3.1 has senders ignore MTA-STS then: no worse for delivery than none, but a protection the domain believes it has is off',
  ),
  'mtaSts.record-syntax': rule(
    TRANSPORT,
    'fail',
    0.5,
    'ours: as mtaSts.record-multiple, senders treat it as no policy',
  ),
  'mtaSts.policy-unreachable': rule(
    TRANSPORT,
    'fail',
    0.5,
    'ours: a record without a fetchable policy is treated as no policy (RFC 8461 3.3): the protection is off while it looks on',
  ),
  'mtaSts.policy-certificate': rule(
    TRANSPORT,
    'fail',
    0.5,
    'ours: senders must refuse a policy whose certificate does not verify (RFC 8461 3.3): as mtaSts.policy-unreachable',
  ),
  'mtaSts.policy-invalid': rule(
    TRANSPORT,
    'fail',
    0.5,
    'ours: a policy senders cannot parse is no policy: as mtaSts.policy-unreachable',
  ),
  'mtaSts.policy-not-checked': rule(TRANSPORT, 'info', 0, 'ours: fetching was turned off; nothing is known'),
  'mtaSts.mx-not-covered': rule(
    TRANSPORT,
    'fail',
    1.0,
    'ours: in enforce mode, Gmail, Microsoft and other MTA-STS senders refuse to deliver to an MX host no pattern matches: mail to the domain is lost or delayed',
  ),
  'mtaSts.mx-not-covered-testing': rule(
    TRANSPORT,
    'warn',
    0,
    'ours: testing mode only reports the failure, but switching to enforce would break delivery to these hosts',
  ),
  'mtaSts.max-age-short': rule(
    TRANSPORT,
    'warn',
    0,
    'ours: the policy lapses between fetches, leaving gaps an attacker can use; nothing breaks',
  ),
  'mtaSts.error': rule(TRANSPORT, 'error', 0, 'ours: the record lookup failed; nothing is known'),
  'tlsRpt.pass': rule(TRANSPORT, 'pass'),
  'tlsRpt.none': rule(TRANSPORT, 'info', 0, 'ours: optional; only the domain misses the failure reports'),
  'tlsRpt.record-multiple': rule(
    TRANSPORT,
    'warn',
    0,
    'ours: RFC 8460 3 has senders send no reports then; mail is not affected',
  ),
  'tlsRpt.record-syntax': rule(
    TRANSPORT,
    'warn',
    0,
    'ours: as tlsRpt.record-multiple, no reports, mail unaffected',
  ),
  'tlsRpt.error': rule(TRANSPORT, 'error', 0, 'ours: the record lookup failed; nothing is known'),
  'bimi.pass': rule(DNS, 'pass'),
  'bimi.none': rule(
    DNS,
    'info',
    0,
    'ours: BIMI is optional branding; it changes how mail looks, not whether it arrives',
  ),
  'bimi.declined': rule(DNS, 'info', 0, 'ours: the domain opted out on purpose'),
  'bimi.no-authority': rule(
    DNS,
    'info',
    0,
    'ours: valid without a VMC/CMC; only Gmail and Apple Mail need one to show the logo',
  ),
  'bimi.record-multiple': rule(DNS, 'warn', 0, 'ours: no logo is shown; delivery is not affected'),
  'bimi.record-syntax': rule(DNS, 'warn', 0, 'ours: no logo is shown; delivery is not affected'),
  'bimi.svg-unreachable': rule(DNS, 'warn', 0, 'ours: no logo is shown; delivery is not affected'),
  'bimi.svg-invalid': rule(DNS, 'warn', 0, 'ours: receivers refuse the logo; delivery is not affected'),
  'bimi.svg-not-checked': rule(DNS, 'info', 0, 'ours: fetching was turned off; nothing is known'),
  'bimi.dmarc-weak': rule(
    DNS,
    'warn',
    0,
    'ours: no receiver shows the logo; a weak DMARC policy already costs in the DMARC section',
  ),
  'bimi.error': rule(DNS, 'error', 0, 'ours: the record lookup failed; nothing is known'),
  'dnssec.signed': rule(DNS, 'pass'),
  'dnssec.unsigned': rule(
    DNS,
    'info',
    0,
    'ours: most mail domains are unsigned and receivers do not score it; it matters for DANE and against spoofed answers',
  ),
  'dnssec.not-validated': rule(
    DNS,
    'info',
    0,
    'ours: our resolver may not validate; nothing is known about the domain',
  ),
  'dnssec.unknown': rule(DNS, 'error', 0, 'ours: the lookups failed; nothing is known'),
} as const satisfies Record<string, CheckRule>;

export type CheckId = keyof typeof CHECK_RULES;

export const AREAS = [
  'envelope',
  'inspect',
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
  'blocklists',
  'mx',
  'mtaSts',
  'tlsRpt',
  'bimi',
  'dnssec',
] as const;
export type Area = (typeof AREAS)[number];

/** The ids of one area, e.g. IdsOf<'spf'> = 'spf.pass' | 'spf.none' | ... */
export type IdsOf<A extends Area> = Extract<CheckId, `${A}.${string}`>;
