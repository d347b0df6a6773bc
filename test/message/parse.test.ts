import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { MAX_MIME_DEPTH, MAX_MIME_PARTS, scanMimeStructure } from '../../src/message/mime-structure.js';
import {
  NotAMessageError,
  measureLines,
  parseMessage,
  scanHeaders,
  toCrlf,
} from '../../src/message/parse.js';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));

/** Deterministic junk bytes (xorshift32), so a failure can be replayed. */
function junk(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

describe('scanHeaders', () => {
  it('splits fields, unfolds continuation lines and finds the body', () => {
    const raw = crlf(['Subject: one', '  two', 'From: a@example.com', '', 'body']);
    const scan = scanHeaders(raw);
    expect(scan.fields.map((f) => [f.key, f.value])).toEqual([
      ['subject', 'one  two'],
      ['from', 'a@example.com'],
    ]);
    expect(raw.subarray(scan.bodyOffset).toString()).toBe('body');
    expect(scan.fields[0]!.raw.toString()).toBe('Subject: one\r\n  two');
  });

  const cases: Array<[string, Buffer, Record<string, unknown>]> = [
    ['LF line ends', Buffer.from('A: 1\nB: 2\n\nbody'), { fieldCount: 2, bodyOffset: 11 }],
    ['obsolete space before the colon', Buffer.from('Subject : hi\r\n\r\n'), { fieldCount: 1 }],
    [
      'an mbox separator line',
      Buffer.from('From a@b Mon Jan  1 00:00:00 2024\nA: 1\n\n'),
      { fieldCount: 1, startsWithField: true },
    ],
    [
      'From with a space before the colon is a field, not an mbox line',
      Buffer.from('From : a@example.com\r\n\r\n'),
      { fieldCount: 1, startsWithField: true },
    ],
    ['a UTF-8 byte order mark', Buffer.from('\ufeffA: 1\r\n\r\n'), { fieldCount: 1, startsWithField: true }],
    [
      'a junk line first',
      Buffer.from('hello world\r\nA: 1\r\n\r\n'),
      { fieldCount: 1, malformed: 1, startsWithField: false },
    ],
    [
      'a continuation line first',
      Buffer.from(' x\r\nA: 1\r\n\r\n'),
      { fieldCount: 1, startsWithField: false },
    ],
    ['no blank line', Buffer.from('A: 1\r\nB: 2'), { fieldCount: 2, bodyOffset: 10, truncated: false }],
    [
      'a field name with a space',
      Buffer.from('Bad Name: 1\r\nA: 1\r\n\r\n'),
      { fieldCount: 1, malformed: 1 },
    ],
  ];
  it.each(cases)('%s', (_name, raw, expected) => {
    expect(scanHeaders(raw)).toMatchObject(expected);
  });

  it('keys a field written with space before the colon by its name', () => {
    expect(scanHeaders(Buffer.from('Subject : hi\r\n\r\n')).fields[0]).toMatchObject({
      name: 'Subject',
      key: 'subject',
      value: 'hi',
    });
  });

  it('marks fields with 8-bit bytes, including in continuation lines', () => {
    const raw = Buffer.concat([
      Buffer.from('A: plain\r\nB: x\r\n '),
      Buffer.from([0xe9]),
      Buffer.from('\r\n\r\n'),
    ]);
    expect(scanHeaders(raw).fields.map((f) => f.eightBit)).toEqual([false, true]);
  });

  it('keeps LIMITS.maxHeaderFields fields and counts the rest', () => {
    const raw = Buffer.from(`${'X-A: 1\r\n'.repeat(LIMITS.maxHeaderFields + 5)}\r\nbody`);
    const scan = scanHeaders(raw);
    expect(scan.fields).toHaveLength(LIMITS.maxHeaderFields);
    expect(scan.fieldCount).toBe(LIMITS.maxHeaderFields + 5);
    expect(scan.truncated).toBe(false);
  });

  it('stops at LIMITS.maxHeaderBytes and says so', () => {
    const line = 'X-Filler: 0123456789012345678901234567890123456789\r\n';
    const raw = Buffer.from(line.repeat(Math.ceil((LIMITS.maxHeaderBytes * 1.5) / line.length)) + '\r\nbody');
    const scan = scanHeaders(raw);
    expect(scan.truncated).toBe(true);
    expect(scan.headerBytes).toBeLessThanOrEqual(LIMITS.maxHeaderBytes + line.length);
    expect(scan.bodyOffset).toBe(raw.length);
  });
});

describe('toCrlf', () => {
  const cases: Array<[string, string]> = [
    ['a\nb\n', 'a\r\nb\r\n'],
    ['a\r\nb\r\n', 'a\r\nb\r\n'],
    ['\n\n', '\r\n\r\n'],
    ['a\r\n\nb', 'a\r\n\r\nb'],
    ['a\rb\r\r\n', 'a\rb\r\r\n'],
    ['', ''],
  ];
  it.each(cases)('%j → %j', (input, output) => {
    expect(toCrlf(Buffer.from(input)).toString()).toBe(output);
  });

  it('returns the same buffer when nothing changes', () => {
    const input = Buffer.from('a\r\nb');
    expect(toCrlf(input)).toBe(input);
  });
});

describe('measureLines', () => {
  const cases: Array<[string, string, { longestLine: number; longLines: number; firstLongLine: unknown }]> = [
    ['short lines', 'a\r\nbb\r\n', { longestLine: 2, longLines: 0, firstLongLine: null }],
    [
      '998 octets is allowed',
      `${'x'.repeat(998)}\r\n`,
      { longestLine: 998, longLines: 0, firstLongLine: null },
    ],
    [
      '999 octets is not',
      `a\r\n${'x'.repeat(999)}\r\n`,
      { longestLine: 999, longLines: 1, firstLongLine: { line: 2, length: 999, offset: 3 } },
    ],
    [
      'LF endings, no final newline',
      `a\n${'x'.repeat(1000)}\n${'y'.repeat(2000)}`,
      { longestLine: 2000, longLines: 2, firstLongLine: { line: 2, length: 1000, offset: 2 } },
    ],
    [
      'a bare CR counts as a byte',
      `${'x'.repeat(998)}\r\r\n`,
      { longestLine: 999, longLines: 1, firstLongLine: { line: 1, length: 999, offset: 0 } },
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(measureLines(Buffer.from(text))).toEqual(expected);
  });
});

describe('scanMimeStructure', () => {
  const head = (contentType: string, extra = '') => `Content-Type: ${contentType}\r\n${extra}\r\n`;
  const part = (boundary: string, contentType: string, body: string, extra = '') =>
    `--${boundary}\r\nContent-Type: ${contentType}\r\n${extra}\r\n${body}\r\n`;

  const good =
    head('multipart/mixed; boundary="outer"') +
    'preamble\r\n' +
    `--outer\r\n${head('multipart/alternative; boundary=inner')}` +
    part('inner', 'text/plain', 'hi') +
    part('inner', 'text/html', '<p>hi</p>') +
    '--inner--\r\n' +
    part('outer', 'application/pdf', 'JVBERi0xLjQK', 'Content-Transfer-Encoding: base64\r\n') +
    '--outer--  \r\nepilogue\r\n';

  const cases: Array<[string, string, Record<string, unknown>]> = [
    [
      'a well-formed tree',
      good,
      {
        parts: 4,
        depth: 2,
        noBoundary: [],
        boundaryNeverSeen: [],
        unterminated: [],
        badBase64: [],
        leafTypes: ['text/plain', 'text/html', 'application/pdf'],
      },
    ],
    ['a single part', `${head('text/plain')}hello\r\n`, { parts: 0, depth: 0, leafTypes: ['text/plain'] }],
    ['no Content-Type at all', 'Subject: x\r\n\r\nhello\r\n', { leafTypes: ['text/plain'] }],
    [
      'a multipart without boundary',
      `${head('multipart/mixed')}--x\r\n\r\nhi\r\n--x--\r\n`,
      { noBoundary: ['multipart/mixed'], parts: 0 },
    ],
    [
      'a boundary that never appears',
      `${head('multipart/mixed; boundary=b')}text only\r\n`,
      { boundaryNeverSeen: ['multipart/mixed; boundary="b"'] },
    ],
    [
      'no close delimiter',
      `${head('multipart/mixed; boundary=b')}${part('b', 'text/plain', 'hi')}`,
      { unterminated: ['multipart/mixed; boundary="b"'], parts: 1 },
    ],
    [
      'an inner multipart closed by the outer close',
      `${head('multipart/mixed; boundary=o')}--o\r\n${head('multipart/alternative; boundary=i')}${part('i', 'text/plain', 'x')}--o--\r\n`,
      { unterminated: ['1 multipart/alternative; boundary="i"'], boundaryNeverSeen: [] },
    ],
    [
      'a longer line is not a delimiter',
      `${head('multipart/mixed; boundary=b')}--bx\r\n--b-\r\n`,
      { boundaryNeverSeen: ['multipart/mixed; boundary="b"'] },
    ],
    [
      'a quoted boundary with spaces',
      `${head('multipart/mixed; boundary="a b"')}${part('a b', 'text/plain', 'x')}--a b--\r\n`,
      { parts: 1, unterminated: [], boundaryNeverSeen: [] },
    ],
    [
      'a folded Content-Type',
      `Content-Type: multipart/mixed;\r\n\tboundary="f"\r\n\r\n${part('f', 'text/plain', 'x')}--f--\r\n`,
      { parts: 1, noBoundary: [] },
    ],
    [
      'base64 with junk',
      `${head('multipart/mixed; boundary=b')}${part('b', 'image/png', 'iVBO*RK', 'Content-Transfer-Encoding: base64\r\n')}--b--\r\n`,
      { badBase64: ['1 image/png'] },
    ],
    [
      'base64 cut short',
      `${head('text/plain', 'Content-Transfer-Encoding: BASE64\r\n')}SGVsbG8\r\n`,
      { badBase64: ['text/plain'] },
    ],
    [
      'base64 over several lines',
      `${head('text/plain', 'Content-Transfer-Encoding: base64\r\n')}SGVs\r\nbG8g\r\nd29y\r\nbGQ=\r\n`,
      { badBase64: [] },
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(scanMimeStructure(Buffer.from(text))).toMatchObject(expected);
  });

  it(`stops following multiparts nested deeper than ${MAX_MIME_DEPTH}`, () => {
    let text = head('multipart/mixed; boundary=n0');
    for (let i = 1; i < 200; i++) text += `--n${i - 1}\r\n${head(`multipart/mixed; boundary=n${i}`)}`;
    text += `--n199\r\n${head('text/plain')}deep\r\n`;
    for (let i = 199; i >= 0; i--) text += `--n${i}--\r\n`;
    const result = scanMimeStructure(Buffer.from(text));
    expect(result).toMatchObject({
      tooDeep: true,
      depth: MAX_MIME_DEPTH,
      unterminated: [],
      boundaryNeverSeen: [],
    });
  });

  it(`stops after ${MAX_MIME_PARTS} parts`, () => {
    const text =
      head('multipart/mixed; boundary=b') + part('b', 'text/plain', 'x').repeat(MAX_MIME_PARTS + 50);
    const result = scanMimeStructure(Buffer.from(text));
    expect(result.truncated).toBe(true);
    expect(result.parts).toBe(MAX_MIME_PARTS + 1);
    expect(result.unterminated).toEqual([]);
  });

  it('keeps every problem list bounded', () => {
    const text =
      head('multipart/mixed; boundary=b') +
      Array.from({ length: 100 }, (_, i) =>
        part('b', `image/x${i}`, '*', 'Content-Transfer-Encoding: base64\r\n'),
      ).join('') +
      '--b--\r\n';
    expect(scanMimeStructure(Buffer.from(text)).badBase64).toHaveLength(10);
  });
});

describe('parseMessage', () => {
  const notMessages: Array<[string, Buffer]> = [
    ['random bytes', junk(256 * 1024, 1)],
    ['random bytes (another seed)', junk(4096, 7)],
    [
      'a PNG file',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), junk(1024, 3)]),
    ],
    ['a text file', Buffer.from('Shopping list\nmilk: 2\neggs\n')],
    ['an empty header section', Buffer.from('\r\n\r\nbody only\r\n')],
    ['a single newline', Buffer.from('\n')],
    ['NUL bytes', Buffer.alloc(1024)],
  ];
  it.each(notMessages)('%s → NotAMessageError', async (_name, raw) => {
    await expect(parseMessage(raw)).rejects.toBeInstanceOf(NotAMessageError);
  });

  it('reads a message whose body is binary junk', async () => {
    const message = await parseMessage(
      Buffer.concat([Buffer.from('From: a@example.com\r\nSubject: x\r\n\r\n'), junk(64 * 1024, 5)]),
    );
    expect(message.from[0]?.address).toBe('a@example.com');
    expect(message.subject).toBe('x');
  });

  it('decodes text, HTML and attachments', async () => {
    const raw = crlf([
      'From: "Ex" <a@example.com>',
      'Subject: =?UTF-8?B?5L6L?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary=m',
      '',
      '--m',
      'Content-Type: multipart/alternative; boundary=a',
      '',
      '--a',
      'Content-Type: text/plain',
      '',
      'plain',
      '--a',
      'Content-Type: text/html',
      '',
      '<p>héllo</p>',
      '--a--',
      '--m',
      'Content-Type: application/pdf; name=x.pdf',
      'Content-Disposition: attachment; filename=x.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQK',
      '--m--',
      '',
    ]);
    const { mime, subject } = await parseMessage(raw);
    expect(subject).toBe('例');
    expect(mime).toMatchObject({
      parsed: true,
      hasTextPart: true,
      hasHtmlPart: true,
      htmlBytes: Buffer.byteLength('<p>héllo</p>'),
      error: null,
    });
    expect(mime.attachments).toEqual([{ filename: 'x.pdf', contentType: 'application/pdf', size: 9 }]);
  });

  it('does not count a blank text part as a text alternative', async () => {
    const raw = crlf([
      'From: a@example.com',
      'Content-Type: multipart/alternative; boundary=a',
      '',
      '--a',
      'Content-Type: text/plain',
      '',
      '  ',
      '--a',
      'Content-Type: text/html',
      '',
      '<p>x</p>',
      '--a--',
      '',
    ]);
    expect((await parseMessage(raw)).mime).toMatchObject({ hasTextPart: false, hasHtmlPart: true });
  });

  it('gives the checks CRLF line ends and keeps the size as received', async () => {
    const input = Buffer.from('From: a@example.com\nSubject: x\n\nline one\nline two\n');
    const message = await parseMessage(input);
    expect(message.raw.toString()).toBe('From: a@example.com\r\nSubject: x\r\n\r\nline one\r\nline two\r\n');
    expect(message.size).toBe(input.length);
    expect(message.raw.subarray(message.bodyOffset).toString()).toBe('line one\r\nline two\r\n');
  });

  it('decodes only the header section above LIMITS.maxMimeParseBytes', async () => {
    const body = Buffer.alloc(LIMITS.maxMimeParseBytes + 1024, 'a\r\n');
    const raw = Buffer.concat([
      Buffer.from('From: a@example.com\r\nSubject: =?UTF-8?Q?caf=C3=A9?=\r\nContent-Type: text/html\r\n\r\n'),
      body,
    ]);
    const message = await parseMessage(raw);
    expect(message.mime).toMatchObject({ parsed: false, error: 'too-large', hasHtmlPart: false });
    expect(message.subject).toBe('café');
    expect(message.size).toBe(raw.length);
  });

  it('cuts a header line that runs past LIMITS.maxHeaderBytes and still reads the message', async () => {
    const raw = Buffer.from(
      `From: a@example.com\r\nSubject: ${'a'.repeat(LIMITS.maxHeaderBytes * 2)}\r\n\r\nbody\r\n`,
    );
    const message = await parseMessage(raw);
    expect(message.headerTruncated).toBe(true);
    expect(message.headers.map((f) => f.key)).toEqual(['from', 'subject']);
    expect(message.headers[1]!.raw.length).toBeLessThan(LIMITS.maxHeaderBytes);
    // mailparser, given only the bounded header section, fails on its own size limit: still "too large".
    expect(message.mime.error).toBe('too-large');
  });

  it('reports the first long line and the truncated header section', async () => {
    const raw = Buffer.from(
      `From: a@example.com\r\n${'X-Pad: y\r\n'.repeat(120_000)}\r\n${'z'.repeat(1_500)}\r\n`,
    );
    const message = await parseMessage(raw);
    expect(message.headerTruncated).toBe(true);
    expect(message.headers).toHaveLength(LIMITS.maxHeaderFields);
    expect(message.headerFieldCount).toBeGreaterThan(LIMITS.maxHeaderFields);
    expect(message.firstLongLine).toMatchObject({ line: 120_003, length: 1_500 });
    expect(message.mime.error).toBe('too-large');
  });
});
