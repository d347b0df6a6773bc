/**
 * THE table behind an inspection's verdict (src/inspect/): for each finding that speaks to whether a
 * received message is genuine and safe — the `inspect.*` findings and those of the message's own checks
 * that matter to a recipient (attachments, deceptive links, authentication) — its severity and weight,
 * with why. The verdict and the order of the reasons come from here alone; the words from src/i18n.
 */
import type { InspectionSeverity } from '../inspect/types.js';
import type { CheckId, IdsOf } from './deductions.js';

export interface InspectionRule {
  severity: InspectionSeverity;
  /**
   * The severity instead when the finding's `policy` is quarantine or reject: the domain's owner has told
   * receivers to refuse mail that fails like this, so it is not a doubt but a disowned message.
   */
  enforced?: InspectionSeverity;
  /** Orders the reasons (heaviest first) and adds up towards the verdict. */
  weight: number;
  why: string;
}

const inspection = (
  severity: InspectionSeverity,
  weight: number,
  why: string,
  enforced?: InspectionSeverity,
): InspectionRule => ({ severity, weight, why, ...(enforced ? { enforced } : {}) });

/** The severity of one finding: its rule's, or the `enforced` one under a quarantine or reject policy. */
export function inspectionSeverity(rule: InspectionRule, params: Readonly<Record<string, unknown>> = {}) {
  const enforcing = params.policy === 'quarantine' || params.policy === 'reject';
  return enforcing && rule.enforced ? rule.enforced : rule.severity;
}

