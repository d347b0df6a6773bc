/**
 * The built-in rules' measurements that take more than one pattern: shouting, text/HTML similarity, link
 * text that names another domain, entity-obfuscated HTML, the sender's look. Each is a small pure function over
 * bounded input.
 */
import { DOCUMENT_EXTENSIONS, EXECUTABLE_EXTENSIONS } from '../../file-types.js';
import { getDomain, parse } from 'tldts';
import type { ContentAttachment, ContentLink } from '../../types.js';
import type { Facts } from './facts.js';
import {
  ADDRESS_IN_TEXT,
  BRANDS,
  BULK_HEADERS,
  DOMAIN_IN_TEXT,
  UNSUBSCRIBE,
  type PhrasePair,
} from './patterns.js';

/** Characters of text measured by the ratio detectors (enough to judge; bounded work). */
const SAMPLE_CHARS = 20_000;

const NON_ASCII = /[^\x00-\x7f]/;

/** The pair matches the text. `ascii`: the caller knows the text is ASCII-only (the Japanese pattern cannot match). */
export const matches = (pair: PhrasePair, text: string, ascii = !NON_ASCII.test(text)): boolean =>
  pair.en.test(text) || (!ascii && pair.ja.test(text));

/** Occurrences of a global pattern, counting stops at `cap` (bounded work and memory). */
export function countMatches(pattern: RegExp, text: string, cap: number): number {
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  let count = 0;
  while (count < cap && global.exec(text)) count++;
  return count;
}

/** ASCII letters and how many of them are upper case. */
export function letterCase(text: string): { letters: number; upper: number } {
  let letters = 0;
  let upper = 0;
  const end = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) {
      letters++;
      upper++;
    } else if (code >= 97 && code <= 122) letters++;
  }
  return { letters, upper };
}

/**
 * How much text there is, in one pass: `size` counts characters other than whitespace, those of CJK scripts
 * twice (a Japanese character carries about as much as two Latin ones; SpamAssassin, which counts bytes,
 * weighs them more still); `bytes` counts their UTF-8 bytes (SpamAssassin's measure of an HTML part's text).
 */
export function measureText(text: string): { size: number; bytes: number } {
  let size = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 32 || code === 0x3000) continue;
    size += code >= 0x2e80 ? 2 : 1;
    // Surrogate pairs count 2 + 2 = 4 bytes, as their code point does in UTF-8.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return { size, bytes };
}

export const textSize = (text: string): number => measureText(text).size;

const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"]{1,2000}/gi;

export const withoutUrls = (text: string): string => text.replace(URL_IN_TEXT, ' ');

/** The size of the URLs written in the text (what `withoutUrls` takes away), without copying the text. */
export function urlsSize(text: string): number {
  let size = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) size += textSize(match[0]);
  return size;
}

/** Characters compared for text/HTML similarity: the alternatives of one message differ from the start, if at all. */
const SIMILARITY_SAMPLE_CHARS = 5_000;

/** Character trigrams of the letters and digits (URLs, spaces and punctuation dropped): a language-neutral fingerprint. */
function trigrams(text: string): Set<string> {
  const cleaned = withoutUrls(text.slice(0, SIMILARITY_SAMPLE_CHARS))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= cleaned.length; i++) grams.add(cleaned.slice(i, i + 3));
  return grams;
}

/** Trigrams needed on both sides before the text and the HTML are compared (a few words). */
const MIN_TRIGRAMS = 20;

/**
 * How alike the text part and the HTML's text are: Dice's coefficient over character trigrams, 0 (nothing
 * shared) to 1 (the same). null when either side is too short to judge.
 */
