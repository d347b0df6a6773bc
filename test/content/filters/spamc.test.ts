/**
 * The SPAMC/1.5 client against a fake spamd on 127.0.0.1 (protocol errors, slowness, early closes, oversized
 * answers), and its parsers against report texts as spamd 4.0 prints them. The real spamd: spamd.test.ts.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FilterError } from '../../../src/content/filters/errors.js';
import {
  parseReportTable,
  parseSpamdAddress,
  parseSpamdResponse,
  parseSpamHeader,
  spamcRequest,
  type SpamcOptions,
} from '../../../src/content/filters/spamc.js';
import { createSpamdFilter } from '../../../src/content/filters/spamd.js';
import { DnsResolver } from '../../../src/dns/resolver.js';
import { analyze } from '../../../src/pipeline/analyze.js';

/** What spamd 4.0.1 (Debian 12, our mailscore.cf) answered to REPORT for a phishing-like test message. */
const REAL_REPORT = [
  'Spam detection software, running on the system "vm",',
  'has identified this incoming email as possible spam.  The original',
  'message has been attached to this so you can view it or label',
  'similar future email.  If you have any questions, see',
  '@@CONTACT_ADDRESS@@ for details.',
  '',
  'Content preview:  Verify your account now http://bit.ly/abc https://www.paypal.com/signin',
  '   Dear Customer, your account has been limited. Please verify your identity',
  '   within 24 hours or your account will be closed. Wire t [...] ',
  '',
  'Content analysis details:   (9.7 points, 5.0 required)',
  '',
  ' pts rule name              description',
  '---- ---------------------- --------------------------------------------------',
  '-0.0 NO_RECEIVED            Informational: message has no Received headers',
  ' 0.1 MISSING_MID            Missing Message-Id: header',
  ' 0.0 NORMAL_HTTP_TO_IP      URI: URI host has a public dotted-decimal IPv4',
  '                            address',
  ' 1.8 HTML_IMAGE_ONLY_08     BODY: HTML: images with 400-800 bytes of words',
  ' 0.0 TVD_PH_BODY_ACCOUNTS_PRE The body matches phrases such as "accounts',
  '                            suspended", "account credited", "account',
  '                            verification"',
  ' 1.0 ADVANCE_FEE_3_NEW_MONEY Advance Fee fraud and lots of money',
  '',
].join('\n');

const real = (name: string) => parseReportTable(REAL_REPORT).find((rule) => rule.name === name);

describe('parseReportTable', () => {
  it('reads every row of a real report, with wrapped descriptions and names longer than the column', () => {
    expect(parseReportTable(REAL_REPORT)).toEqual([
      { name: 'NO_RECEIVED', score: -0, description: 'Informational: message has no Received headers' },
      { name: 'MISSING_MID', score: 0.1, description: 'Missing Message-Id: header' },
      {
        name: 'NORMAL_HTTP_TO_IP',
        score: 0,
        description: 'URI: URI host has a public dotted-decimal IPv4 address',
      },
      {
        name: 'HTML_IMAGE_ONLY_08',
        score: 1.8,
        description: 'BODY: HTML: images with 400-800 bytes of words',
      },
      {
        name: 'TVD_PH_BODY_ACCOUNTS_PRE',
        score: 0,
        description:
          'The body matches phrases such as "accounts suspended", "account credited", "account verification"',
      },
      { name: 'ADVANCE_FEE_3_NEW_MONEY', score: 1, description: 'Advance Fee fraud and lots of money' },
    ]);
    expect(real('ADVANCE_FEE_3_NEW_MONEY')?.score).toBe(1);
  });

  const table = (...rows: string[]) =>
    [
      'Content analysis details:',
      '',
      ' pts rule name   description',
      '---- ---------- ---------',
      ...rows,
    ].join('\n');

  it.each([
    [
      'scores of 10 and more print without decimals',
      table('-100 USER_IN_BLOCKLIST   From: user is listed'),
      [{ name: 'USER_IN_BLOCKLIST', score: -100, description: 'From: user is listed' }],
    ],
    [
      '  10 with two spaces',
      table('  10 BIG_RULE   big'),
      [{ name: 'BIG_RULE', score: 10, description: 'big' }],
    ],
    [
      'what a rule matched ([...] lines) is not kept',
      table(
        ' 1.2 URIBL_X   Contains a listed URL',
        '                            [URIs: bad.example]',
        '                                        [a very long log line that was right-aligned to column 78]',
        ' 0.5 NEXT      next',
      ),
      [
        { name: 'URIBL_X', score: 1.2, description: 'Contains a listed URL' },
        { name: 'NEXT', score: 0.5, description: 'next' },
      ],
    ],
    [
      'an empty description',
      table(' 0.0 NO_DESC                '),
      [{ name: 'NO_DESC', score: 0, description: '' }],
    ],
    [
      'CRLF line ends',
      table(' 0.5 A   one', ' 0.7 B   two').replace(/\n/g, '\r\n'),
      [
        { name: 'A', score: 0.5, description: 'one' },
        { name: 'B', score: 0.7, description: 'two' },
      ],
    ],
    [
      'a line that is not indented ends the table',
      table(' 0.5 A   one', 'Something else entirely', ' 0.7 B two'),
      [{ name: 'A', score: 0.5, description: 'one' }],
    ],
    [
      'translated column titles (German template)',
      [
        'Inhaltsanalyse im Detail:   (5.1 Punkte, 5.0 benötigt)',
        '',
        ' Pkte Regel                  Beschreibung',
        '---- ---------------------- --------------------------------------------------',
        ' 2.6 DEAR_FRIEND            BODY: Liebe(r) Freund(in)?',
      ].join('\n'),
      [{ name: 'DEAR_FRIEND', score: 2.6, description: 'BODY: Liebe(r) Freund(in)?' }],
    ],
    ['no table at all', 'Spam detection software\n 1.0 NOT_A_ROW  outside any table\n', []],
    ['an empty body', '', []],
    ['a table with no rows', table(), []],
  ] as const)('%s', (_, body, rules) => {
    expect(parseReportTable(body)).toEqual(rules);
  });
});

