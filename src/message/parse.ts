/**
 * Parses a message once: our own linear scan of the raw header section (byte-exact facts: field
 * order, 8-bit bytes, line lengths, counts) and mailparser for the decoded values and the MIME tree.
 * Every step is bounded (LIMITS), so hostile input costs linear time at most.
 */
import { parseAddressHeader, simpleParser } from 'mailparser';
import { LIMITS } from '../limits.js';
import { scanMimeStructure } from './mime-structure.js';
import type { HeaderField, Mailbox, MimeStructure, MimeSummary, ParsedMessage } from './types.js';

export class NotAMessageError extends Error {}

const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
/** "From sender date" starts an mbox entry; "From : x" is a From field with obsolete space. */
const MBOX_SEPARATOR = /^From (?![ \t]*:)/;

interface HeaderScan {
  fields: HeaderField[];
  fieldCount: number;
  headerBytes: number;
  bodyOffset: number;
  malformed: number;
  /** The first line (after a BOM or an mbox separator) is a header field, as in every message. */
  startsWithField: boolean;
  /** The header section ran past LIMITS.maxHeaderBytes: fields after the bound were not read. */
  truncated: boolean;
}

/** Splits the header section into fields (unfolding continuation lines). Stops at the first empty line. */
export function scanHeaders(raw: Buffer): HeaderScan {
  const fields: HeaderField[] = [];
  let fieldCount = 0;
  let malformed = 0;
  let pos = 0;
  let current: { start: number; end: number; eightBit: boolean } | null = null;
  let startsWithField = false;

  const flush = () => {
    if (!current) return;
    fieldCount++;
    if (fields.length < LIMITS.maxHeaderFields) {
      const bytes = raw.subarray(current.start, current.end);
      const text = bytes.toString('utf8');
      const colon = text.indexOf(':');
      // "Subject : x" (obsolete WSP before the colon, RFC 5322 4.5) names the field "Subject".
      const name = text.slice(0, colon).trimEnd();
      fields.push({
        name,
        key: name.toLowerCase(),
        value: text
          .slice(colon + 1)
          .replace(/\r?\n(?=[ \t])/g, '')
          .trim(),
        raw: bytes,
        eightBit: current.eightBit,
      });
    }
    current = null;
  };

  // A UTF-8 byte order mark (some editors save one) and an mbox "From " separator line are skipped.
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) pos = 3;
  if (MBOX_SEPARATOR.test(raw.toString('latin1', pos, pos + 64))) {
    const nl = raw.indexOf(0x0a, pos);
    pos = nl < 0 ? raw.length : nl + 1;
  }
  const firstLine = pos;

  const limit = Math.min(raw.length, LIMITS.maxHeaderBytes);
  while (pos < limit) {
    let nl = raw.indexOf(0x0a, pos);
    if (nl < 0) nl = raw.length;
    // A line running past the bound is cut at it (one 30 MB "field" would otherwise be kept whole),
    // and is the last line read.
    const cut = nl > limit;
    if (cut) nl = limit;
    let lineEnd = nl;
    if (!cut && lineEnd > pos && raw[lineEnd - 1] === 0x0d) lineEnd--;
    if (lineEnd === pos) {
      flush();
      const bodyOffset = Math.min(nl + 1, raw.length);
      return {
        fields,
        fieldCount,
        headerBytes: pos,
        bodyOffset,
        malformed,
        startsWithField,
        truncated: false,
      };
    }
    const first = raw[pos]!;
    let eightBit = false;
    for (let i = pos; i < lineEnd; i++) {
      if (raw[i]! >= 0x80) {
        eightBit = true;
        break;
      }
    }
    if ((first === 0x20 || first === 0x09) && current) {
      current.end = lineEnd;
      current.eightBit ||= eightBit;
    } else {
      flush();
      // Searched within the line only: a search running on to the end of the message, once per
      // line, is quadratic (300 000 colon-less lines before 20 MB without a colon took 223 s).
      const colon = raw.subarray(pos, lineEnd).indexOf(0x3a);
      const name = colon > 0 ? raw.toString('latin1', pos, pos + colon).trimEnd() : '';
      if (name && FIELD_NAME.test(name)) {
        current = { start: pos, end: lineEnd, eightBit };
        if (pos === firstLine) startsWithField = true;
      } else malformed++;
    }
    pos = cut ? limit : nl + 1;
  }
  flush();
  // No blank line: everything read was header (or the header section exceeded its bound).
  const headerBytes = Math.min(pos, raw.length);
  const truncated = limit < raw.length;
  return { fields, fieldCount, headerBytes, bodyOffset: raw.length, malformed, startsWithField, truncated };
}

