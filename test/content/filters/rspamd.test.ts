/**
 * The rspamd adapter: its parsers, a local HTTP server replaying a response recorded from Debian's rspamd 3.4
 * (with deploy/rspamd), the protocol errors, and the real rspamd when there is one (test/support/filters.ts:
 * MAILSCORE_TEST_RSPAMD, else started here when installed; MAILSCORE_REQUIRE_FILTERS=1 makes it required).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FilterError } from '../../../src/content/filters/errors.js';
import {
  createRspamdFilter,
  parseCheckV2,
  parseRspamdUrl,
  rspamdHeaders,
} from '../../../src/content/filters/rspamd.js';
import { selectSpamFilter } from '../../../src/content/filters/select.js';
import type { Envelope } from '../../../src/report/types.js';
import { filtersRequired, rspamdForTests } from '../../support/filters.js';

/** Recorded from rspamd 3.4 (Debian 12, deploy/rspamd) for a lottery-style message; see the test below. */
const RECORDED = readFileSync(new URL('./fixtures/rspamd-checkv2.json', import.meta.url), 'utf8');

const ENVELOPE: Envelope = {
  clientIp: '192.0.2.10',
  helo: 'mail.lottery.example',
  mailFrom: 'winner@lottery.example',
  rcptTo: ['you@example.net', 'other@example.net'],
  tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
};
const MESSAGE = Buffer.from(
  [
    'From: "Winner" <winner@lottery.example>',
    'To: you@example.net',
    'Subject: YOU HAVE WON $1,000,000 !!! CLAIM NOW',
    'Date: Mon, 02 Dec 2024 09:30:00 +0900',
    'Message-ID: <abc@lottery.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<html><body><p>Dear friend, CONGRATULATIONS! You have been selected to receive $1,000,000 cash.',
    '100% FREE! Click here to claim your prize now. <a href="http://192.168.1.1/claim">Click here</a></p></body></html>',
    '',
  ].join('\r\n'),
);
const input = (raw = MESSAGE, envelope = ENVELOPE) => ({
  message: { raw } as never,
  envelope,
  content: {} as never,
});

describe('parseRspamdUrl', () => {
  it.each([
    ['http://127.0.0.1:11333', 'http://127.0.0.1:11333/'],
    ['http://127.0.0.1:11333/', 'http://127.0.0.1:11333/'],
    [' https://rspamd.internal/scan?x=1#y ', 'https://rspamd.internal/scan/'],
  ])('%j → %s', (text, href) => {
    expect(parseRspamdUrl(text).href).toBe(href);
  });
  it.each(['127.0.0.1:11333', 'ftp://x/', 'not a url', ''])('%j is refused', (text) => {
    expect(() => parseRspamdUrl(text)).toThrow();
  });
});

describe('rspamdHeaders', () => {
  it.each([
    [
      'the whole envelope, one Rcpt per recipient',
      ENVELOPE,
      {
        IP: '192.0.2.10',
        Hostname: 'unknown',
        Helo: 'mail.lottery.example',
        From: 'winner@lottery.example',
        Rcpt: ['you@example.net', 'other@example.net'],
        'TLS-Version': 'TLSv1.3',
        'TLS-Cipher': 'TLS_AES_256_GCM_SHA384',
      },
    ],
    [
      'the null sender, no HELO, no TLS',
      { clientIp: '2001:db8::1', helo: null, mailFrom: '', rcptTo: [], tls: null },
      { IP: '2001:db8::1', Hostname: 'unknown', From: '<>' },
    ],
    [
      'an unknown sender is left out; hostile characters cannot break the header',
      {
        clientIp: '192.0.2.1',
        helo: 'evil\r\nX-Injected: 1',
        mailFrom: null,
        rcptTo: ['ü@例え.jp'],
        tls: null,
      },
      { IP: '192.0.2.1', Hostname: 'unknown', Helo: 'evil??X-Injected: 1', Rcpt: ['?@??.jp'] },
    ],
  ] as const)('%s', (_, envelope, headers) => {
    expect(rspamdHeaders(envelope as Envelope)).toEqual(headers);
  });
});