describe('parseSpamHeader', () => {
  it.each([
    ['True ; 7.8 / 5.0', { spam: true, score: 7.8, threshold: 5 }],
    ['False ; -0.1 / 5.0', { spam: false, score: -0.1, threshold: 5 }],
    ['Yes ; 12 / 5', { spam: true, score: 12, threshold: 5 }],
    ['false;0.0/5.0', { spam: false, score: 0, threshold: 5 }],
    ['True ; 7.8', null],
    ['maybe ; 1 / 5', null],
    ['True ; NaN / 5.0', null],
    ['', null],
    [undefined, null],
  ] as const)('%j → %j', (value, verdict) => {
    expect(parseSpamHeader(value)).toEqual(verdict);
  });
});

describe('parseSpamdAddress', () => {
  it.each([
    ['127.0.0.1:783', { host: '127.0.0.1', port: 783 }],
    [' spamd.internal:7830 ', { host: 'spamd.internal', port: 7830 }],
    ['spamd', { host: 'spamd', port: 783 }],
    ['[::1]:783', { host: '::1', port: 783 }],
    ['[::1]', { host: '::1', port: 783 }],
  ] as const)('%j', (text, address) => {
    expect(parseSpamdAddress(text)).toEqual(address);
  });
  it.each(['', '127.0.0.1:0', '127.0.0.1:70000', 'a b:1', 'host:port', '::1:783', 'http://x:1'])(
    '%j is refused',
    (text) => {
      expect(() => parseSpamdAddress(text)).toThrow();
    },
  );
});

describe('parseSpamdResponse', () => {
  const bytes = (text: string) => Buffer.from(text, 'latin1');
  it.each([
    ['PONG alone', 'SPAMD/1.5 0 PONG\r\n', { code: 0, status: 'PONG', body: '' }],
    [
      'a report',
      'SPAMD/1.1 0 EX_OK\r\nContent-length: 5\r\nSpam: True ; 6 / 5\r\n\r\nhello',
      {
        code: 0,
        status: 'EX_OK',
        body: 'hello',
      },
    ],
    [
      'bytes past Content-length are not part of the body',
      'SPAMD/1.1 0 EX_OK\r\nContent-length: 2\r\n\r\nhello',
      {
        body: 'he',
      },
    ],
    [
      'no Content-length: everything up to the close',
      'SPAMD/1.1 0 EX_OK\r\nSpam: False ; 0 / 5\r\n\r\nall of it',
      {
        body: 'all of it',
      },
    ],
  ] as const)('%s', (_, text, expected) => {
    expect(parseSpamdResponse(bytes(text))).toMatchObject(expected);
  });

  it.each([
    ['garbage', 'HTTP/1.1 200 OK\r\n\r\n', 'protocol'],
    ['an EX_* error', 'SPAMD/1.0 76 Bad header line: (Content-length mismatch: 4 vs. 9)\r\n\r\n', 'refused'],
    ['a bad header line', 'SPAMD/1.1 0 EX_OK\r\nno colon here\r\n\r\n', 'protocol'],
    ['a bad Content-length', 'SPAMD/1.1 0 EX_OK\r\nContent-length: -3\r\n\r\n', 'protocol'],
    ['a body shorter than Content-length', 'SPAMD/1.1 0 EX_OK\r\nContent-length: 100\r\n\r\nshort', 'closed'],
    ['nothing', '', 'closed'],
  ] as const)('%s → %s', (_, text, code) => {
    expect(() => parseSpamdResponse(bytes(text))).toThrow(expect.objectContaining({ code }));
  });
});