/**
 * The bytes with every bare LF made CRLF, as RFC 5322 writes line ends (a file saved on Unix has LF
 * ends). DKIM and ARC canonicalize exactly so; mailauth does it line by line, one await per line, which
 * takes 15 s for 30 MB of empty LF lines, so it gets them converted here, in one pass. The input itself
 * when it has no bare LF.
 */
export function toCrlf(input: Buffer): Buffer {
  const bare = countBareLf(input);
  if (bare === 0) return input;
  const out = Buffer.allocUnsafe(input.length + bare);
  let o = 0;
  let previous = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i]!;
    if (byte === 0x0a && previous !== 0x0d) out[o++] = 0x0d;
    out[o++] = byte;
    previous = byte;
  }
  return out;
}

/**
 * LFs not preceded by CR. Jumps from LF to LF with the native indexOf (8x faster than a byte loop on
 * real mail), but switches to the byte loop when lines average under 16 octets, where one native call
 * per line costs more (30 MB of empty lines: 1.5 s with indexOf, 0.1 s with the loop).
 */
function countBareLf(input: Buffer): number {
  let bare = 0;
  let lines = 0;
  for (let nl = input.indexOf(0x0a); nl >= 0; nl = input.indexOf(0x0a, nl + 1)) {
    if (nl === 0 || input[nl - 1] !== 0x0d) bare++;
    if (++lines > 1024 && lines * 16 > nl) {
      let previous = input[nl]!;
      for (let i = nl + 1; i < input.length; i++) {
        const byte = input[i]!;
        if (byte === 0x0a && previous !== 0x0d) bare++;
        previous = byte;
      }
      return bare;
    }
  }
  return bare;
}

/** RFC 5322 2.1.1: a line must not exceed 998 octets, excluding the CRLF. */
const MAX_LINE_OCTETS = 998;

interface LineMeasure {
  longestLine: number;
  longLines: number;
  firstLongLine: { line: number; length: number; offset: number } | null;
}

/** Longest line, the count of lines over 998 octets (excluding CRLF) and the first of them, in one pass. */
export function measureLines(raw: Buffer): LineMeasure {
  let longestLine = 0;
  let longLines = 0;
  let firstLongLine: LineMeasure['firstLongLine'] = null;
  let start = 0;
  let line = 0;
  while (start <= raw.length) {
    line++;
    let nl = raw.indexOf(0x0a, start);
    if (nl < 0) nl = raw.length;
    let length = nl - start;
    if (length > 0 && raw[nl - 1] === 0x0d) length--;
    if (length > longestLine) longestLine = length;
    if (length > MAX_LINE_OCTETS) {
      longLines++;
      firstLongLine ??= { line, length, offset: start };
    }
    start = nl + 1;
  }
  return { longestLine, longLines, firstLongLine };
}

const toMailboxes = (value: string | string[]): Mailbox[] => {
  const parsed = parseAddressHeader(value, { decodePunycode: false });
  const out: Mailbox[] = [];
  for (const entry of parsed.value ?? []) {
    for (const box of entry.group ?? [entry]) {
      const address = (box.address ?? '').trim();
      const at = address.lastIndexOf('@');
      out.push({ address, name: box.name ?? '', domain: at >= 0 ? address.slice(at + 1).toLowerCase() : '' });
    }
  }
  return out;
};

/** Mailboxes of an address field value (RFC 2047 display names decoded; domains stay A-labels). */
export function parseMailboxes(value: string | string[]): Mailbox[] {
  try {
    return toMailboxes(value);
  } catch {
    return [];
  }
}

const CRLF = Buffer.from('\r\n');

const EMPTY_MIME: Omit<MimeSummary, 'structure'> = {
  parsed: false,
  text: null,
  html: null,
  htmlBytes: 0,
  hasTextPart: false,
  hasHtmlPart: false,
  attachments: [],
  error: null,
};

