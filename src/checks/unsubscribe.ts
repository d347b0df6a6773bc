/**
 * Unsubscribing, and whether the message is bulk mail at all.
 *
 * - List-Unsubscribe (RFC 2369): a list of <URI>s; https and mailto are what receivers use.
 * - One-click (RFC 8058): `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, an https URI in
 *   List-Unsubscribe, and both fields covered by a valid DKIM signature (its h= names every instance).
 *   Gmail and Yahoo require it of bulk senders since February 2024.
 * - A visible unsubscribe link in the body, found by words in the main languages of mail.
 *
 * Bulk detection, in two strengths, because Gmail and Yahoo exempt transactional mail (receipts,
 * password resets) from the unsubscribe rules but not from the bulk-sender authentication rules:
 * - `marketing`: list and campaign signs (List-Id, List-Unsubscribe, Precedence bulk/list/junk,
 *   campaign headers and marketing tools, an unsubscribe link in the body). The unsubscribe findings
 *   cost points only then.
 * - `bulk`: those, or an email service's own headers (Amazon SES, SendGrid, Mailgun, Feedback-ID ...):
 *   the sender sends in volume, whatever this message is.
 *
 * Nothing here fetches a URI: the addresses are read, never visited (a visit could unsubscribe).
 */
import type { ContentLink, ContentModel } from '../content/types.js';
import { LIMITS } from '../limits.js';
import { fieldsNamed } from '../message/parse.js';
import type { HeaderField, ParsedMessage } from '../message/types.js';
import { normalizeDomain } from '../names/org-domain.js';
import type { DkimSignatureAuth } from '../report/types.js';
import { signatureTags } from './dkim.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

/** What the message offers for unsubscribing, and why it counts as bulk. */
export interface UnsubscribeResult {
  /** Any sign of a bulk sender: list or campaign headers, an email service's headers, an unsubscribe link. */
  bulk: boolean;
  /** Signs of subscribed or marketing mail (the unsubscribe rules apply); an email service alone is not one. */
  marketing: boolean;
  /** What made it bulk: header names, service names, the unsubscribe word found (as written in the message). */
  signals: string[];
  /** The URIs of the first List-Unsubscribe field, by kind; null without the field. */
  listUnsubscribe: { https: string[]; mailto: string[]; other: string[] } | null;
  /** RFC 8058 one-click: valid, or why not. */
  oneClick: OneClickState;
  /** Domains of the passing DKIM signatures that cover List-Unsubscribe and List-Unsubscribe-Post. */
  signedBy: string[];
  /** A visible unsubscribe link (a link marked as one) or words next to links in the body; null when none. */
  visible: { how: 'link' | 'text'; evidence: string } | null;
}

export type OneClickState = 'valid' | 'absent' | 'bad-value' | 'no-https' | 'not-signed';

const ONE_CLICK_VALUE = 'list-unsubscribe=one-click';
/** Longest value, URI or evidence quoted back in a finding. */
const MAX_SHOWN_CHARS = 200;

const clip = (value: string, max = MAX_SHOWN_CHARS): string =>
  value.length > max ? `${value.slice(0, max)}…` : value;

// ---------------------------------------------------------------------------------------------
// List-Unsubscribe (RFC 2369 3.2: one or more <URI>, comma separated, comments allowed)

export interface ListUnsubscribeUris {
  https: string[];
  mailto: string[];
  /** http:, ftp: ...: legal in RFC 2369, useless for one-click (RFC 8058 needs HTTPS). */
  other: string[];
}

/** The <URI>s of a List-Unsubscribe value, bounded; malformed URIs are left out. */
export function parseListUnsubscribe(value: string): ListUnsubscribeUris {
  const uris: ListUnsubscribeUris = { https: [], mailto: [], other: [] };
  const text = value.slice(0, LIMITS.maxListUnsubscribeChars);
  let count = 0;
  for (const match of text.matchAll(/<([^<>]*)>/g)) {
    if (count >= LIMITS.maxListUnsubscribeUris) break;
    // RFC 2369 lets long URIs be folded; the whitespace is not part of them.
    const uri = (match[1] ?? '').replace(/\s+/g, '');
    const kind = uriKind(uri);
    if (!kind) continue;
    uris[kind].push(clip(uri));
    count++;
  }
  return uris;
}

function uriKind(uri: string): keyof ListUnsubscribeUris | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  // As written, not as URL() repairs it (it reads https:///u as https://u/): receivers may parse more strictly.
  if (url.protocol === 'https:') return /^https:\/\/[^/?#\s@]+/i.test(uri) && url.hostname ? 'https' : null;
  if (url.protocol === 'mailto:') return /^[^@\s]+@[^@\s]+$/.test(decodeSafe(url.pathname)) ? 'mailto' : null;
  return 'other';
}

const decodeSafe = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