/** A fake spamd: collects the whole request (head + Content-length bytes), then lets `answer` reply. */
async function fakeSpamd(answer: (socket: net.Socket, request: Buffer) => void) {
  const requests: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  // Half-open, as spamd: the client's end of sending is not the end of the exchange.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (answered || headEnd < 0) return;
      const length = Number(/Content-length: (\d+)/i.exec(buffer.subarray(0, headEnd).toString())?.[1] ?? 0);
      if (buffer.length - headEnd - 4 < length) return;
      answered = true;
      requests.push(buffer);
      answer(socket, buffer);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: { host: '127.0.0.1', port },
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}

const OPTIONS: SpamcOptions = {
  connectTimeoutMs: 1_000,
  readTimeoutMs: 400,
  totalTimeoutMs: 800,
  maxResponseBytes: 64 * 1024,
};
const MESSAGE = Buffer.from('From: a@example.com\r\nSubject: hi\r\n\r\nhello\r\n');
const INPUT = { message: { raw: MESSAGE } as never, envelope: {} as never, content: {} as never };
const checkWith = (address: { host: string; port: number }, timeoutMs = 300) =>
  createSpamdFilter(address, { timeoutMs, maxResponseBytes: 64 * 1024 }).check(
    INPUT,
    new AbortController().signal,
  );

