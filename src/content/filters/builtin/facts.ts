/**
 * What the built-in rules read, computed once per message: normalized and bounded subject, text and HTML,
 * header values by name, the sender's domains. Every rule is then a cheap predicate over these facts.
 */
import { LIMITS } from '../../../limits.js';
import type { ParsedMessage } from '../../../message/types.js';
import { organizationalDomain } from '../../../names/org-domain.js';
import type { ContentLink, ContentModel } from '../../types.js';
import { alternativeSimilarity, measureText, urlsSize } from './detectors.js';

export interface Facts {
  message: ParsedMessage;
  content: ContentModel;
  /** The subject, NFKC-normalized, case kept ('' when there is none). */
  subject: string;
  subjectLower: string;
  /** Every text a reader may see (the text part and the HTML's text), NFKC lower-cased: the phrase rules read this. */
  words: string;
  /** What a mail client shows: the HTML's text when there is HTML, else the text part (NFKC, case kept). */
  visible: string;
  /** The HTML source, lower-cased ('' when there is none). */
  html: string;
  /** Header values by lower-case name, in order. */
  headers: ReadonlyMap<string, readonly string[]>;
  /** The first From mailbox's parts, lower case ('' when absent). */
  fromName: string;
  fromLocal: string;
  fromDomain: string;
  fromOrg: string;
  replyToOrgs: readonly string[];
  links: readonly ContentLink[];
  /** A text/html part is sent base64-encoded (the raw header block of the part says so). */
  htmlBase64: boolean;
  /** Measures of `visible`, taken once (several rules read them; each is a pass over up to 100 KB). */
  visibleSize: number;
  visibleBytes: number;
  /** `visibleSize` with the URLs written in the text left out. */
  visibleSizeWithoutUrls: number;
  /** `words` is ASCII-only (the Japanese phrase patterns are skipped). */
  ascii: boolean;
  /** `words` holds something other than whitespace. */
  hasWords: boolean;
  /** How alike the text part and the HTML's text are (0 to 1); null without both or when too short to judge. */
  alternativeSimilarity: number | null;
}

const normalize = (text: string | null, max: number): string =>
  text ? text.slice(0, max).normalize('NFKC') : '';

function headerMap(message: ParsedMessage): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const field of message.headers) {
    const values = map.get(field.key);
    if (values) values.push(field.value);
    else map.set(field.key, [field.value]);
  }
  return map;
}

const BASE64_ENCODING = /content-transfer-encoding:[ \t]*"?base64/i;
/** How far around a "Content-Type: text/html" field we look for its part's other fields. */
const PART_HEADER_WINDOW = 4096;
/** At most this many text/html parts are looked at (real mail has one or two). */
const MAX_HTML_PARTS = 20;

/**
 * Whether a text/html part is base64-encoded: for each "Content-Type: text/html" field in the first
 * bytes of the message, the header block around it (up to the blank lines, bounded) names the encoding.
 */
export function htmlPartIsBase64(raw: Buffer): boolean {
  const text = raw.toString('latin1', 0, Math.min(raw.length, LIMITS.builtinRulesScanBytes));
  // A fresh global pattern per call: its lastIndex is this call's alone.
  const contentTypeHtml = /content-type:[ \t]*text\/html/gi;
  for (let seen = 0; seen < MAX_HTML_PARTS; seen++) {
    const match = contentTypeHtml.exec(text);
    if (!match) return false;
    const before = text.lastIndexOf('\r\n\r\n', match.index);
    const after = text.indexOf('\r\n\r\n', match.index);
    const start = Math.max(before, match.index - PART_HEADER_WINDOW, 0);
    const end = after < 0 ? Math.min(text.length, match.index + PART_HEADER_WINDOW) : after;
    if (BASE64_ENCODING.test(text.slice(start, Math.min(end, match.index + PART_HEADER_WINDOW)))) return true;
  }
  return false;
}

export function collectFacts(message: ParsedMessage, content: ContentModel): Facts {
  const maxText = LIMITS.builtinRulesTextChars;
  const subject = normalize(message.subject, LIMITS.builtinRulesSubjectChars).trim();
  const text = normalize(content.text, maxText);
  const htmlText = normalize(content.htmlText, maxText);
  const from = message.from[0];
  const fromDomain = from?.domain ?? '';
  const visible = content.html !== null ? htmlText : text;
  const words = (text && htmlText ? `${text}\n${htmlText}` : text || htmlText).toLowerCase();
  const measured = measureText(visible);
  return {
    message,
    content,
    subject,
    subjectLower: subject.toLowerCase(),
    words,
    visible,
    visibleSize: measured.size,
    visibleBytes: measured.bytes,
    visibleSizeWithoutUrls: measured.size - urlsSize(visible),
    ascii: !/[^\x00-\x7f]/.test(words),
    hasWords: /[^\x00-\x20\u3000]/.test(words),
    html: content.html ? content.html.slice(0, LIMITS.builtinRulesHtmlChars).toLowerCase() : '',
    headers: headerMap(message),
    fromName: (from?.name ?? '').normalize('NFKC').toLowerCase(),
    fromLocal: (from?.address.split('@')[0] ?? '').toLowerCase(),
    fromDomain,
    fromOrg: fromDomain ? organizationalDomain(fromDomain) : '',
    replyToOrgs: message.replyTo.map((box) => (box.domain ? organizationalDomain(box.domain) : '')),
    links: content.links.slice(0, LIMITS.builtinRulesLinks),
    htmlBase64: content.html !== null && htmlPartIsBase64(message.raw),
    alternativeSimilarity: text && htmlText ? alternativeSimilarity(text, htmlText) : null,
  };
}
