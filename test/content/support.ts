/** Messages for the content tests: parts with real charset bytes and transfer encodings. */
import iconv from 'iconv-lite';
import type { CheckContext } from '../../src/checks/types.js';
import { extractContent } from '../../src/content/extract.js';
import type { ContentModel } from '../../src/content/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { parseMessage } from '../../src/message/parse.js';

export interface Part {
  type: string;
  /** Already-encoded body bytes (see encode), or text written as UTF-8. */
  body: Buffer | string;
  charset?: string;
  encoding?: '7bit' | '8bit' | 'base64' | 'quoted-printable';
  filename?: string;
  disposition?: 'inline' | 'attachment';
  contentId?: string;
  /** Extra header lines for the part. */
  headers?: string[];
}

/**
 * ISO-2022-JP from real bytes: iconv-lite has no ISO-2022-JP encoder, but for JIS X 0208 characters the
 * EUC-JP bytes are the JIS bytes with the high bit set, so ESC $ B + (EUC-JP & 0x7f) + ESC ( B is exact.
 */
export function iso2022jp(text: string): Buffer {
  const out: Buffer[] = [];
  for (const run of text.match(/[\x00-\x7f]+|[^\x00-\x7f]+/g) ?? []) {
    if (/^[\x00-\x7f]/.test(run)) out.push(Buffer.from(run, 'ascii'));
    else {
      const euc = iconv.encode(run, 'EUC-JP');
      out.push(
        Buffer.from([0x1b, 0x24, 0x42]),
        Buffer.from(euc.map((b) => b & 0x7f)),
        Buffer.from([0x1b, 0x28, 0x42]),
      );
    }
  }
  return Buffer.concat(out);
}

/** Quoted-printable of raw bytes (every non-printable byte escaped, soft breaks under 76 characters). */
export function quotedPrintable(bytes: Buffer): string {
  let line = '';
  const lines: string[] = [];
  for (const b of bytes) {
    const token =
      b === 0x0a
        ? '\n'
        : (b >= 0x21 && b <= 0x7e && b !== 0x3d) || b === 0x20
          ? String.fromCharCode(b)
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (token === '\n') {
      lines.push(line);
      line = '';
      continue;
    }
    if (line.length + token.length > 73) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  }
  lines.push(line);
  return lines.join('\r\n');
}

function partHeader(part: Part): string[] {
  const params = [
    part.charset ? `; charset=${part.charset}` : '',
    part.filename ? `; name="${part.filename}"` : '',
  ].join('');
  const lines = [`Content-Type: ${part.type}${params}`];
  if (part.encoding) lines.push(`Content-Transfer-Encoding: ${part.encoding}`);
  if (part.disposition)
    lines.push(
      `Content-Disposition: ${part.disposition}${part.filename ? `; filename="${part.filename}"` : ''}`,
    );
  if (part.contentId) lines.push(`Content-ID: <${part.contentId}>`);
  return [...lines, ...(part.headers ?? [])];
}

function partBody(part: Part): Buffer {
  const bytes = typeof part.body === 'string' ? Buffer.from(part.body, 'utf8') : part.body;
  if (part.encoding === 'base64')
    return Buffer.from((bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n'));
  if (part.encoding === 'quoted-printable') return Buffer.from(quotedPrintable(bytes), 'latin1');
  return bytes;
}

const HEADER = (subject: string) =>
  [
    'From: Example News <news@example.com>',
    'To: user@example.net',
    `Subject: ${subject}`,
    'Date: Tue, 01 Jul 2025 09:00:00 +0900',
    'Message-ID: <20250701.abc123@example.com>',
    'MIME-Version: 1.0',
  ].join('\r\n');

/** A message of one part, or a multipart (mixed by default) of several. */
export function message(
  parts: Part | Part[],
  options: { subject?: string; multipart?: string } = {},
): Buffer {
  const subject = options.subject ?? 'July newsletter';
  if (!Array.isArray(parts)) {
    return Buffer.concat([
      Buffer.from(`${HEADER(subject)}\r\n${partHeader(parts).join('\r\n')}\r\n\r\n`),
      partBody(parts),
      Buffer.from('\r\n'),
    ]);
  }
  const boundary = '=_boundary_42';
  const chunks: Buffer[] = [
    Buffer.from(
      `${HEADER(subject)}\r\nContent-Type: ${options.multipart ?? 'multipart/mixed'}; boundary="${boundary}"\r\n\r\n`,
    ),
  ];
  for (const part of parts) {
    chunks.push(
      Buffer.from(`--${boundary}\r\n${partHeader(part).join('\r\n')}\r\n\r\n`),
      partBody(part),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Text and HTML as multipart/alternative. */
export const alternative = (text: string, html: string, subject?: string): Buffer =>
  message(
    [
      { type: 'text/plain', charset: 'utf-8', encoding: '8bit', body: text },
      { type: 'text/html', charset: 'utf-8', encoding: '8bit', body: html },
    ],
    { multipart: 'multipart/alternative', subject },
  );

/** The content model and a check context for a raw message (no DNS is asked: the resolver is never used). */
export async function contentOf(raw: Buffer): Promise<{ ctx: CheckContext; content: ContentModel }> {
  const parsed = await parseMessage(raw);
  const ctx: CheckContext = {
    message: parsed,
    envelope: { clientIp: '192.0.2.1', helo: null, mailFrom: null, rcptTo: [], tls: null },
    dns: new DnsSession(
      new DnsResolver({ servers: [{ host: '127.0.0.1', port: 9 }], timeoutMs: 10, retries: 0 }),
    ),
    now: new Date('2025-07-01T00:30:00Z'),
  };
  return { ctx, content: await extractContent(parsed) };
}
