/**
 * Parses a message once: our own linear scan of the raw header section (byte-exact facts: field
 * order, 8-bit bytes, line lengths, counts) and mailparser for the decoded values and the MIME tree.
 * Every step is bounded (LIMITS), so hostile input costs linear time at most.
 */
import { parseAddressHeader, simpleParser } from 'mailparser';
import { LIMITS } from '../limits.js';
import type { HeaderField, Mailbox, MimeSummary, ParsedMessage } from './types.js';

export class NotAMessageError extends Error {}

const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

interface HeaderScan {
  fields: HeaderField[];
  fieldCount: number;
  headerBytes: number;
  bodyOffset: number;
  malformed: number;
}

/** Splits the header section into fields (unfolding continuation lines). Stops at the first empty line. */
export function scanHeaders(raw: Buffer): HeaderScan {
  const fields: HeaderField[] = [];
  let fieldCount = 0;
  let malformed = 0;
  let pos = 0;
  let current: { start: number; end: number; eightBit: boolean } | null = null;

  const flush = () => {
    if (!current) return;
    fieldCount++;
    if (fields.length < LIMITS.maxHeaderFields) {
      const bytes = raw.subarray(current.start, current.end);
      const text = bytes.toString('utf8');
      const colon = text.indexOf(':');
      const name = text.slice(0, colon);
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

  // An mbox "From " separator line before the first field is skipped.
  if (raw.subarray(0, 5).toString('latin1') === 'From ') {
    const nl = raw.indexOf(0x0a);
    pos = nl < 0 ? raw.length : nl + 1;
  }

  const limit = Math.min(raw.length, LIMITS.maxHeaderBytes);
  while (pos < limit) {
    let nl = raw.indexOf(0x0a, pos);
    if (nl < 0) nl = raw.length;
    let lineEnd = nl;
    if (lineEnd > pos && raw[lineEnd - 1] === 0x0d) lineEnd--;
    if (lineEnd === pos) {
      flush();
      return { fields, fieldCount, headerBytes: pos, bodyOffset: Math.min(nl + 1, raw.length), malformed };
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
      const colon = raw.indexOf(0x3a, pos);
      const name = colon > pos && colon < lineEnd ? raw.subarray(pos, colon).toString('latin1').trimEnd() : '';
      if (name && FIELD_NAME.test(name)) current = { start: pos, end: lineEnd, eightBit };
      else malformed++;
    }
    pos = nl + 1;
  }
  flush();
  // No blank line: everything read was header (or the header section exceeded its bound).
  return { fields, fieldCount, headerBytes: Math.min(pos, raw.length), bodyOffset: raw.length, malformed };
}

/** Longest line and the count of lines over 998 octets (excluding CRLF), in one pass over the bytes. */
export function measureLines(raw: Buffer): { longestLine: number; longLines: number } {
  let longestLine = 0;
  let longLines = 0;
  let start = 0;
  while (start <= raw.length) {
    let nl = raw.indexOf(0x0a, start);
    if (nl < 0) nl = raw.length;
    let length = nl - start;
    if (length > 0 && raw[nl - 1] === 0x0d) length--;
    if (length > longestLine) longestLine = length;
    if (length > 998) longLines++;
    start = nl + 1;
  }
  return { longestLine, longLines };
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

const EMPTY_MIME: MimeSummary = {
  parsed: false,
  text: null,
  html: null,
  htmlBytes: 0,
  hasTextPart: false,
  hasHtmlPart: false,
  attachments: [],
  error: null,
};

async function decodeMime(raw: Buffer, scan: HeaderScan): Promise<{ mime: MimeSummary; subject: string | null }> {
  // Over the bound (or with more fields than we keep), mailparser sees our bounded header section only.
  const headerOnly = raw.length > LIMITS.maxMimeParseBytes || scan.fieldCount > scan.fields.length;
  const source = headerOnly ? Buffer.concat([...scan.fields.flatMap((f) => [f.raw, Buffer.from('\r\n')]), Buffer.from('\r\n')]) : raw;
  try {
    const mail = await simpleParser(source, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
    const html = typeof mail.html === 'string' ? mail.html : null;
    const subject = mail.subject ?? null;
    if (headerOnly) return { mime: { ...EMPTY_MIME, error: 'too-large' }, subject };
    return {
      subject,
      mime: {
        parsed: true,
        text: mail.text ?? null,
        html,
        htmlBytes: html ? Buffer.byteLength(html) : 0,
        hasTextPart: typeof mail.text === 'string' && mail.text.length > 0,
        hasHtmlPart: html !== null,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename ?? null,
          contentType: a.contentType,
          size: a.size,
        })),
        error: null,
      },
    };
  } catch (err) {
    return { mime: { ...EMPTY_MIME, error: err instanceof Error ? err.message : String(err) }, subject: null };
  }
}

const first = (fields: HeaderField[], key: string) => fields.find((f) => f.key === key);

/**
 * Parses raw message bytes. Throws NotAMessageError when the input has no header fields at all
 * (binary junk, a file that is not a message).
 */
export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  if (raw.length > LIMITS.maxMessageBytes) throw new NotAMessageError(`message larger than ${LIMITS.maxMessageBytes} bytes`);
  const scan = scanHeaders(raw);
  if (scan.fields.length === 0) throw new NotAMessageError('no header fields: this is not an email message');
  const { longestLine, longLines } = measureLines(raw);
  const { mime, subject } = await decodeMime(raw, scan);
  const fromFields = scan.fields.filter((f) => f.key === 'from');
  const sender = first(scan.fields, 'sender');
  const replyTo = first(scan.fields, 'reply-to');
  const subjectField = first(scan.fields, 'subject');
  return {
    raw,
    size: raw.length,
    headers: scan.fields,
    headerFieldCount: scan.fieldCount,
    headerBytes: scan.headerBytes,
    bodyOffset: scan.bodyOffset,
    longestLine,
    longLines,
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