describe('parseCheckV2', () => {
  it('reads the recorded answer of rspamd 3.4', () => {
    const result = parseCheckV2(RECORDED);
    expect(result).toMatchObject({ engine: 'rspamd', score: 5.975, threshold: 15, action: 'greylist' });
    expect(result.rules).toHaveLength(14);
    expect(result.rules).toContainEqual({
      name: 'SUBJ_ALL_CAPS',
      score: 2.775,
      description: 'All capital letters in subject',
    });
    // A symbol without a description (MIME_TRACE) keeps an empty one.
    expect(result.rules).toContainEqual({ name: 'MIME_TRACE', score: 0, description: '' });
  });

  it.each([
    ['not JSON', '<html>oops</html>'],
    ['an array', '[1,2]'],
    ['no score', '{"required_score": 15, "symbols": {}}'],
    ['a string score', '{"score": "5", "required_score": 15, "symbols": {}}'],
    ['no symbols', '{"score": 1, "required_score": 15}'],
    ['symbols as a list', '{"score": 1, "required_score": 15, "symbols": []}'],
  ])('%s → protocol error', (_, text) => {
    expect(() => parseCheckV2(text)).toThrow(expect.objectContaining({ code: 'protocol' }));
  });

  it('skips symbols that are not symbols; a missing name is the key', () => {
    const result = parseCheckV2(
      JSON.stringify({
        score: 1,
        required_score: 15,
        symbols: {
          A: { score: 1, description: 'a' },
          B: 'nonsense',
          C: { score: 'high' },
          D: { name: 42, score: -1 },
        },
      }),
    );
    expect(result.rules).toEqual([
      { name: 'A', score: 1, description: 'a' },
      { name: 'D', score: -1, description: '' },
    ]);
    expect(result.action).toBeUndefined();
  });
});

