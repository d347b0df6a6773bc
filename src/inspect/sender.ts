/**
 * Sender tricks: a display name holding an address or a brand other than the domain, look-alike domains
 * (confusables, punycode, one-letter swaps of the recipient's own domain or of well-known brands), Reply-To
 * or Return-Path to another organization. A domain's age cannot be known offline: said, not guessed.
 */
import { domainToUnicode } from 'node:url';
import type { Finding } from '../checks/types.js';
import { FREEMAIL_DOMAINS } from '../content/filters/builtin/patterns.js';
import { fieldsNamed, parseMailboxes } from '../message/parse.js';
import type { Mailbox } from '../message/types.js';
import { domainOf, normalizeDomain, organizationalDomain } from '../names/org-domain.js';
import { BRANDS, brandsNamedIn } from './brands.js';
import { imitationOf, type LookalikeHow } from './confusables.js';
import type { InspectContext, InspectPart, SenderData } from './types.js';

/** Characters of a display name read (names longer than a screen line are cut by every mail client anyway). */
const DISPLAY_NAME_CHARS = 1_000;
/** Characters of a display name shown back. */
const SHOWN_NAME_CHARS = 120;
/** Reply-To mailboxes, recipient addresses and listed domains looked at (real messages have one or two). */
const MAX_ADDRESSES = 20;
const MAX_LISTED = 5;
/** Header fields (To, Cc) read for the recipient's own domain. */
const MAX_RECIPIENT_FIELDS = 5;
/** Characters of one To or Cc field parsed (a cut address at the end is harmless: it matches nothing). */
const RECIPIENT_FIELD_CHARS = 4_000;
/** An addr-spec as people write one inside a name ("service@paypal.com"). */
const ADDRESS_IN_TEXT = /[a-z0-9._%+-]{1,64}@(?:[\p{L}\p{N}-]{1,63}\.){1,10}[\p{L}]{2,63}/iu;

const EMPTY: SenderData = {
  fromDomain: null,
  displayName: null,
  lookalikes: [],
  replyToDomains: [],
  returnPathDomain: null,
};

const fold = (text: string): string =>
  text.slice(0, DISPLAY_NAME_CHARS).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');

const isFreemail = (domain: string): boolean =>
  FREEMAIL_DOMAINS.has(domain) || FREEMAIL_DOMAINS.has(organizationalDomain(domain));

/** How a domain is shown to a reader: xn-- labels decoded. */
const shownDomain = (domain: string): string =>
  (domain.includes('xn--') && domainToUnicode(domain)) || domain;

const uniqueDomains = (mailboxes: readonly Mailbox[]): string[] => [
  ...new Set(
    mailboxes
      .slice(0, MAX_ADDRESSES)
      .map((mailbox) => normalizeDomain(mailbox.domain))
      .filter(Boolean),
  ),
];

/** The recipient's own domains: the envelope's RCPT TO, then To and Cc (an uploaded message has no envelope). */
export function recipientDomains(ctx: InspectContext): string[] {
  const fields = [...fieldsNamed(ctx.message, 'to'), ...fieldsNamed(ctx.message, 'cc')].slice(
    0,
    MAX_RECIPIENT_FIELDS,
  );
  const fromFields = fields.flatMap((field) =>
    parseMailboxes(field.value.slice(0, RECIPIENT_FIELD_CHARS)).slice(0, MAX_ADDRESSES),
  );
  const fromEnvelope = ctx.report.envelope.rcptTo.slice(0, MAX_ADDRESSES).map(domainOf);
  return [...new Set([...fromEnvelope, ...fromFields.map((m) => normalizeDomain(m.domain))])]
    .filter(Boolean)
    .slice(0, MAX_ADDRESSES);
}

function displayNameFindings(from: Mailbox, fromOrg: string): Finding[] {
  const folded = fold(from.name);
  if (!folded) return [];
  const findings: Finding[] = [];
  const address = ADDRESS_IN_TEXT.exec(folded)?.[0];
  if (address && address !== from.address.toLowerCase())
    findings.push({
      id: 'inspect.display-name-address',
      params: { shown: address, address: from.address.slice(0, SHOWN_NAME_CHARS) },
    });
  const brands = brandsNamedIn(folded);
  if (fromOrg && brands.length > 0 && !brands.some((brand) => brand.domains.includes(fromOrg)))
    findings.push({
      id: 'inspect.display-name-brand',
      params: {
        name: from.name.slice(0, SHOWN_NAME_CHARS),
        brand: brands.slice(0, MAX_LISTED).map((brand) => brand.name),
        domain: shownDomain(fromOrg),
        brandDomains: brands.flatMap((brand) => brand.domains).slice(0, MAX_LISTED),
      },
    });
  return findings;
}

