/**
 * Hand-built inputs for the built-in rules' tests: a message from a few header fields (parsed by the real
 * parser) and a ContentModel written out directly, so each rule is tested on exactly what it reads.
 */
import { parseMessage } from '../../../src/message/parse.js';
import { organizationalDomain } from '../../../src/names/org-domain.js';
import type {
  ContentAttachment,
  ContentImage,
  ContentLink,
  ContentModel,
  HtmlFacts,
} from '../../../src/content/types.js';
import type { ParsedMessage } from '../../../src/message/types.js';

export interface Sample {
  /** Header fields replacing the defaults (null removes one). */
  headers?: Record<string, string | null>;
  /** Raw header lines added as written (8-bit bytes, repeated fields). */
  rawHeaders?: string[];
  text?: string | null;
  html?: string | null;
  /** The HTML's visible text; defaults to the HTML with its tags removed. */
  htmlText?: string | null;
  links?: ContentLink[];
  images?: ContentImage[];
  attachments?: ContentAttachment[];
  htmlFacts?: Partial<HtmlFacts>;
  /** Raw body (with its MIME headers in `headers`), when the rule reads the raw message. */
  rawBody?: string;
}

const DEFAULT_HEADERS: Record<string, string> = {
  From: 'Alice Example <alice@example.com>',
  To: 'bob@example.org',
  Subject: 'Notes from the meeting',
  Date: 'Tue, 01 Jul 2025 09:00:00 +0900',
  'Message-ID': '<20250701.abc123@example.com>',
  'MIME-Version': '1.0',
  'Content-Type': 'text/plain; charset=utf-8',
};

export const DEFAULT_TEXT =
  'Hello Bob,\nhere are the notes from the meeting we had this morning. Talk to you next week.\nAlice';

export function link(href: string, text = href, source: ContentLink['source'] = 'html'): ContentLink {
  let host = '';
  let scheme = href.split(':')[0]?.toLowerCase() ?? '';
  try {
    const url = new URL(href);
    host = url.hostname.toLowerCase();
    scheme = url.protocol.replace(/:$/, '');
  } catch {
    // Not a URL: host stays empty, as the extractor leaves it.
  }
  const ip = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  return { href, text, source, host, domain: host && !ip ? organizationalDomain(host) : '', scheme };
}

export const image = (
  src: string,
  alt: string | null = 'logo',
  width: number | null = null,
  height: number | null = null,
): ContentImage => ({
  src,
  alt,
  width,
  height,
});

export function attachment(
  filename: string,
  contentType = 'application/octet-stream',
  head = Buffer.alloc(0),
): ContentAttachment {
  return { filename, contentType, size: head.length, head, data: head, inline: false, broken: false };
}

export const stripTags = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export async function buildInput(
  sample: Sample = {},
): Promise<{ message: ParsedMessage; content: ContentModel }> {
  const fields = { ...DEFAULT_HEADERS, ...sample.headers };
  const lines = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => `${name}: ${value}`);
  lines.push(...(sample.rawHeaders ?? []));
  const text = sample.text === undefined ? (sample.html ? null : DEFAULT_TEXT) : sample.text;
  const body = sample.rawBody ?? text ?? '';
  const message = await parseMessage(Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}\r\n`, 'utf8'));
  const html = sample.html ?? null;
  const htmlText = sample.htmlText !== undefined ? sample.htmlText : html === null ? null : stripTags(html);
  const content: ContentModel = {
    text,
    html,
    htmlText,
    links: sample.links ?? [],
    images: sample.images ?? [],
    attachments: sample.attachments ?? [],
    htmlFacts:
      html === null
        ? null
        : { active: {}, hidden: [], elements: 10, mediaQueries: false, ...sample.htmlFacts },
    charsets: ['utf-8'],
    truncated: false,
    error: null,
  };
  return { message, content };
}