interface Seen {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

/** A local rspamd stand-in: records each request, then lets `answer` reply. */
async function fakeRspamd(answer: (response: http.ServerResponse, request: Seen) => void) {
  const seen: Seen[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    // The client may give up mid-exchange (timeouts, oversized answers): not an error of the test.
    request.on('error', () => undefined);
    response.on('error', () => undefined);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const record = {
        method: request.method ?? '',
        url: request.url ?? '',
        rawHeaders: request.rawHeaders,
        body: Buffer.concat(chunks),
      };
      seen.push(record);
      answer(response, record);
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('connection', (socket) => {
    socket.on('error', () => undefined);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: parseRspamdUrl(`http://127.0.0.1:${port}`),
    seen,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}

describe('the adapter against a local HTTP server', () => {
  let close: (() => Promise<unknown>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('POSTs the message to /checkv2 with the envelope as headers, and reads the recorded answer', async () => {
    const server = await fakeRspamd((response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(RECORDED),
    );
    close = server.close;
    const result = await createRspamdFilter(server.url).check(input(), new AbortController().signal);
    expect(result).toMatchObject({ engine: 'rspamd', score: 5.975, threshold: 15, action: 'greylist' });
    const request = server.seen[0]!;
    expect(request).toMatchObject({ method: 'POST', url: '/checkv2' });
    expect(request.body.equals(MESSAGE)).toBe(true);
    const headerLines = (name: string) =>
      request.rawHeaders.flatMap((value, i) =>
        i % 2 === 1 && request.rawHeaders[i - 1]!.toLowerCase() === name.toLowerCase() ? [value] : [],
      );
    expect(headerLines('Rcpt')).toEqual(['you@example.net', 'other@example.net']);
    expect(headerLines('IP')).toEqual(['192.0.2.10']);
    expect(headerLines('Helo')).toEqual(['mail.lottery.example']);
    expect(headerLines('From')).toEqual(['winner@lottery.example']);
    expect(headerLines('Hostname')).toEqual(['unknown']);
    expect(headerLines('Content-Length')).toEqual([String(MESSAGE.length)]);
  });

  it('pings GET /ping', async () => {
    const server = await fakeRspamd((response) => response.end('pong\r\n'));
    close = server.close;
    await createRspamdFilter(server.url).ping();
    expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/ping' });
  });

  it.each<[string, (response: http.ServerResponse) => void, string, number]>([
    ['HTTP 500', (response) => response.writeHead(500).end('{"error":"internal"}'), 'refused', 500],
    ['an HTML page', (response) => response.writeHead(200).end('<html>proxy error</html>'), 'protocol', 500],
    ['silence (slow rspamd)', () => undefined, 'timeout', 700],
    [
      'closed early (less than Content-Length)',
      (response) => {
        response.writeHead(200, { 'content-length': '5000' });
        response.write('{"score": 1,', () => response.socket?.destroy());
      },
      'closed',
      500,
    ],
    [
      'oversized',
      (response) => {
        response.writeHead(200);
        response.end(Buffer.alloc(200 * 1024, ' '));
      },
      'too-large',
      500,
    ],
  ])('%s → the right FilterError, in time', async (_, answer, code, withinMs) => {
    const server = await fakeRspamd(answer);
    close = server.close;
    const started = performance.now();
    const error = await createRspamdFilter(server.url, { timeoutMs: 300, maxResponseBytes: 64 * 1024 })
      .check(input(), new AbortController().signal)
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(error).toBeInstanceOf(FilterError);
    expect(error).toMatchObject({ code });
    expect(performance.now() - started).toBeLessThan(withinMs);
  });

  it('nothing listening → unreachable, at once', async () => {
    const server = await fakeRspamd(() => undefined);
    await server.close();
    await expect(createRspamdFilter(server.url).ping()).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('an abort signal stops the wait', async () => {
    const server = await fakeRspamd(() => undefined);
    close = server.close;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expect(createRspamdFilter(server.url).check(input(), controller.signal)).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(performance.now() - started).toBeLessThan(500);
  });
});

const rspamd = await rspamdForTests();
afterAll(() => rspamd.stop());

/** 山田様 … ご注文の商品を本日発送いたしました。 in ISO-2022-JP. */
const JAPANESE = Buffer.from(
  [
    'From: shop@example.co.jp',
    'To: yamada@example.jp',
    'Subject: =?ISO-2022-JP?B?GyRCIVo9RU1XIVskNENtSjgkTjNORycbKEI=?=',
    'Date: Mon, 02 Dec 2024 09:30:00 +0900',
    'Message-ID: <20241202093000.1@example.co.jp>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=ISO-2022-JP',
    '',
    '\x1b$B;3EDMM\x1b(B',
    '\x1b$B$4CmJ8$N>&IJ$rK\\F|H/Aw$$$?$7$^$7$?!#\x1b(B',
    '',
  ].join('\r\n'),
  'latin1',
);

describe.runIf(rspamd.location)(`real rspamd (${rspamd.location ?? 'absent'})`, () => {
  const filter = () => createRspamdFilter(parseRspamdUrl(rspamd.location!));

  it('answers /ping', async () => {
    await expect(filter().ping()).resolves.toBeUndefined();
  });

  it.each([
    ['a lottery-style message', MESSAGE, ['SUBJ_ALL_CAPS', 'HTTP_TO_IP'], 3],
    ['a Japanese order confirmation in ISO-2022-JP', JAPANESE, [], -Infinity],
  ] as const)('%s', async (_, raw, fired, atLeast) => {
    const started = performance.now();
    const result = await filter().check(input(raw), new AbortController().signal);
    expect(result.engine).toBe('rspamd');
    expect(result.score).toBeGreaterThanOrEqual(atLeast);
    expect(Number.isFinite(result.threshold)).toBe(true);
    expect(typeof result.action).toBe('string');
    const names = result.rules.map((rule) => rule.name);
    for (const name of fired) expect(names).toContain(name);
    // Our deploy config keeps rspamd off the network: no DNS-based symbols, and no wait for DNS timeouts.
    for (const name of names)
      expect(name).not.toMatch(/^(RBL_|RCVD_IN_|URIBL_|SURBL_|DBL_|R_SPF_|R_DKIM_|DMARC_|RDNS_)/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('is chosen at start when configured', async () => {
    const selected = await selectSpamFilter({ spamd: null, rspamd: rspamd.location });
    expect(selected).toMatchObject({ source: 'configured' });
    expect(selected.engine.name).toBe('rspamd');
  });
});

if (!rspamd.location) {
  describe('real rspamd', () => {
    if (filtersRequired) {
      it('is required here (MAILSCORE_REQUIRE_FILTERS=1)', () => {
        throw new Error(`rspamd is required but absent: ${rspamd.absent}`);
      });
    } else {
      it.skip(`skipped: ${rspamd.absent} (set MAILSCORE_TEST_RSPAMD=<url> to use a running one)`, () =>
        undefined);
    }
  });
}