/**
 * The domains `domain` imitates: the recipient's own, then the brands'. Free-mail and brand domains imitate
 * nothing (they are what they say). Shared with the link part (danger.ts), which asks it of link domains.
 */
export function lookalikesOf(domain: string, recipients: readonly string[]): SenderData['lookalikes'] {
  const org = organizationalDomain(domain);
  if (!org || isFreemail(org) || BRANDS.some((brand) => brand.domains.includes(org))) return [];
  const targets = [...recipients, ...BRANDS.flatMap((brand) => brand.domains)];
  const found: SenderData['lookalikes'] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    const how: LookalikeHow | null = imitationOf(domain, target);
    const imitates = organizationalDomain(target);
    if (!how || seen.has(imitates)) continue;
    seen.add(imitates);
    found.push({ domain: shownDomain(org), imitates: shownDomain(imitates), how });
    if (found.length >= MAX_LISTED) break;
  }
  return found;
}

function punycodeFindings(fromDomain: string): Finding[] {
  if (!fromDomain.split('.').some((label) => label.startsWith('xn--'))) return [];
  return [{ id: 'inspect.punycode-domain', params: { domain: fromDomain, shown: shownDomain(fromDomain) } }];
}

function replyToFindings(replyToDomains: readonly string[], fromOrg: string): Finding[] {
  const others = replyToDomains.filter((domain) => organizationalDomain(domain) !== fromOrg);
  const freemail = isFreemail(fromOrg) ? [] : others.filter(isFreemail);
  const elsewhere = others.filter((domain) => !freemail.includes(domain));
  const findings: Finding[] = [];
  if (freemail.length > 0)
    findings.push({
      id: 'inspect.reply-to-freemail',
      params: { replyTo: freemail.slice(0, MAX_LISTED).map(shownDomain), domain: shownDomain(fromOrg) },
    });
  if (elsewhere.length > 0)
    findings.push({
      id: 'inspect.reply-to-other-org',
      params: { replyTo: elsewhere.slice(0, MAX_LISTED).map(shownDomain), domain: shownDomain(fromOrg) },
    });
  return findings;
}

/** MAIL FROM as the report's envelope has it (taken from Return-Path for an uploaded message). */
function returnPathDomainOf(ctx: InspectContext): string | null {
  const mailFrom = ctx.report.envelope.mailFrom;
  if (mailFrom) return domainOf(mailFrom.slice(0, 320)) || null;
  const field = fieldsNamed(ctx.message, 'return-path')[0];
  return field ? domainOf(parseMailboxes(field.value.slice(0, 1_000))[0]?.address) || null : null;
}

function senderParts(ctx: InspectContext): InspectPart<SenderData> {
  const from = ctx.message.from[0];
  if (!from) return { data: EMPTY, findings: [] };
  const fromDomain = normalizeDomain(from.domain) || null;
  const fromOrg = fromDomain ? organizationalDomain(fromDomain) : '';
  const replyToDomains = uniqueDomains(ctx.message.replyTo);
  const returnPathDomain = returnPathDomainOf(ctx);
  const lookalikes = fromDomain ? lookalikesOf(fromDomain, recipientDomains(ctx)) : [];
  const findings: Finding[] = [...displayNameFindings(from, fromOrg)];
  if (fromDomain) {
    findings.push(...punycodeFindings(fromDomain));
    const [first] = lookalikes;
    if (first)
      findings.push({
        id: 'inspect.lookalike-domain',
        params: { domain: first.domain, imitates: first.imitates, how: first.how },
      });
    findings.push(...replyToFindings(replyToDomains, fromOrg));
    if (returnPathDomain && organizationalDomain(returnPathDomain) !== fromOrg)
      findings.push({
        id: 'inspect.return-path-other-org',
        params: { returnPath: shownDomain(returnPathDomain), domain: shownDomain(fromOrg) },
      });
    findings.push({ id: 'inspect.domain-age-unknown', params: { domain: shownDomain(fromDomain) } });
  }
  return {
    data: {
      fromDomain,
      displayName: from.name ? from.name.slice(0, DISPLAY_NAME_CHARS) : null,
      lookalikes,
      replyToDomains,
      returnPathDomain,
    },
    findings,
  };
}

export function inspectSender(ctx: InspectContext): InspectPart<SenderData> {
  try {
    return senderParts(ctx);
  } catch {
    // A part never throws: a message we cannot read here is judged by the other parts.
    return { data: EMPTY, findings: [] };
  }
}