describe('spamcRequest against a fake spamd', () => {
  let close: (() => Promise<unknown>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('sends REPORT SPAMC/1.5 with Content-length and the message, and reads the answer', async () => {
    const body =
      'details\n\n pts rule name   description\n---- ---------- ----------\n 1.2 SOME_RULE  something\n';
    const spamd = await fakeSpamd((socket) =>
      socket.end(
        `SPAMD/1.1 0 EX_OK\r\nContent-length: ${Buffer.byteLength(body)}\r\nSpam: False ; 1.2 / 5.0\r\n\r\n${body}`,
      ),
    );
    close = spamd.close;
    const result = await checkWith(spamd.address);
    expect(spamd.requests[0]!.toString()).toBe(
      `REPORT SPAMC/1.5\r\nContent-length: ${MESSAGE.length}\r\n\r\n${MESSAGE.toString()}`,
    );
    expect(result).toEqual({
      engine: 'spamassassin',
      score: 1.2,
      threshold: 5,
      rules: [{ name: 'SOME_RULE', score: 1.2, description: 'something' }],
    });
  });

  it('pings with PING SPAMC/1.5 and wants PONG', async () => {
    const spamd = await fakeSpamd((socket) => socket.end('SPAMD/1.5 0 PONG\r\n'));
    close = spamd.close;
    await expect(createSpamdFilter(spamd.address).ping()).resolves.toBeUndefined();
    expect(spamd.requests[0]!.toString()).toBe('PING SPAMC/1.5\r\n\r\n');
  });

  it('a ping answered with anything but PONG fails', async () => {
    const spamd = await fakeSpamd((socket) => socket.end('SPAMD/1.5 0 EX_OK\r\n'));
    close = spamd.close;
    await expect(createSpamdFilter(spamd.address).ping()).rejects.toMatchObject({ code: 'protocol' });
  });

  it.each<[string, (socket: net.Socket) => void, string, number]>([
    ['garbage', (socket) => socket.end('\x00\x01garbage that is not SPAMD\r\n\r\n'), 'protocol', 500],
    ['an answer without a Spam header', (socket) => socket.end('SPAMD/1.1 0 EX_OK\r\n\r\n'), 'protocol', 500],
    ['an EX_* error code', (socket) => socket.end('SPAMD/1.0 74 EX_IOERR\r\n\r\n'), 'refused', 500],
    ['silence (slow spamd)', () => undefined, 'timeout', 700],
    [
      'a trickle that never ends (total timeout)',
      (socket) => {
        socket.write('SPAMD/1.1 0 EX_OK\r\n');
        const timer = setInterval(() => socket.write('X-Slow: y\r\n'), 50);
        socket.on('close', () => clearInterval(timer));
      },
      'timeout',
      700,
    ],
    [
      'closed early (body shorter than Content-length)',
      (socket) =>
        socket.end('SPAMD/1.1 0 EX_OK\r\nContent-length: 500\r\nSpam: True ; 9 / 5\r\n\r\nonly this'),
      'closed',
      500,
    ],
    ['closed without a word', (socket) => socket.end(), 'closed', 500],
    [
      'reset mid-answer',
      (socket) =>
        socket.write('SPAMD/1.1 0 EX_OK\r\nContent-length: 500\r\nSpam: True ; 9 / 5\r\n\r\npartial', () =>
          socket.resetAndDestroy(),
        ),
      'closed',
      500,
    ],
    [
      'oversized',
      (socket) => {
        socket.write('SPAMD/1.1 0 EX_OK\r\nSpam: True ; 9 / 5\r\n\r\n');
        socket.end(Buffer.alloc(200 * 1024, 'x'));
      },
      'too-large',
      500,
    ],
  ])('%s → the right FilterError, in time', async (_, answer, code, withinMs) => {
    const spamd = await fakeSpamd(answer);
    close = spamd.close;
    const started = performance.now();
    const error = await checkWith(spamd.address).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(FilterError);
    expect(error).toMatchObject({ code });
    expect(performance.now() - started).toBeLessThan(withinMs);
  });

  it('the read timeout ends a silent exchange before the total timeout', async () => {
    const spamd = await fakeSpamd(() => undefined);
    close = spamd.close;
    const started = performance.now();
    await expect(
      spamcRequest(spamd.address, 'REPORT', MESSAGE, {
        ...OPTIONS,
        readTimeoutMs: 150,
        totalTimeoutMs: 5_000,
      }),
    ).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/nothing received for 150 ms/),
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('nothing listening → unreachable, at once', async () => {
    const spamd = await fakeSpamd(() => undefined);
    await spamd.close(); // the port is now closed
    const started = performance.now();
    await expect(spamcRequest(spamd.address, 'PING', null, OPTIONS)).rejects.toMatchObject({
      code: 'unreachable',
    });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('an abort signal stops the wait', async () => {
    const spamd = await fakeSpamd(() => undefined);
    close = spamd.close;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expect(
      spamcRequest(spamd.address, 'REPORT', MESSAGE, {
        ...OPTIONS,
        readTimeoutMs: 5_000,
        totalTimeoutMs: 5_000,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'aborted' });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a message over the bound is cut at a line end before it is sent', async () => {
    const body = 'SPAMD/1.1 0 EX_OK\r\nSpam: False ; 0.0 / 5.0\r\n\r\n';
    const spamd = await fakeSpamd((socket) => socket.end(body));
    close = spamd.close;
    const big = Buffer.from(`Subject: x\r\n\r\n${'0123456789\r\n'.repeat(100)}`);
    await createSpamdFilter(spamd.address, { maxMessageBytes: 200 }).check(
      { ...INPUT, message: { raw: big } as never },
      new AbortController().signal,
    );
    const request = spamd.requests[0]!.toString();
    const sent = request.slice(request.indexOf('\r\n\r\n') + 4);
    expect(sent.length).toBeLessThanOrEqual(200);
    expect(sent.endsWith('\r\n')).toBe(true);
    expect(request).toContain(`Content-length: ${sent.length}\r\n`);
  });
});

describe('a spamd that fails during an analysis', () => {
  it('gives spamFilter.error (nothing deducted) and the report still arrives, within the filter’s time', async () => {
    const spamd = await fakeSpamd(() => undefined); // reads the message, never answers
    try {
      const started = performance.now();
      const { report } = await analyze(
        Buffer.from('From: a@example.com\r\nSubject: hi\r\nMessage-ID: <1@example.com>\r\n\r\nhello\r\n'),
        { clientIp: '192.0.2.1' },
        {
          resolver: new DnsResolver({
            servers: [{ host: '127.0.0.1', port: 9 }],
            timeoutMs: 100,
            retries: 0,
          }),
          lang: 'en',
          deadlineMs: 1_000,
          spamFilter: createSpamdFilter(spamd.address, { timeoutMs: 300 }),
        },
      );
      expect(performance.now() - started).toBeLessThan(2_500);
      expect(report.spamFilter).toBeNull();
      expect(report.checks.find((c) => c.id.startsWith('spamFilter.'))).toMatchObject({
        id: 'spamFilter.error',
        status: 'error',
        deduction: 0,
      });
    } finally {
      await spamd.close();
    }
  });
});