// ---------------------------------------------------------------------------------------------
// DKIM coverage (RFC 8058 4: both fields covered by a valid signature)

/** The field names a DKIM-Signature's h= tag lists, lower case, repeated names kept (RFC 6376 3.5). */
export function signedFieldNames(signatureValue: string): string[] {
  for (const tag of signatureValue.split(';')) {
    const eq = tag.indexOf('=');
    if (eq < 0 || tag.slice(0, eq).trim().toLowerCase() !== 'h') continue;
    return tag
      .slice(eq + 1)
      .replace(/\s+/g, '')
      .toLowerCase()
      .split(':')
      .filter(Boolean);
  }
  return [];
}

/**
 * Domains of the passing signatures whose h= covers every instance of each named field (a signature
 * covers instances from the bottom up, RFC 6376 5.4.2, so an instance more than h= lists is unsigned and
 * could have been added on the way). The DKIM results are in header order, as the DKIM check reports
 * them; a field is paired with its result only when d= and s= agree.
 */
export function coveringSignatures(
  message: ParsedMessage,
  dkim: DkimSignatureAuth[],
  names: readonly string[],
): string[] {
  const fields = fieldsNamed(message, 'dkim-signature');
  const needed = names.map((name) => fieldsNamed(message, name).length);
  const domains: string[] = [];
  dkim.forEach((sig, index) => {
    const field = fields[index];
    if (sig.result !== 'pass' || sig.skipped || !sig.domain || !field) return;
    const tags = signatureTags(field.raw);
    if (normalizeDomain(tags.d) !== sig.domain || tags.s.toLowerCase() !== (sig.selector ?? '').toLowerCase())
      return;
    const signed = signedFieldNames(field.value);
    const covers = names.every(
      (name, k) => signed.filter((n) => n === name.toLowerCase()).length >= (needed[k] ?? 0),
    );
    if (covers && !domains.includes(sig.domain)) domains.push(sig.domain);
  });
  return domains;
}

function oneClickState(
  message: ParsedMessage,
  uris: ListUnsubscribeUris | null,
  dkim: DkimSignatureAuth[],
): { state: OneClickState; signedBy: string[]; postValue: string | null } {
  const post = fieldsNamed(message, 'list-unsubscribe-post')[0];
  if (!post || !uris) return { state: 'absent', signedBy: [], postValue: null };
  const postValue = clip(post.value.trim());
  if (post.value.trim().toLowerCase() !== ONE_CLICK_VALUE)
    return { state: 'bad-value', signedBy: [], postValue };
  if (uris.https.length === 0) return { state: 'no-https', signedBy: [], postValue };
  const signedBy = coveringSignatures(message, dkim, ['list-unsubscribe', 'list-unsubscribe-post']);
  return { state: signedBy.length ? 'valid' : 'not-signed', signedBy, postValue };
}

// ---------------------------------------------------------------------------------------------
// The visible unsubscribe link

/**
 * Words that mean "unsubscribe" in the languages mail is mostly written in. Matched after the same
 * normalization as the text (compatibility forms, no accents, lower case, single spaces), so
 * "Désabonner", "ＵＮＳＵＢＳＣＲＩＢＥ" and "desabonner" all match. Phrases where the single word is ambiguous
 * (Spanish "baja", German "austragen").
 */
const UNSUBSCRIBE_WORDS: readonly string[] = [
  // English
  'unsubscribe',
  'opt out',
  'opt-out',
  'optout',
  'manage your subscription',
  'manage subscription',
  'email preferences',
  'manage preferences',
  'subscription preferences',
  'stop receiving',
  // Japanese
  '配信停止',
  '配信解除',
  '登録解除',
  'メール配信の停止',
  '配信を停止',
  '購読解除',
  '購読停止',
  '受信停止',
  '受信拒否',
  'メルマガ解除',
  'メールマガジンの解除',
  '配信設定',
  // German
  'abmelden',
  'abbestellen',
  'vom newsletter austragen',
  // French
  'désabonner',
  'désabonnement',
  'désinscrire',
  'désinscription',
  // Spanish
  'darse de baja',
  'dar de baja',
  'date de baja',
  'cancelar suscripción',
  'cancelar la suscripción',
  'anular la suscripción',
  'desuscribir',
  // Portuguese
  'descadastrar',
  'descadastre',
  'cancelar inscrição',
  'cancelar a inscrição',
  'cancelar assinatura',
  // Italian
  'disiscriviti',
  'annulla iscrizione',
  "annulla l'iscrizione",
  'cancella iscrizione',
  // Dutch
  'afmelden',
  'uitschrijven',
  // Chinese (simplified, traditional)
  '退订',
  '取消订阅',
  '退訂',
  '取消訂閱',
  // Korean
  '수신거부',
  '수신 거부',
  '구독 취소',
  '구독취소',
  '구독 해지',
  // Russian
  'отписаться',
  'отказаться от рассылки',
  // Polish
  'wypisz się',
  'zrezygnuj z subskrypcji',
  // Swedish, Danish, Norwegian
  'avregistrera',
  'avsluta prenumeration',
  'afmeld',
  'avmeld',
  // Turkish
  'abonelikten çık',
];