export function alternativeSimilarity(text: string, htmlText: string): number | null {
  const a = trigrams(text);
  const b = trigrams(htmlText);
  if (a.size < MIN_TRIGRAMS || b.size < MIN_TRIGRAMS) return null;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Registered domain of a name (the name itself when it has no public suffix). */
const registeredDomain = (name: string): string => getDomain(name, { allowPrivateDomains: false }) ?? name;

/** Registered domain of a name whose suffix is a real (ICANN) one, so "file.txt" is not taken for a domain; else null. */
function icannDomain(name: string): string | null {
  const parsed = parse(name, { allowPrivateDomains: false });
  return parsed.isIcann && parsed.domain ? parsed.domain : null;
}

/** Link text written as a domain or URL that is not the link's own registered domain ("paypal.com" → evil.example). */
export function linkTextMismatch(link: ContentLink): boolean {
  if (link.source !== 'html' || !/^https?$/.test(link.scheme)) return false;
  const shown = DOMAIN_IN_TEXT.exec(link.text.slice(0, 300).toLowerCase());
  const shownDomain = shown?.[1] ? icannDomain(shown[1]) : null;
  if (!shownDomain) return false;
  const target = link.domain || link.host;
  return target !== '' && shownDomain !== target && shownDomain !== registeredDomain(target);
}

const IPV4_HOST = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Dotless decimal (3232235777) or hex (0xc0a80101) forms of an IPv4 address that browsers still accept. */
const NUMERIC_HOST = /^(?:0x[0-9a-f]{1,8}|\d{8,10})$/;

export const isIpHost = (host: string): boolean =>
  IPV4_HOST.test(host) || host.startsWith('[') || NUMERIC_HOST.test(host);

const AUTHORITY_WITH_USERINFO = /^https?:\/\/[^/?#\s]{0,256}@/i;
export const hasUserinfo = (link: ContentLink): boolean => AUTHORITY_WITH_USERINFO.test(link.href);

const EXPLICIT_PORT =
  /^https?:\/\/(?:[^/?#@\s]{0,256}@)?(?:\[[^\]]{1,64}\]|[^/?#:\s]{1,256}):(\d{1,5})(?:[/?#]|$)/i;
export function oddPort(link: ContentLink): boolean {
  const port = EXPLICIT_PORT.exec(link.href)?.[1];
  return port !== undefined && port !== '80' && port !== '443';
}

/** Numeric character references that spell plain ASCII letters (&#72;&#x65;...), which only hide words from filters. */
const ENTITY_LETTER =
  /&#(?:x0{0,4}(?:4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a])|0{0,4}(?:6[5-9]|[7-8]\d|9[0]|9[7-9]|1[01]\d|12[0-2]));/gi;
export const entityLetters = (html: string, cap: number): number => countMatches(ENTITY_LETTER, html, cap);

/** A display name that holds an address of another domain ("service@paypal.com" <x@evil.example>). */
export function nameHoldsOtherAddress(facts: Facts): boolean {
  const found = ADDRESS_IN_TEXT.exec(facts.fromName);
  if (!found?.[1]) return false;
  return registeredDomain(found[1]) !== facts.fromOrg;
}

/** A display name naming a brand whose domains the From address is not in. */
export function nameImitatesBrand(facts: Facts): boolean {
  if (!facts.fromName || !facts.fromDomain) return false;
  return BRANDS.some(
    (brand) =>
      brand.names.test(facts.fromName) && !brand.domains.some((token) => facts.fromDomain.includes(token)),
  );
}

/** Random-looking local part: a long run of digits or of consonants ("a8347261@", "xkqzvbt@"). */
export const randomLocalPart = (local: string): boolean =>
  /\d{6}/.test(local) || /[bcdfghjklmnpqrstvwxz]{7}/.test(local);

const header = (facts: Facts, name: string): string => facts.headers.get(name)?.[0] ?? '';

export const hasHeader = (facts: Facts, name: string): boolean => facts.headers.has(name);

/** Looks like bulk or marketing mail: a precedence, a list or an e-mail service provider's header, or a link-heavy HTML. */
export function looksBulk(facts: Facts): boolean {
  if (/\b(?:bulk|list|junk)\b/i.test(header(facts, 'precedence'))) return true;
  if (BULK_HEADERS.some((name) => facts.headers.has(name))) return true;
  return facts.content.html !== null && facts.links.length >= 8;
}

/** The reader is offered a way out: List-Unsubscribe, unsubscribe words, or a link that says so. */
export function offersUnsubscribe(facts: Facts): boolean {
  if (facts.headers.has('list-unsubscribe')) return true;
  if (matches(UNSUBSCRIBE, facts.words)) return true;
  return facts.links.some((link) => /unsub|opt-?out|remove|配信停止|解除/i.test(link.href + link.text));
}

export const highPriority = (facts: Facts): boolean =>
  /^\s*[12]\b/.test(header(facts, 'x-priority')) ||
  /^\s*high\b/i.test(header(facts, 'importance')) ||
  /^\s*high\b/i.test(header(facts, 'x-msmail-priority'));

const extensionsOf = (attachment: ContentAttachment): string[] =>
  (attachment.filename ?? '')
    .toLowerCase()
    .trim()
    .split('.')
    .slice(1)
    .map((part) => part.trim());

/** A program or script: by extension, by declared type, or by the "MZ" header of a Windows executable. */
export function isExecutable(attachment: ContentAttachment): boolean {
  const last = extensionsOf(attachment).at(-1) ?? '';
  if (EXECUTABLE_EXTENSIONS.has(last)) return true;
  if (
    /^application\/(?:x-msdownload|x-dosexec|x-msdos-program|x-ms-installer|vnd\.microsoft\.portable-executable)/i.test(
      attachment.contentType,
    )
  )
    return true;
  return attachment.head.length >= 2 && attachment.head[0] === 0x4d && attachment.head[1] === 0x5a;
}

/** "invoice.pdf.exe": a document extension followed by an executable one. */
export function hasDoubleExtension(attachment: ContentAttachment): boolean {
  const extensions = extensionsOf(attachment);
  if (extensions.length < 2) return false;
  const [shown, real] = extensions.slice(-2) as [string, string];
  return DOCUMENT_EXTENSIONS.has(shown) && EXECUTABLE_EXTENSIONS.has(real);
}