/** Every `inspect.*` id must have a rule (the compiler checks); other check ids may. */
export const INSPECTION_RULES: Record<IdsOf<'inspect'>, InspectionRule> &
  Partial<Record<CheckId, InspectionRule>> = {
  // The orchestrator's own (src/inspect/inspect.ts)
  'inspect.unwrapped': inspection('info', 0, 'says which message was judged; nothing about it'),
  'inspect.no-external-hop': inspection(
    'info',
    5,
    'the sending server is unknown, so only the recorded Authentication-Results and DKIM speak for the sender',
  ),
  'inspect.unconfirmed': inspection(
    'warning',
    40,
    'nothing confirms the sender: looks are all a forger needs, so the recipient must confirm another way',
  ),
  'inspect.sender-confirmed': inspection(
    'ok',
    10,
    'DMARC passed: the From domain itself vouches for the message',
  ),

  // Authenticity and hops (src/inspect/authenticity.ts, hops.ts)
  'inspect.authenticated': inspection(
    'ok',
    20,
    'the recipient’s own provider verified at delivery that the From domain sent it: the strongest proof there is',
  ),
  'inspect.dmarc-fail': inspection(
    'warning',
    75,
    'the provider found at delivery that the From domain disowns the message: the mark of a spoof (or of a careless forwarder); under p=quarantine or reject the owner asks for it to be refused: danger',
    'danger',
  ),
  'inspect.spoofed-auth-results': inspection(
    'warning',
    60,
    'results claiming a trusted provider where only the sender or a server before the provider wrote them: forged, or left by forwarding',
  ),
  'inspect.not-authenticated': inspection(
    'warning',
    40,
    'the provider checked and nothing tied the message to its From domain: looks are all a forger needs',
  ),
  'inspect.hop-dates': inspection(
    'warning',
    30,
    'servers keep their clocks right: Received dates in the future or far out of order were written by hand',
  ),
  'inspect.hop-no-tls': inspection(
    'info',
    10,
    'the last leg was not encrypted: readable on the way, common for small servers',
  ),
  'inspect.no-trusted-results': inspection(
    'info',
    5,
    'no provider’s record to rely on: the verdict rests on DKIM and DMARC re-checked now',
  ),
  'inspect.dkim-broken-in-transit': inspection(
    'info',
    5,
    'the provider verified the signature; a footer or gateway changed the message later: not a forgery sign by itself',
  ),
  'inspect.dkim-key-changed': inspection(
    'info',
    5,
    'the signature passes now but failed at delivery: usually a key published late',
  ),
  'inspect.hop-delay': inspection(
    'info',
    5,
    'queues and greylisting delay mail; a long delay is said, not judged',
  ),
  'inspect.untrusted-auth-results': inspection(
    'info',
    0,
    'results from servers the user does not trust: ignored, said so',
  ),

  // Sender tricks (src/inspect/sender.ts)
  'inspect.lookalike-domain': inspection(
    'danger',
    80,
    'a From domain one letter or one look-alike character away from the recipient’s own or a brand’s exists only to be misread',
  ),
  'inspect.display-name-brand': inspection(
    'warning',
    55,
    'the name says a bank or shop, the address is someone else’s: the most common phishing disguise (authentication proves only the other domain)',
  ),
  'inspect.display-name-address': inspection(
    'warning',
    50,
    'an address written in the name hides the real one: many mail apps show only the name',
  ),
  'inspect.reply-to-freemail': inspection(
    'warning',
    50,
    'a company From with replies going to free mail is the classic business-email-compromise sign',
  ),
  'inspect.punycode-domain': inspection(
    'warning',
    30,
    'an international domain can be genuine (日本語.jp) but is also how look-alike letters get in; the reader should see the real name',
  ),
  'inspect.reply-to-other-org': inspection(
    'warning',
    20,
    'replies go to another organization; often an agency or help desk, sometimes the one reading the answers is not the sender',
  ),
  'inspect.return-path-other-org': inspection(
    'info',
    5,
    'bounces to another domain are what every email service does; DMARC alignment already judges it',
  ),
  'inspect.domain-age-unknown': inspection(
    'info',
    0,
    'a domain’s age needs WHOIS or passive DNS, which we do not ask offline: said, never guessed',
  ),
  // Danger beyond the report's own attachment and link checks (src/inspect/danger.ts)
  'inspect.lookalike-link': inspection(
    'danger',
    75,
    'a link to a name one letter off a brand’s or the recipient’s own leads to a fake site; the link check sees only IDN homographs',
  ),
  'inspect.credential-form': inspection(
    'danger',
    85,
    'a form asking for a password inside a message is a phishing page; no real service asks that in mail',
  ),
  'inspect.bank-change': inspection(
    'warning',
    60,
    'a change of bank account is the business-email-compromise line; real changes exist, so: confirm by phone, not danger by itself',
  ),
  'inspect.password-in-body': inspection(
    'warning',
    45,
    'PPAP: the password beside the archive protects nothing, and the archive kept scanners out (how Emotet spread in Japan)',
  ),
  'inspect.pressure-words': inspection(
    'info',
    30,
    'urgency, account threats, password resets and gift cards are how phishing rushes readers; honest mail uses them too, so a sign, not proof: information, so an authenticated sender who writes them is not called suspicious for it',
  ),

  // The message's own checks that matter to a recipient (chosen by src/inspect/verdict.ts's author)
  'attachments.executable': inspection('danger', 95, 'a program runs when opened: the classic infection'),
  'attachments.disguised': inspection(
    'danger',
    95,
    'a program under a document name exists only to be opened by mistake',
  ),
  'attachments.rtl-override': inspection(
    'danger',
    90,
    'a name reversed to show .exe as .pdf: no honest sender does it',
  ),
  'attachments.double-extension': inspection(
    'danger',
    85,
    'invoice.pdf.exe: a name built to deceive (also inside archives)',
  ),
  'attachments.html-form': inspection(
    'danger',
    80,
    'an HTML file asking for a password is a phishing page delivered offline',
  ),
  'attachments.macro': inspection(
    'danger',
    75,
    'macro documents are how Emotet and targeted attacks infect: "enable content" runs code',
  ),
  'attachments.encrypted': inspection(
    'warning',
    55,
    'scanners cannot look inside; the password in the same mail protects nothing',
  ),
  'links.uribl-listed': inspection('danger', 85, 'a link to a domain the lists know for spam or phishing'),
  'links.lookalike': inspection('warning', 65, 'a link to a domain imitating another: the fake-site trick'),
  'links.text-mismatch': inspection(
    'warning',
    60,
    'the link shows one address and opens another: the phishing trick',
  ),
  'links.userinfo': inspection('warning', 55, 'https://bank.example@evil.example opens evil.example'),
  'links.ip-host': inspection('warning', 45, 'legitimate senders link to names, not bare addresses'),
  'links.uribl-minor': inspection('warning', 35, 'listed by a smaller list only: doubt, not proof'),
  'links.shortener': inspection('info', 15, 'hides where a link goes; common in honest mail too'),
  'dmarc.fail': inspection(
    'warning',
    70,
    'the From domain says this message is not from it: the mark of a spoof; under p=quarantine or reject the owner asks for it to be refused: danger',
    'danger',
  ),
  'spf.fail': inspection('warning', 45, 'the sending server is not one the domain allows'),
  'dkim.fail': inspection('warning', 35, 'every signature fails now: changed in transit or forged'),
  'format.from-repeated': inspection(
    'warning',
    40,
    'several From fields: a trick to show one and authenticate another',
  ),
};
