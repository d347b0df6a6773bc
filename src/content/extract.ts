/**
 * Decodes a message's content once for every consumer (the filter, the content, link, attachment and
 * unsubscribe checks): mailparser decodes the transfer encodings and charsets (iconv-lite, and
 * encoding-japanese for ISO-2022-JP and EUC-JP; an unknown or refused label falls back to UTF-8), then
 * the HTML is read for its visible text, links, images, hidden text and active content.
 *
 * Bounded: only the first LIMITS.maxMimeParseBytes of the message are decoded, and every text and list has
 * its bound (LIMITS.content*); `truncated` says when one was reached. Never throws: a decoder failure is
 * `error`, with whatever was read.
 */
import { simpleParser, type Attachment } from 'mailparser';
import { LIMITS } from '../limits.js';
import type { ParsedMessage } from '../message/types.js';
import { declaredCharsets } from './charsets.js';
import { readHtml } from './html.js';
import type { ContentAttachment, ContentLink, ContentModel } from './types.js';
import { findTextUrls, linkOf } from './urls.js';

/** A model with nothing in it (tests and callers that build one by hand start here). */
export const emptyContent = (overrides: Partial<ContentModel> = {}): ContentModel => ({
  text: null,
  html: null,
  htmlText: null,
  links: [],
  images: [],
  attachments: [],
  htmlFacts: null,
  charsets: [],
  truncated: false,
  error: null,
  ...overrides,
});

/** One decode per parsed message, however many checks ask (the model lives as long as the message). */
const decoded = new WeakMap<ParsedMessage, Promise<ContentModel>>();

export function extractContent(message: ParsedMessage): Promise<ContentModel> {
  let model = decoded.get(message);
  if (!model) {
    model = decodeContent(message).catch((err: unknown) =>
      emptyContent({ error: err instanceof Error ? err.message : String(err) }),
    );
    decoded.set(message, model);
  }
  return model;
}

interface Decoded {
  text: string | null;
  html: string | null;
  attachments: Attachment[];
  error: string | null;
}

const PARSER_OPTIONS = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  // cid: links stay as written (no data: URLs made of the images).
  skipImageLinks: true,
} as const;

/** The parts, decoded by mailparser; what parseMessage already decoded is reused when it is all there is. */
async function decodeParts(message: ParsedMessage, source: Buffer): Promise<Decoded> {
  const { mime } = message;
  const wholeTree = !mime.structure.truncated && !mime.structure.tooDeep;
  if (mime.parsed && mime.attachments.length === 0 && wholeTree && source === message.raw) {
    return { text: mime.text, html: mime.html, attachments: [], error: null };
  }
  try {
    const mail = await simpleParser(source, PARSER_OPTIONS);
    return {
      text: typeof mail.text === 'string' ? mail.text : null,
      html: typeof mail.html === 'string' ? mail.html : null,
      attachments: mail.attachments,
      error: null,
    };
  } catch (err) {
    return {
      text: null,
      html: null,
      attachments: [],
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

function toAttachment(a: Attachment): ContentAttachment {
  const data = Buffer.isBuffer(a.content) ? a.content : Buffer.alloc(0);
  return {
    filename: a.filename ?? null,
    contentType: (a.contentType || 'application/octet-stream').toLowerCase(),
    size: data.length,
    head: data.subarray(0, LIMITS.contentAttachmentHeadBytes),
    data,
    // An image the HTML shows (Content-ID or inline in multipart/related) is part of the page, not a file.
    inline:
      a.contentType.startsWith('image/') &&
      (a.related === true || (!!a.cid && a.contentDisposition === 'inline')),
    broken: !Buffer.isBuffer(a.content),
  };
}

const cut = (text: string | null, max: number): { value: string | null; cut: boolean } =>
  text !== null && text.length > max ? { value: text.slice(0, max), cut: true } : { value: text, cut: false };

async function decodeContent(message: ParsedMessage): Promise<ContentModel> {
  const tooLarge = message.raw.length > LIMITS.maxMimeParseBytes;
  // Past the bound the start is decoded (the text and HTML come first in real mail); the rest is cut.
  const source = tooLarge ? message.raw.subarray(0, LIMITS.maxMimeParseBytes) : message.raw;
  const parts = await decodeParts(message, source);
  let truncated = tooLarge;

  const text = cut(parts.text, LIMITS.contentMaxTextChars);
  const html = cut(parts.html, LIMITS.contentMaxHtmlChars);
  truncated ||= text.cut || html.cut;

  const links: ContentLink[] = [];
  let htmlText: string | null = null;
  let images: ContentModel['images'] = [];
  let htmlFacts: ContentModel['htmlFacts'] = null;
  const textUrls: string[] = [];
  if (html.value !== null) {
    const reading = readHtml(html.value);
    htmlText = reading.text;
    links.push(...reading.links);
    images = reading.images;
    htmlFacts = reading.facts;
    textUrls.push(...reading.textUrls);
    truncated ||= reading.truncated;
  }
  if (text.value !== null) textUrls.push(...findTextUrls(text.value, LIMITS.contentMaxLinks));
  // URLs in text are listed once each (the text part usually repeats the HTML's).
  const seen = new Set<string>();
  for (const url of textUrls) {
    if (seen.has(url)) continue;
    seen.add(url);
    if (links.length >= LIMITS.contentMaxLinks) {
      truncated = true;
      break;
    }
    links.push(linkOf(url, url, 'text'));
  }

  if (parts.attachments.length > LIMITS.contentMaxAttachments) truncated = true;
  const attachments = parts.attachments.slice(0, LIMITS.contentMaxAttachments).map(toAttachment);

  return {
    text: text.value,
    html: html.value,
    htmlText,
    links,
    images,
    attachments,
    htmlFacts,
    charsets: declaredCharsets(source),
    truncated,
    error: parts.error,
  };
}
