import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkFormat,
  formatRfc5322Date,
  isValidAddress,
  isValidMessageId,
  parseRfc5322Date,
} from '../../src/checks/format.js';
import { NO_DMARC } from '../../src/checks/dmarc.js';
import type { CheckContext, Finding } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { parseMessage } from '../../src/message/parse.js';
import type { AuthResult, DmarcAuth } from '../../src/report/types.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

/** 2025-07-01 is a Tuesday. */
const NOW = new Date('2025-07-01T00:30:00Z');

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: {} });
});
afterAll(() => dns.stop());

type Fields = Record<string, string | string[] | null>;

const BASE: Fields = {
  From: 'Example News <news@example.com>',
  To: 'user@example.net',
  Subject: 'July newsletter',
  Date: 'Tue, 01 Jul 2025 09:00:00 +0900',
  'Message-ID': '<20250701.abc123@example.com>',
  'MIME-Version': '1.0',
  'Content-Type': 'text/plain; charset=utf-8',
};

/** A message from BASE with fields replaced (a list repeats a field, null removes it). */
function build(overrides: Fields = {}, body = 'Hello.\r\n', extraHeader = ''): Buffer {
  const fields = { ...BASE, ...overrides };
  const lines: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${v}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n${extraHeader}\r\n${body}`);
}

const dmarcOf = (result: AuthResult, domain = 'example.com'): DmarcAuth => ({ ...NO_DMARC, result, domain });

async function run(raw: Buffer, dmarc: AuthResult = 'pass'): Promise<Finding[]> {
  const message = await parseMessage(raw);
  const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 500, retries: 0 });
  const session = new DnsSession(resolver, 2_000);
  const ctx: CheckContext = {
    message,
    envelope: {
      clientIp: '192.0.2.10',
      helo: 'mail.example.com',
      mailFrom: 'bounce@example.com',
      rcptTo: [],
      tls: null,
    },
    dns: session,
    now: NOW,
  };
  try {
    return checkFormat(ctx, dmarcOf(dmarc, message.from[0]?.domain ?? '')).findings;
  } finally {
    session.close();
  }
}

/** A short test name for a long hostile value. */
const label = (value: string) =>
  value.length > 60 ? `${value.slice(0, 40)}… (${value.length} chars)` : value;

const ids = (findings: Finding[]) => findings.map((f) => f.id);
const find = (findings: Finding[], id: string) => findings.find((f) => f.id === id);

const alternative = (text: string, html: string) => ({
  fields: { 'Content-Type': 'multipart/alternative; boundary="alt"' },
  body: `--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n--alt--\r\n`,
});

describe('checkFormat: one finding per fault, with the values the words need', () => {
  const nested = (depth: number) => {
    let body = '';
    for (let i = 1; i < depth; i++)
      body += `--n${i - 1}\r\nContent-Type: multipart/mixed; boundary="n${i}"\r\n\r\n`;
    body += `--n${depth - 1}\r\nContent-Type: text/plain\r\n\r\ndeep\r\n`;
    for (let i = depth - 1; i >= 0; i--) body += `--n${i}--\r\n`;
    return body;
  };
  const big = alternative(
    'Plain text.',
    `<html><body>${'<p>Lorem ipsum dolor sit amet.</p>\r\n'.repeat(3_200)}</body></html>`,
  );
  const ok = alternative('Plain text.', '<p>Hello</p>');

  const cases: Array<[string, Buffer, string, Record<string, unknown>?]> = [
    // From
    [
      'no From field',
      build({ From: null }),
      'format.from-invalid',
      { problem: 'missing', value: null, count: 0 },
    ],
    [
      'From without an address',
      build({ From: 'Example News' }),
      'format.from-invalid',
      { problem: 'no-address', addresses: [] },
    ],
    [
      'From with two addresses',
      build({ From: 'a@example.com, b@example.com' }),
      'format.from-invalid',
      { problem: 'multiple', count: 2 },
    ],
    [
      'From with a single-label domain',
      build({ From: 'root@localhost' }),
      'format.from-invalid',
      { problem: 'invalid', addresses: ['root@localhost'] },
    ],
    [
      'From with an address literal',
      build({ From: '<user@[192.0.2.1]>' }),
      'format.from-invalid',
      { problem: 'invalid' },
    ],
    ['From with two @', build({ From: 'a@b.example@example.com' }), 'format.from-invalid'],
    ['From with a bad local part', build({ From: 'john..smith@example.com' }), 'format.from-invalid'],
    [
      'From group without mailboxes',
      build({ From: 'undisclosed-recipients:;' }),
      'format.from-invalid',
      { problem: 'no-address', count: 0 },
    ],
    [
      'two From fields',
      build({ From: ['a@example.com', 'b@example.com'] }),
      'format.from-repeated',
      { count: 2, values: ['a@example.com', 'b@example.com'] },
    ],
    // Date
    ['no Date', build({ Date: null }), 'format.no-date', { example: 'Tue, 01 Jul 2025 00:30:00 +0000' }],
    [
      'ISO date',
      build({ Date: '2025-07-01T09:00:00+09:00' }),
      'format.bad-date',
      { problem: 'syntax', value: '2025-07-01T09:00:00+09:00', weekday: null },
    ],
    [
      'wrong weekday',
      build({ Date: 'Mon, 01 Jul 2025 09:00:00 +0900' }),
      'format.bad-date',
      { problem: 'weekday', weekday: 'Tue', example: 'Tue, 01 Jul 2025 00:00:00 +0000' },
    ],
    [
      'named zone that RFC 5322 does not know',
      build({ Date: 'Tue, 01 Jul 2025 09:00:00 JST' }),
      'format.bad-date',
    ],
    ['no zone', build({ Date: 'Tue, 01 Jul 2025 09:00:00' }), 'format.bad-date'],
    ['31 February', build({ Date: '31 Feb 2025 09:00:00 +0900' }), 'format.bad-date', { problem: 'syntax' }],
    ['hour 24', build({ Date: 'Tue, 01 Jul 2025 24:00:00 +0900' }), 'format.bad-date'],
    ['empty Date', build({ Date: '' }), 'format.bad-date'],
    [
      'two hours ahead',
      build({ Date: 'Tue, 01 Jul 2025 11:30:00 +0900' }),
      'format.date-future',
      { hours: 2, parsed: '2025-07-01T02:30:00.000Z', now: '2025-07-01T00:30:00.000Z' },
    ],
    [
      'zone sign reversed (9 h ahead)',
      build({ Date: 'Tue, 01 Jul 2025 09:00:00 -0000' }),
      'format.date-future',
      { hours: 8.5 },
    ],
    ['two years old', build({ Date: 'Sat, 01 Jul 2023 09:00:00 +0900' }), 'format.date-old', { days: 731 }],
    ['1970', build({ Date: 'Thu, 01 Jan 1970 00:00:00 +0000' }), 'format.date-old'],
    // Message-ID
    ['no Message-ID', build({ 'Message-ID': null }), 'format.no-message-id', { domain: 'example.com' }],
    [
      'Message-ID without brackets',
      build({ 'Message-ID': 'abc@example.com' }),
      'format.bad-message-id',
      { value: 'abc@example.com' },
    ],
    ['Message-ID without @', build({ 'Message-ID': '<abc123>' }), 'format.bad-message-id'],
    ['Message-ID with a space', build({ 'Message-ID': '<abc 123@example.com>' }), 'format.bad-message-id'],
    [
      'two Message-IDs in one field',
      build({ 'Message-ID': '<a@example.com> <b@example.com>' }),
      'format.bad-message-id',
    ],
    // Subject, MIME-Version
    ['no Subject', build({ Subject: null }), 'format.no-subject', { present: false }],
    ['empty Subject', build({ Subject: '   ' }), 'format.no-subject', { present: true }],
    [
      'Content-Type without MIME-Version',
      build({ 'MIME-Version': null }),
      'format.no-mime-version',
      { field: 'Content-Type' },
    ],
    [
      'Content-Transfer-Encoding without MIME-Version',
      build({ 'MIME-Version': null, 'Content-Type': null }, 'Hi\r\n', 'Content-Transfer-Encoding: 7bit\r\n'),
      'format.no-mime-version',
      { field: 'Content-Transfer-Encoding' },
    ],
    // Repeated single-instance fields
    [
      'Subject and Date twice',
      build({ Subject: ['a', 'b'], Date: [BASE.Date as string, BASE.Date as string] }),
      'format.repeated-header',
      { fields: ['Date ×2', 'Subject ×2'], names: ['Date', 'Subject'] },
    ],
    [
      'To three times',
      build({ To: ['a@example.net', 'b@example.net', 'c@example.net'] }),
      'format.repeated-header',
      { fields: ['To ×3'] },
    ],
    [
      'Message-ID twice, any case',
      build({ 'Message-ID': '<a@example.com>' }, 'Hi\r\n', 'message-id: <b@example.com>\r\n'),
      'format.repeated-header',
      { names: ['Message-ID'] },
    ],
    // 8-bit header bytes
    [
      'raw UTF-8 Subject',
      build({ Subject: '7月のお知らせ' }),
      'format.eight-bit-header',
      { fields: ['Subject'], count: 1 },
    ],
    [
      'raw Latin-1 display name',
      Buffer.concat([
        Buffer.from('From: Jos'),
        Buffer.from([0xe9]),
        Buffer.from(' <jose@example.com>\r\n'),
        build({ From: null }),
      ]),
      'format.eight-bit-header',
      { fields: ['From'] },
    ],
    // Lines
    [
      'a 1200-octet body line',
      build({}, `line one\r\n${'x'.repeat(1_200)}\r\n`),
      'format.long-line',
      { count: 1, line: 10, length: 1_200, longest: 1_200, inHeader: false },
    ],
    [
      'a 999-octet header line',
      build({ Subject: 's'.repeat(990) }),
      'format.long-line',
      { line: 3, length: 999, inHeader: true },
    ],
    // Body
    [
      'HTML only',
      build({ 'Content-Type': 'text/html; charset=utf-8' }, '<p>Hello</p>\r\n'),
      'format.html-only',
    ],
    [
      'HTML with an empty text part',
      build(alternative('', '<p>Hi</p>').fields, alternative('', '<p>Hi</p>').body),
      'format.html-only',
    ],
    ['HTML over 102 KB', build(big.fields, big.body), 'format.html-clipped', { limitKb: 102 }],
    [
      '11 MB message',
      build({}, `${'a'.repeat(76)}\r\n`.repeat(145_000)),
      'format.large',
      { sizeMb: 10.8, limitMb: 25, decoded: true },
    ],
    [
      '2001 Received fields',
      build({}, 'Hi\r\n', 'Received: from a by b; Tue, 01 Jul 2025 09:00:00 +0900\r\n'.repeat(2_001)),
      'format.too-many-headers',
      { limit: 2_000 },
    ],
    // Broken MIME
    [
      'multipart without boundary',
      build({ 'Content-Type': 'multipart/mixed' }, '--x\r\n\r\nhi\r\n--x--\r\n'),
      'format.mime-broken',
      { noBoundary: ['multipart/mixed'] },
    ],
    [
      'boundary that never appears',
      build({ 'Content-Type': 'multipart/mixed; boundary="zz"' }, 'just text\r\n'),
      'format.mime-broken',
      { boundaryNeverSeen: ['multipart/mixed; boundary="zz"'] },
    ],
    [
      'multipart never closed',
      build(
        { 'Content-Type': 'multipart/mixed; boundary=zz' },
        '--zz\r\nContent-Type: text/plain\r\n\r\nhi\r\n',
      ),
      'format.mime-broken',
      { unterminated: ['multipart/mixed; boundary="zz"'], error: null },
    ],
    [
      'bad base64',
      build(
        { 'Content-Type': 'multipart/mixed; boundary=zz' },
        '--zz\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0x*&^%\r\n--zz--\r\n',
      ),
      'format.mime-broken',
      { badBase64: ['1 application/pdf'] },
    ],
    [
      'truncated base64',
      build({ 'Content-Transfer-Encoding': 'base64' }, 'SGVsbG8gd29ybGQ\r\n'),
      'format.mime-broken',
      { badBase64: ['text/plain'] },
    ],
    [
      'nesting 60 deep',
      build({ 'Content-Type': 'multipart/mixed; boundary="n0"' }, nested(60)),
      'format.mime-broken',
      { depth: '50+', maxDepth: 50 },
    ],
    [
      'nesting 1000 deep (the decoder gives up)',
      build({ 'Content-Type': 'multipart/mixed; boundary="n0"' }, nested(1_000)),
      'format.mime-broken',
      { error: 'Max allowed child nodes exceeded' },
    ],
    // Sanity: the good variants do not produce the finding
    ['text and HTML alternative', build(ok.fields, ok.body), 'format.pass'],
  ];

  const named = cases.map(([name, raw, id, params]) => ({ name, raw, id, params }));

  it.each(named)('$name → $id', async ({ raw, id, params }) => {
    const findings = await run(raw);
    const finding = find(findings, id);
    expect(finding, `findings: ${ids(findings).join(', ')}`).toBeDefined();
    if (params) expect(finding!.params).toMatchObject(params);
  });

  it.each(named)('$name: the words fill every placeholder in en and ja', async ({ raw }) => {
    for (const finding of await run(raw)) {
      for (const lang of ['en', 'ja'] as const) {
        const text = checkText(finding, lang);
        expect(`${text.title} ${text.detail} ${text.fix ?? ''}`).not.toMatch(/\{[a-zA-Z]+\}|TODO/);
      }
    }
  });
});

describe('checkFormat: well-formed messages pass', () => {
  const good: Array<[string, Buffer]> = [
    ['the base message', build()],
    ['obsolete date forms (2-digit year, GMT, no seconds)', build({ Date: '1 Jul 25 00:00 GMT' })],
    ['a trailing zone comment', build({ Date: 'Tue, 1 Jul 2025 09:00:00 +0900 (JST)' })],
    ['lower-case day and month names', build({ Date: 'tue, 01 jul 2025 09:00:00 +0900' })],
    ['10 minutes ahead (clock skew)', build({ Date: 'Tue, 01 Jul 2025 09:40:00 +0900' })],
    ['eleven months old', build({ Date: 'Thu, 01 Aug 2024 09:00:00 +0900' })],
    ['quoted local part', build({ From: '"John Smith"@example.com' })],
    ['IDN domain in A-labels', build({ From: 'user@xn--r8jz45g.jp' })],
    ['RFC 2047 display name', build({ From: '=?UTF-8?B?5L6L?= <news@example.com>' })],
    ['Message-ID with a domain literal', build({ 'Message-ID': '<abc@[192.0.2.1]>' })],
    ['Message-ID with a quoted left part', build({ 'Message-ID': '<"a b"@example.com>' })],
    [
      'Received and Resent-* may repeat',
      build({
        Received: [
          'from a by b; Tue, 01 Jul 2025 09:00:00 +0900',
          'from c by d; Tue, 01 Jul 2025 09:00:00 +0900',
        ],
      }),
    ],
    ['no MIME at all', build({ 'MIME-Version': null, 'Content-Type': null })],
    ['a 998-octet line', build({}, `${'y'.repeat(998)}\r\n`)],
    ['complete base64', build({ 'Content-Transfer-Encoding': 'base64' }, 'SGVsbG8gd29ybGQ=\r\n')],
    ['From claims gmail.com and DMARC passes', build({ From: 'someone@gmail.com' })],
  ];
  it.each(good)('%s', async (_name, raw) => {
    expect(ids(await run(raw))).toEqual(['format.pass']);
  });

  it('a large message is informational and still passes', async () => {
    const findings = await run(build({}, `${'a'.repeat(76)}\r\n`.repeat(145_000)));
    expect(ids(findings)).toEqual(['format.pass', 'format.large']);
  });
});

describe('checkFormat: free-mail From addresses need DMARC to pass', () => {
  const cases: Array<[string, AuthResult, string | null, Record<string, unknown>?]> = [
    [
      'someone@gmail.com',
      'fail',
      'format.freemail-from',
      { domain: 'gmail.com', provider: 'Gmail', policy: 'quarantine', dmarc: 'fail' },
    ],
    ['someone@googlemail.com', 'none', 'format.freemail-from', { provider: 'Gmail' }],
    ['someone@yahoo.com', 'fail', 'format.freemail-from', { policy: 'reject', provider: 'Yahoo Mail' }],
    ['someone@aol.com', 'permerror', 'format.freemail-from', { policy: 'reject' }],
    ['someone@icloud.com', 'fail', 'format.freemail-from', { policy: 'quarantine', provider: 'iCloud Mail' }],
    ['Someone <SOMEONE@GMAIL.COM>', 'fail', 'format.freemail-from', { domain: 'gmail.com' }],
    ['someone@gmail.com', 'pass', null],
    ['someone@gmail.com', 'temperror', null],
    ['someone@mail.gmail.com', 'fail', null],
    ['someone@example.com', 'fail', null],
    ['someone@outlook.com', 'fail', null],
  ];
  it.each(cases)('%s with DMARC %s → %s', async (from, dmarc, id, params) => {
    const findings = await run(build({ From: from }), dmarc);
    const finding = find(findings, 'format.freemail-from');
    if (!id) return expect(finding).toBeUndefined();
    expect(finding?.params).toMatchObject(params ?? {});
    expect(ids(findings)).not.toContain('format.pass');
  });
});

describe('parseRfc5322Date', () => {
  const cases: Array<[string, string | null]> = [
    ['Tue, 01 Jul 2025 09:00:00 +0900', '2025-07-01T00:00:00.000Z'],
    ['1 Jul 2025 09:00 +0900', '2025-07-01T00:00:00.000Z'],
    ['Tue,1 Jul 2025 09:00:00 +0900', '2025-07-01T00:00:00.000Z'],
    ['Tue, 01 Jul 2025 09:00:00 EDT', '2025-07-01T13:00:00.000Z'],
    ['Tue, 01 Jul 2025 09:00:00 PST', '2025-07-01T17:00:00.000Z'],
    ['Tue, 01 Jul 2025 09:00:00 Z', '2025-07-01T09:00:00.000Z'],
    ['Tue, 01 Jul 2025 09:00:00 +0530', '2025-07-01T03:30:00.000Z'],
    ['01 Jul 99 09:00:00 +0000', '1999-07-01T09:00:00.000Z'],
    ['01 Jul 049 09:00:00 +0000', '1949-07-01T09:00:00.000Z'],
    ['Tue, 01 Jul 2025 09:00:60 +0000', '2025-07-01T09:00:59.000Z'],
    ['Tue, 01 Jul 2025 09:00:00 +0960', null],
    ['Tue, 01 Jul 2025 09:00:00 CEST', null],
    ['Xyz, 01 Jul 2025 09:00:00 +0000', null],
    ['29 Feb 2023 09:00:00 +0000', null],
    ['29 Feb 2024 09:00:00 +0000', '2024-02-29T09:00:00.000Z'],
    ['01 Jul 1899 09:00:00 +0000', null],
    ['Tue, 01 Jul 2025 9:00:00 +0000', null],
    ['now', null],
    [`(${'('.repeat(10_000)}`, null],
    [`Tue, 01 Jul 2025 09:00:00 +0000 ${'(x)'.repeat(100_000)}Z`, null],
  ];
  it.each(cases.map(([value, iso]) => ({ label: label(value), value, iso })))(
    '$label → $iso',
    ({ value, iso }) => {
      const parsed = parseRfc5322Date(value);
      expect(parsed ? new Date(parsed.time).toISOString() : null).toBe(iso);
    },
  );

  it('formats as RFC 5322 and reads its own output back', () => {
    const time = Date.parse('2025-03-09T07:05:03Z');
    expect(formatRfc5322Date(time)).toBe('Sun, 09 Mar 2025 07:05:03 +0000');
    expect(parseRfc5322Date(formatRfc5322Date(time))?.time).toBe(time);
  });
});

describe('address and Message-ID syntax', () => {
  const addresses: Array<[string, boolean]> = [
    ['user@example.com', true],
    ['first.last+tag@mail.example.co.jp', true],
    ['"john smith"@example.com', true],
    ['ユーザー@example.jp', true],
    ['user@例え.jp', true],
    ['user@example', false],
    ['user@-example.com', false],
    ['user@example.123', false],
    ['.user@example.com', false],
    ['user.@example.com', false],
    ['us er@example.com', false],
    ['@example.com', false],
    ['user@', false],
    [`${'a'.repeat(400)}@example.com`, false],
    [`user@${'a'.repeat(64)}.com`, false],
  ];
  it.each(addresses.map(([address, valid]) => ({ label: label(address), address, valid })))(
    'address $label → $valid',
    ({ address, valid }) => expect(isValidAddress(address)).toBe(valid),
  );

  const ids: Array<[string, boolean]> = [
    ['<a.b@example.com>', true],
    [' <a@example.com> ', true],
    ['<a@b>', true],
    ['<a@[192.0.2.1]>', true],
    ['<"x y"@example.com>', true],
    ['a@example.com', false],
    ['<a@example.com', false],
    ['<@example.com>', false],
    ['<a@>', false],
    ['<a..b@example.com>', false],
    ['<a@b@c>', false],
    ['', false],
    [`<${'a'.repeat(2_000)}@example.com>`, false],
  ];
  it.each(ids.map(([value, valid]) => ({ label: label(value), value, valid })))(
    'Message-ID $label → $valid',
    ({ value, valid }) => expect(isValidMessageId(value)).toBe(valid),
  );
});