/** Compatibility forms folded, accents dropped, lower case, whitespace runs as one space. */
export const normalizeWords = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');

const NORMALIZED_WORDS = UNSUBSCRIBE_WORDS.map((word) => ({ word, normalized: normalizeWords(word) }));

/** The unsubscribe word in `text`, as the list writes it; null when none. */
export function unsubscribeWordIn(text: string): string | null {
  const normalized = normalizeWords(text);
  return NORMALIZED_WORDS.find((w) => normalized.includes(w.normalized))?.word ?? null;
}

/** Paths and parameters that unsubscribe pages use, whatever the language of the page. */
const UNSUBSCRIBE_HREF =
  /unsub|opt[-_.]?out|abmeld|abbestell|desinscri|desabonn|desuscri|descadastr|afmeld|uitschrijv/i;

/**
 * The part of a long body that is searched: footers (where unsubscribe links live) are at the end, a
 * few senders put the link at the top, so the start and the end, LIMITS.unsubscribeScanChars in all.
 */
function scanWindow(text: string): string {
  const limit = LIMITS.unsubscribeScanChars;
  if (text.length <= limit) return text;
  const head = Math.floor(limit / 8);
  return `${text.slice(0, head)}\n${text.slice(text.length - (limit - head))}`;
}

/** A link marked as an unsubscribe link by its words (its first ones: such links are short) or its address. */
const isUnsubscribeLink = (link: ContentLink): boolean =>
  unsubscribeWordIn(link.text.slice(0, MAX_SHOWN_CHARS)) !== null ||
  UNSUBSCRIBE_HREF.test(decodeSafe(link.href.slice(0, LIMITS.maxListUnsubscribeChars)));