async function decodeMime(
  raw: Buffer,
  scan: HeaderScan,
  structure: MimeStructure,
): Promise<{ mime: MimeSummary; subject: string | null }> {
  // Over the bound (or with more header than we keep), mailparser sees our bounded header section only.
  const tooLarge =
    raw.length > LIMITS.maxMimeParseBytes || scan.fieldCount > scan.fields.length || scan.truncated;
  // The body is decoded only when a check reads it: today the HTML checks (html-only, Gmail clipping).
  // Decoding 100 KB costs as much as verifying its DKIM signature, so mail without HTML is spared it;
  // mailparser still decodes the header section (the Subject's RFC 2047 words).
  // When the scan did not see the whole tree (too many parts, too deep), decode to be safe.
  const bodyNeeded = structure.truncated || structure.tooDeep || structure.leafTypes.includes('text/html');
  const headerOnly = tooLarge || !bodyNeeded;
  const source = headerOnly ? Buffer.concat([...scan.fields.flatMap((f) => [f.raw, CRLF]), CRLF]) : raw;
  try {
    const mail = await simpleParser(source, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
    const html = typeof mail.html === 'string' ? mail.html : null;
    const subject = mail.subject ?? null;
    if (headerOnly)
      return { mime: { ...EMPTY_MIME, error: tooLarge ? 'too-large' : null, structure }, subject };
    return {
      subject,
      mime: {
        parsed: true,
        text: mail.text ?? null,
        html,
        htmlBytes: html ? Buffer.byteLength(html) : 0,
        // An empty or blank text/plain part is no alternative to the HTML.
        hasTextPart: typeof mail.text === 'string' && /\S/.test(mail.text),
        hasHtmlPart: html !== null,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename ?? null,
          contentType: a.contentType,
          size: a.size,
        })),
        error: null,
        structure,
      },
    };
  } catch (err) {
    // Over the bound only the header section was given to mailparser: its failure (mailsplit's own
    // header size limit) is that same size, not broken MIME.
    const error = tooLarge ? 'too-large' : err instanceof Error ? err.message : String(err);
    return { mime: { ...EMPTY_MIME, error, structure }, subject: null };
  }
}

const first = (fields: HeaderField[], key: string) => fields.find((f) => f.key === key);

/**
 * Parses raw message bytes. Throws NotAMessageError when the input does not start with a header field
 * (binary junk, an image, a text file): the first line of a message is always a field (RFC 5322 2.1).
 */
export async function parseMessage(input: Buffer): Promise<ParsedMessage> {
  if (input.length > LIMITS.maxMessageBytes)
    throw new NotAMessageError(`message larger than ${LIMITS.maxMessageBytes} bytes`);
  const firstScan = scanHeaders(input);
  if (firstScan.fields.length === 0 || !firstScan.startsWithField) {
    throw new NotAMessageError('no header fields: this is not an email message');
  }
  const raw = toCrlf(input);
  const scan = raw === input ? firstScan : scanHeaders(raw);
  const { longestLine, longLines, firstLongLine } = measureLines(raw);
  const { mime, subject } = await decodeMime(raw, scan, scanMimeStructure(raw));
  const fromFields = scan.fields.filter((f) => f.key === 'from');
  const sender = first(scan.fields, 'sender');
  const replyTo = first(scan.fields, 'reply-to');
  const subjectField = first(scan.fields, 'subject');
  return {
    raw,
    size: input.length,
    headers: scan.fields,
    headerFieldCount: scan.fieldCount,
    headerBytes: scan.headerBytes,
    bodyOffset: scan.bodyOffset,
    longestLine,
    longLines,
    firstLongLine,
    headerTruncated: scan.truncated,
    malformedHeaderLines: scan.malformed,
    from: parseMailboxes(fromFields.map((f) => f.value)),
    fromFieldCount: fromFields.length,
    sender: sender ? (parseMailboxes(sender.value)[0] ?? null) : null,
    replyTo: replyTo ? parseMailboxes(replyTo.value) : [],
    subject: subject ?? subjectField?.value ?? null,
    messageId: first(scan.fields, 'message-id')?.value ?? null,
    date: first(scan.fields, 'date')?.value ?? null,
    mime,
  };
}

/** Every field with this name (case-insensitive), in order. */
export const fieldsNamed = (message: ParsedMessage, name: string): HeaderField[] =>
  message.headers.filter((f) => f.key === name.toLowerCase());