export function visibleUnsubscribe(content: ContentModel): UnsubscribeResult['visible'] {
  const link = content.links.find(isUnsubscribeLink);
  if (link) return { how: 'link', evidence: clip((link.text || link.href).trim().replace(/\s+/g, ' '), 80) };
  // Words without a link of their own ("to unsubscribe, click here", "配信停止は下記URLから"): they count
  // when the body has somewhere to go.
  if (content.links.length === 0) return null;
  for (const text of [content.htmlText, content.text]) {
    const word = text ? unsubscribeWordIn(scanWindow(text)) : null;
    if (word) return { how: 'text', evidence: word };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Bulk detection

interface SenderSign {
  /** What the report shows: the service's name (a proper noun, the same in every language). */
  name: string;
  /** 'esp': an email service's transport headers (transactional mail has them too); 'marketing': campaigns. */
  kind: 'esp' | 'marketing';
  field: RegExp;
}

/** Header fields that email services and marketing tools add (the field name is enough). */
const SENDER_SIGNS: readonly SenderSign[] = [
  { name: 'Amazon SES', kind: 'esp', field: /^x-ses-/ },
  { name: 'Mailgun', kind: 'esp', field: /^x-mailgun-/ },
  { name: 'SendGrid', kind: 'esp', field: /^x-sg-(eid|id)$/ },
  { name: 'Postmark', kind: 'esp', field: /^x-pm-message-id$/ },
  { name: 'Mailjet', kind: 'esp', field: /^x-(mj|mailjet)-/ },
  { name: 'Mandrill', kind: 'esp', field: /^x-mandrill-/ },
  { name: 'Brevo', kind: 'esp', field: /^x-(sib|mailin|brevo)-/ },
  { name: 'SparkPost', kind: 'esp', field: /^x-msfbl$/ },
  // Gmail's feedback loop identifier: only senders in volume set it.
  { name: 'Feedback-ID', kind: 'esp', field: /^feedback-id$/ },
  // Certified Senders Alliance: a certification that commercial senders (newsletters) join.
  { name: 'X-CSA-Complaints', kind: 'esp', field: /^x-csa-complaints$/ },
  { name: 'Mailchimp', kind: 'marketing', field: /^x-(mailchimp-|mc-user$)/ },
  { name: 'Constant Contact', kind: 'marketing', field: /^x-roving-/ },
  { name: 'Salesforce Marketing Cloud', kind: 'marketing', field: /^x-sfmc-/ },
  { name: 'X-Campaign', kind: 'marketing', field: /^x-campaign/ },
];

/** X-Mailer values of newsletter and list software (English and Japanese tools). */
const MARKETING_MAILER =
  /mailchimp|acmailer|cuenote|blastmail|blastengine|benchmark|mailpoet|sendy|phplist|mailman|sympa|listserv|constant ?contact|campaign ?monitor|getresponse|activecampaign|mautic|listmonk|hubspot|klaviyo|mailerlite|sendinblue|mag2|まぐまぐ|配配メール|haihai/i;

const BULK_PRECEDENCE = /^(bulk|list|junk)$/i;

interface Signals {
  marketing: string[];
  esp: string[];
}

function headerSignals(headers: HeaderField[]): Signals {
  const signals: Signals = { marketing: [], esp: [] };
  const add = (list: string[], name: string) => {
    if (!list.includes(name)) list.push(name);
  };
  for (const field of headers) {
    if (field.key === 'list-id' || field.key === 'list-unsubscribe') add(signals.marketing, field.name);
    else if (field.key === 'precedence' && BULK_PRECEDENCE.test(field.value.trim()))
      add(signals.marketing, `Precedence: ${field.value.trim().toLowerCase()}`);
    else if (field.key === 'x-mailer' && MARKETING_MAILER.test(field.value.slice(0, MAX_SHOWN_CHARS)))
      add(signals.marketing, `X-Mailer: ${clip(field.value.trim(), 60)}`);
    else {
      const sign = SENDER_SIGNS.find((s) => s.field.test(field.key));
      if (sign) add(sign.kind === 'marketing' ? signals.marketing : signals.esp, sign.name);
    }
  }
  return signals;
}

// ---------------------------------------------------------------------------------------------
// The check

/** The result, and the two raw values only the findings quote. */
function unsubscribeFacts(
  message: ParsedMessage,
  content: ContentModel,
  dkim: DkimSignatureAuth[],
): UnsubscribeResult & { postValue: string | null; rawListUnsubscribe: string | null } {
  const signals = headerSignals(message.headers);
  const visible = visibleUnsubscribe(content);
  if (visible?.how === 'link') signals.marketing.push(`“${visible.evidence}”`);
  const field = fieldsNamed(message, 'list-unsubscribe')[0];
  const uris = field ? parseListUnsubscribe(field.value) : null;
  const usable = uris && uris.https.length + uris.mailto.length + uris.other.length > 0 ? uris : null;
  const { state, signedBy, postValue } = oneClickState(message, usable, dkim);
  return {
    bulk: signals.marketing.length + signals.esp.length > 0,
    marketing: signals.marketing.length > 0,
    signals: [...signals.marketing, ...signals.esp],
    listUnsubscribe: uris,
    oneClick: state,
    signedBy,
    visible,
    postValue,
    rawListUnsubscribe: field ? clip(field.value.trim()) : null,
  };
}

/** The one finding about the List-Unsubscribe fields: missing, malformed, or how far one-click goes. */
function listUnsubscribeFinding(facts: ReturnType<typeof unsubscribeFacts>, fromDomain: string): Finding {
  const { listUnsubscribe: uris } = facts;
  const domain = fromDomain || null;
  if (!uris) return { id: 'unsubscribe.missing', params: { domain } };
  const all = [...uris.https, ...uris.mailto, ...uris.other];
  if (all.length === 0)
    return { id: 'unsubscribe.malformed', params: { value: facts.rawListUnsubscribe, domain } };
  const params = { uris: all, https: uris.https[0] ?? null, domain };
  switch (facts.oneClick) {
    case 'valid':
      return { id: 'unsubscribe.one-click', params: { ...params, signedBy: facts.signedBy } };
    case 'absent':
      return { id: 'unsubscribe.no-one-click', params };
    case 'not-signed':
      return { id: 'unsubscribe.not-signed', params };
    case 'bad-value':
    case 'no-https':
      return {
        id: 'unsubscribe.one-click-invalid',
        params: { ...params, reason: facts.oneClick, value: facts.postValue },
      };
  }
}

export function checkUnsubscribe(
  ctx: CheckContext,
  content: ContentModel,
  dkim: DkimSignatureAuth[],
): CheckOutput<UnsubscribeResult> {
  const facts = unsubscribeFacts(ctx.message, content, dkim);
  const { postValue: _post, rawListUnsubscribe: _raw, ...result } = facts;
  const fromDomain = ctx.message.from[0]?.domain ?? '';
  if (!facts.marketing) {
    return { result, findings: [{ id: 'unsubscribe.not-bulk', params: { services: facts.signals } }] };
  }
  const findings: Finding[] = [
    { id: 'unsubscribe.bulk', params: { signals: facts.signals } },
    listUnsubscribeFinding(facts, fromDomain),
    facts.visible
      ? { id: 'unsubscribe.visible', params: { how: facts.visible.how, evidence: facts.visible.evidence } }
      : { id: 'unsubscribe.no-visible', params: { domain: fromDomain || null } },
  ];
  return { result, findings };
}
