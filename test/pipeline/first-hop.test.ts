/**
 * The sending IP read from Received fields when none is given: the hop choice across the trust boundary
 * (table), then whole reports through the pipeline, the real CLI (dist/, as test/cli does) and the real
 * fastify app, each against the fixture DNS server. The Received samples follow each MTA's documented format.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli-process.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { LIMITS } from '../../src/limits.js';
import { parseMessage } from '../../src/message/parse.js';
import { analyzeMessage } from '../../src/pipeline/analyze.js';
import {
  NoClientIpError,
  parseTrustedRelays,
  resolveSending,
  type Sending,
  type SendingInput,
  type TrustedRelay,
} from '../../src/pipeline/client-ip.js';
import type { Report } from '../../src/report/types.js';
import { buildHttpApp } from '../../src/web/server.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildMessage } from '../support/sign.js';
import { IDLE_WORKER, testService, type TestService } from '../web/api-support.js';

const DATE = 'Tue, 7 Jan 2025 10:00:01 +0000';
const CIPHER = 'TLS_AES_256_GCM_SHA384';

/** Each MTA's field for a delivery from `ip`, as that MTA writes it. */
const postfix = (ip: string, helo = 'mail.example.com', rdns = helo, by = 'mx.example.net') =>
  `from ${helo} (${rdns} [${ip.includes(':') ? `IPv6:${ip}` : ip}]) (using TLSv1.3 with cipher ${CIPHER} (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256) (No client certificate requested) by ${by} (Postfix) with ESMTPS id 4YSgQk1b2cz9sRt for <user@example.net>; ${DATE}`;
const postfixPlain = (ip: string, helo = 'relay.internal', by = 'mx.example.net') =>
  `from ${helo} (${helo} [${ip}]) by ${by} (Postfix) with ESMTP id 4YSgQm; ${DATE}`;
const gmailEdge = (ip: string) =>
  `from mail.example.com (mail.example.com. [${ip}]) by mx.google.com with ESMTPS id 5b1f17b1804b1-4367c3a0a01si1234567f8f.123.2025.01.07.02.00.01 for <user@gmail.com> (version=TLS1_3 cipher=${CIPHER} bits=256/256); Tue, 07 Jan 2025 02:00:01 -0800 (PST)`;
const gmailInternal =
  'by 2002:a05:6a10:8c0d:b0:5a1:2b3c:4d5e with SMTP id d13csp1234567pxz; Tue, 7 Jan 2025 02:00:02 -0800 (PST)';
const m365 = (fromName: string, fromIp: string, byName: string, byIp: string, tls = 'TLS1_2') =>
  `from ${fromName} (${fromIp}) by ${byName} (${byIp}) with Microsoft SMTP Server (version=${tls}, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8314.11; ${DATE}`;
const M365_CHAIN = [
  m365(
    'AM0PR02CA0078.eurprd02.prod.outlook.com',
    '2603:10a6:208:154::19',
    'DB9PR10MB7240.EURPRD10.PROD.OUTLOOK.COM',
    '2603:10a6:10:2d1::11',
  ),
  m365(
    'AM4PEPF00027A5F.eurprd04.prod.outlook.com',
    '2603:10a6:208:154:cafe::29',
    'AM0PR02CA0078.outlook.office365.com',
    '2603:10a6:208:154::19',
  ),
  `from mail.example.com (192.0.2.10) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.71) with Microsoft SMTP Server (version=TLS1_3, cipher=${CIPHER}) id 15.20.8314.11 via Frontend Transport; ${DATE}`,
];
const exchangeOnPremises = [
  `from EX02.corp.example.net (10.1.2.4) by EX01.corp.example.net (10.1.2.3) with Microsoft SMTP Server id 15.2.1544.4; ${DATE}`,
  `from mail.example.com (192.0.2.10) by EX02.corp.example.net (10.1.2.4) with Microsoft SMTP Server id 15.2.1544.4 via Frontend Transport; ${DATE}`,
];
const exim = (ip: string) =>
  `from mail.example.com ([${ip}]:41234 helo=smtp.example.com) by mx.example.org with esmtps (TLS1.3) tls ${CIPHER} (Exim 4.97) (envelope-from <bounce@example.com>) id 1tV2aB-00AbCd-3e for user@example.org; ${DATE}`;
const qmail = (ip: string) =>
  `from unknown (HELO mail.example.com) (${ip}) by mx.example.net with SMTP; 7 Jan 2025 10:00:01 -0000`;
/** A field the sender wrote itself, below the real ones, naming an address it would like to be judged by. */
const FORGED = `from trusted-sender.example (trusted-sender.example [203.0.113.66]) by mail.example.com (Postfix) with ESMTPS id FORGED; ${DATE}`;

const message = (received: string[], extra: string[] = []) =>
  buildMessage({
    from: 'alice@example.com',
    headers: [...received.map((r) => `Received: ${r}`), ...extra],
    messageId: '<first-hop@example.com>',
  });

const relays = (...values: string[]): TrustedRelay[] => {
  const parsed = parseTrustedRelays(values);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.relays;
};

async function sending(received: string[], input: SendingInput = {}): Promise<Sending> {
  return resolveSending(input, await parseMessage(message(received)));
}

const TLS13 = { protocol: 'TLSv1.3', cipher: CIPHER };

describe('the hop: the first public sender below your own systems', () => {
  const cases: Array<
    [string, string[], SendingInput, Partial<Sending> & { header: number; skipped: number }]
  > = [
    [
      'a plain delivery (one Received, Postfix)',
      [postfix('192.0.2.10')],
      {},
      { clientIp: '192.0.2.10', helo: 'mail.example.com', tls: TLS13, header: 1, skipped: 0 },
    ],
    [
      "Gmail: its internal hand-off on top, then its MX's field",
      [gmailInternal, gmailEdge('192.0.2.10')],
      {},
      { clientIp: '192.0.2.10', helo: 'mail.example.com', tls: TLS13, header: 2, skipped: 1 },
    ],
    [
      "Microsoft 365: its servers' public IPv6 hops, named as trusted by address block",
      M365_CHAIN,
      { trustedRelays: relays('2603:10a6::/32') },
      { clientIp: '192.0.2.10', helo: 'mail.example.com', tls: TLS13, header: 3, skipped: 2 },
    ],
    [
      'Microsoft 365: the same hops named by host suffix',
      M365_CHAIN,
      { trustedRelays: relays('.prod.outlook.com') },
      { clientIp: '192.0.2.10', header: 3, skipped: 2 },
    ],
    [
      'Microsoft 365 without trusted relays: its own top hop is public, so it is taken (the finding says so)',
      M365_CHAIN,
      {},
      {
        clientIp: '2603:10a6:208:154::19',
        tls: { protocol: 'TLSv1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' },
        header: 1,
        skipped: 0,
      },
    ],
    [
      'Exchange on premises: private internal hops are skipped by themselves; no TLS recorded is no TLS',
      exchangeOnPremises,
      {},
      { clientIp: '192.0.2.10', tls: null, header: 2, skipped: 1 },
    ],
    [
      'a forged Received below the real one is never read',
      [postfix('192.0.2.10'), FORGED],
      {},
      { clientIp: '192.0.2.10', header: 1, skipped: 0 },
    ],
    [
      'an internal relay, the real hop, then forged fields',
      [
        postfixPlain('10.20.30.40'),
        postfix('192.0.2.10', 'mail.example.com', 'mail.example.com', 'relay.internal'),
        FORGED,
        FORGED,
      ],
      {},
      { clientIp: '192.0.2.10', header: 2, skipped: 1 },
    ],
    [
      'IPv6 (Postfix IPv6: literal)',
      [postfix('2001:db8::25')],
      {},
      { clientIp: '2001:db8::25', header: 1, skipped: 0 },
    ],
    [
      'IPv6 (Exim), below unique-local and link-local internal hops',
      [postfixPlain('fd00::12'), postfixPlain('fe80::1'), exim('2001:DB8:5::25')],
      {},
      { clientIp: '2001:db8:5::25', helo: 'smtp.example.com', tls: TLS13, header: 3, skipped: 2 },
    ],
    [
      'an IPv4-mapped IPv6 literal is the IPv4 address',
      [postfix('::ffff:192.0.2.10')],
      {},
      { clientIp: '192.0.2.10', header: 1, skipped: 0 },
    ],
    [
      'loopback, CGNAT and local pickups are skipped',
      [
        postfixPlain('127.0.0.1'),
        postfixPlain('100.64.1.2'),
        '(qmail 12345 invoked from network); 7 Jan 2025 10:00:01 -0000',
        qmail('192.0.2.10'),
      ],
      {},
      { clientIp: '192.0.2.10', helo: 'mail.example.com', tls: null, header: 4, skipped: 3 },
    ],
    [
      'a user-named relay on a public address, by address',
      [postfixPlain('198.51.100.20', 'relay.example.net'), postfix('192.0.2.10')],
      { trustedRelays: relays('198.51.100.20') },
      { clientIp: '192.0.2.10', header: 2, skipped: 1 },
    ],
    [
      'a user-named relay, by block (comma list)',
      [postfixPlain('198.51.100.20', 'relay.example.net'), postfix('192.0.2.10')],
      { trustedRelays: relays('10.0.0.0/8, 198.51.100.0/24') },
      { clientIp: '192.0.2.10', header: 2, skipped: 1 },
    ],
    [
      'a user-named relay, by its name',
      [postfixPlain('198.51.100.20', 'relay.example.net'), postfix('192.0.2.10')],
      { trustedRelays: relays('RELAY.example.net.') },
      { clientIp: '192.0.2.10', header: 2, skipped: 1 },
    ],
    [
      'a trusted name matches the reverse DNS name, not a HELO the sender chose',
      [postfix('192.0.2.10', 'relay.example.net', 'mail.example.com')],
      { trustedRelays: relays('relay.example.net') },
      { clientIp: '192.0.2.10', helo: 'relay.example.net', header: 1, skipped: 0 },
    ],
    [
      'a HELO and TLS given by the caller are kept',
      [postfix('192.0.2.10')],
      { helo: 'given.example', tls: null },
      { clientIp: '192.0.2.10', helo: 'given.example', tls: null, header: 1, skipped: 0 },
    ],
    [
      'a field that says nothing about TLS leaves it unknown',
      [`from mail.example.com (mail.example.com [192.0.2.10]) by mx.example.net; ${DATE}`],
      {},
      { clientIp: '192.0.2.10', tls: null, header: 1, skipped: 0 },
    ],
  ];

  it.each(cases)('%s', async (_, received, input, expected) => {
    const { header, skipped, ...envelope } = expected;
    const result = await sending(received, input);
    expect(result).toMatchObject(envelope);
    expect(result.clientIpSource).toMatchObject({ kind: 'received', header, skipped });
    expect(result.clientIpSource.text).toBe(received[header - 1]);
  });

  it('says which of HELO and TLS were taken from the field', async () => {
    expect((await sending([postfix('192.0.2.10')])).clientIpSource.taken).toEqual(['helo', 'tls']);
    expect((await sending([postfix('192.0.2.10')], { helo: 'x.example' })).clientIpSource.taken).toEqual([
      'tls',
    ]);
    expect(
      (await sending([`from a.example (a.example [192.0.2.10]) by b; ${DATE}`], { helo: 'x.example' }))
        .clientIpSource.taken,
    ).toEqual([]);
  });

  it('keeps a given IP as it is, and says where it came from', async () => {
    const given = await sending([postfix('192.0.2.10')], { clientIp: '198.51.100.1' });
    expect(given).toMatchObject({ clientIp: '198.51.100.1', helo: null, tls: null });
    expect(given.clientIpSource).toEqual({ kind: 'given' });
    const smtp = await sending([], { clientIp: '198.51.100.1', clientIpKind: 'smtp' });
    expect(smtp.clientIpSource).toEqual({ kind: 'smtp' });
  });

  it.each([
    ['no Received at all', [], 0, /no Received header to take/],
    [
      'private addresses only',
      [postfixPlain('10.0.0.5'), postfixPlain('192.168.1.9'), postfixPlain('::1')],
      3,
      /3 from a private or reserved address/,
    ],
    [
      'hand-offs without an address only',
      [gmailInternal, 'by mx.example.net (Postfix, from userid 1000) id 4Y; ' + DATE],
      2,
      /2 without an address/,
    ],
  ])('%s: a clear error', async (_, received, count, words) => {
    const err = await sending(received).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoClientIpError);
    expect((err as NoClientIpError).code).toBe('no_client_ip');
    expect((err as NoClientIpError).received).toBe(count);
    expect((err as NoClientIpError).message).toMatch(words);
  });

  it('a trusted relay that is the only public hop leaves nothing to take', async () => {
    const err = await sending([postfix('192.0.2.10')], { trustedRelays: relays('192.0.2.0/24') }).catch(
      (e: unknown) => e,
    );
    expect((err as NoClientIpError).message).toMatch(/1 from a trusted relay/);
  });

  it.each([
    ['10.0.0.0/33', /CIDR/],
    ['192.0.2.1/x', /CIDR/],
    ['bad name!', /"bad name!"/],
    ['.', /CIDR/],
    [Array.from({ length: LIMITS.maxTrustedRelays + 1 }, (_, i) => `10.0.0.${i}`).join(','), /at most/],
  ])('refuses the trusted relay %j', (value, words) => {
    const parsed = parseTrustedRelays([value]);
    expect('error' in parsed && parsed.error).toMatch(words);
  });

  it('stays bounded and fast with absurdly many or long Received fields', async () => {
    const many = Array.from({ length: 5_000 }, (_, i) => postfixPlain(`10.0.${(i >> 8) & 255}.${i & 255}`));
    let started = performance.now();
    const err = await sending(many).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(NoClientIpError);
    expect((err as NoClientIpError).skipped.internal).toBe(LIMITS.maxReceivedFields);
    // The public hop past the bound is not looked for.
    const past = [...many.slice(0, LIMITS.maxReceivedFields), postfix('192.0.2.10')];
    await expect(sending(past)).rejects.toBeInstanceOf(NoClientIpError);

    const long = `${postfix('192.0.2.10').replace('; ', ` ${'(x) '.repeat(200_000)}; `)}`;
    started = performance.now();
    const result = await sending([long]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.clientIp).toBe('192.0.2.10');
    expect(result.clientIpSource.text!.length).toBeLessThanOrEqual(LIMITS.receivedShownChars + 1);
  });
});

// ---------------------------------------------------------------------------------------------
// Whole reports

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
      'mail.example.com': { A: ['192.0.2.10'] },
      '10.2.0.192.in-addr.arpa': { PTR: ['mail.example.com'] },
    },
  });
});
afterAll(() => dns.stop());

const RETURN_PATH = 'Return-Path: <alice@example.com>';
/** Delivered by 192.0.2.10 (inside example.com's SPF) to Gmail; the sender forged a field below naming 203.0.113.66. */
const GMAIL_DELIVERY = message([gmailInternal, gmailEdge('192.0.2.10'), FORGED], [RETURN_PATH]);
/** Delivered by 198.51.100.7, outside example.com's SPF; the forged field names an address inside it. */
const OUTSIDE_DELIVERY = message(
  [postfix('198.51.100.7'), `from x (x [192.0.2.99]) by y with ESMTP; ${DATE}`],
  [RETURN_PATH],
);
const NO_RECEIVED = message([], [RETURN_PATH]);

function expectFromReceived(report: Report, ip: string, header: number) {
  expect(report.envelope).toMatchObject({
    clientIp: ip,
    helo: 'mail.example.com',
    mailFrom: 'alice@example.com',
    tls: TLS13,
    clientIpSource: { kind: 'received', header, taken: ['helo', 'tls'] },
  });
  const finding = report.checks.find((c) => c.id === 'envelope.from-received')!;
  expect(finding).toMatchObject({ category: 'transport', status: 'info', deduction: 0 });
  expect(finding.detail).toContain(report.envelope.clientIpSource!.text!);
}

describe('a report without a given IP', () => {
  let resolver: DnsResolver;
  beforeAll(() => {
    resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 500 });
  });

  it('uses the chosen hop for SPF, reverse DNS, HELO and TLS, and says which header it was', async () => {
    const report = await analyzeMessage(GMAIL_DELIVERY, {}, { resolver, lang: 'en' });
    expectFromReceived(report, '192.0.2.10', 2);
    expect(report.auth.spf).toMatchObject({ result: 'pass', domain: 'example.com' });
    expect(report.auth.iprev).toMatchObject({ result: 'pass', ptr: ['mail.example.com'] });
    expect(report.gmail.redLock).toBe(false);
    expect(report.checks[0]!.id).toBe('envelope.from-received');
    const finding = report.checks[0]!;
    expect(finding.title).toBe('Sending IP 192.0.2.10 read from Received header 2');
    expect(finding.detail).toContain('1 in all');
    expect(finding.detail).not.toContain('203.0.113.66');
    expect(finding.fix).toContain('--ip');
    expect(finding.fix).toContain('?ip=');
  });

  it('never reads the forged field below: SPF fails for the real sender', async () => {
    const report = await analyzeMessage(OUTSIDE_DELIVERY, {}, { resolver, lang: 'ja' });
    expect(report.envelope.clientIp).toBe('198.51.100.7');
    expect(report.auth.spf.result).toBe('fail');
    const finding = report.checks.find((c) => c.id === 'envelope.from-received')!;
    expect(finding.title).toContain('上から 1 番目');
    expect(finding.detail).toContain('HELO 名と TLS の記録もあわせて使いました');
  });

  it('adds no finding when the IP is given', async () => {
    const report = await analyzeMessage(GMAIL_DELIVERY, { clientIp: '192.0.2.10' }, { resolver, lang: 'en' });
    expect(report.checks.map((c) => c.id)).not.toContain('envelope.from-received');
    expect(report.envelope).toMatchObject({ helo: null, tls: null, clientIpSource: { kind: 'given' } });
  });
});

// ---------------------------------------------------------------------------------------------
// The real CLI (npm test builds dist/ first)

const dir = mkdtempSync(join(tmpdir(), 'mailscore-first-hop-'));
const file = (name: string, raw: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, raw);
  return path;
};

const cli = (args: string[]) => runCliProcess(args, { MAILSCORE_SPAMD: 'off', MAILSCORE_RSPAMD: 'off' });

describe('mailscore analyze without --ip', () => {
  it('reports on the chosen hop, and SPF used it', async () => {
    const path = file('gmail.eml', GMAIL_DELIVERY);
    const { code, stdout, stderr } = await cli(['analyze', path, '--dns', dns.address, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expectFromReceived(report, '192.0.2.10', 2);
    expect(report.auth.spf.result).toBe('pass');
  });

  it('skips --trusted-relay hops (repeated and comma lists)', async () => {
    const path = file('m365.eml', message(M365_CHAIN, [RETURN_PATH]));
    const { code, stdout } = await cli([
      'analyze',
      path,
      '--dns',
      dns.address,
      '--trusted-relay',
      '10.0.0.0/8,2603:10a6:208::/48',
      '--trusted-relay',
      '2603:10a6:10::/48',
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.envelope).toMatchObject({
      clientIp: '192.0.2.10',
      clientIpSource: { kind: 'received', header: 3, skipped: 2 },
    });
    expect(report.auth.spf.result).toBe('pass');
  });

  it.each([
    [['analyze', 'none.eml'], /^mailscore: the message has no Received header .*--ip <client-ip>$/],
    [
      ['analyze', 'none.eml', '--trusted-relay', '10.0.0.0/99'],
      /^mailscore: --trusted-relay: not an IP address, CIDR block or host name: "10.0.0.0\/99"$/,
    ],
  ])('%j: exit 2 with one line', async (args, words) => {
    file('none.eml', NO_RECEIVED);
    const { code, stdout, stderr } = await cli([
      ...args.map((a) => (a === 'none.eml' ? join(dir, a) : a)),
      '--dns',
      dns.address,
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(words);
  });

  it('keeps --ip exactly as before', async () => {
    const path = file('given.eml', GMAIL_DELIVERY);
    const { code, stdout } = await cli([
      'analyze',
      path,
      '--ip',
      '198.51.100.7',
      '--dns',
      dns.address,
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.envelope).toMatchObject({ clientIp: '198.51.100.7', helo: null, tls: null });
    expect(report.auth.spf.result).toBe('fail');
  });
});

// ---------------------------------------------------------------------------------------------
// POST /api/analyze through the real fastify app

describe('POST /api/analyze without ip', () => {
  let service: TestService;
  let app: FastifyInstance;
  beforeAll(async () => {
    service = testService(dns);
    app = await buildHttpApp(service.ctx, IDLE_WORKER);
  });
  afterEach(() => undefined);
  afterAll(async () => {
    await app.close();
    await service.cleanup();
  });

  const post = (query: string, payload: Buffer) =>
    app.inject({
      method: 'POST',
      url: `/api/analyze${query}`,
      payload,
      headers: { 'content-type': 'message/rfc822' },
    });

  it('reports on the chosen hop, and SPF used it', async () => {
    const res = await post('', GMAIL_DELIVERY);
    expect(res.statusCode).toBe(200);
    const report = res.json() as Report;
    expectFromReceived(report, '192.0.2.10', 2);
    expect(report.auth.spf.result).toBe('pass');
  });

  it('takes ?trustedRelay= and an explicit empty ?tls=', async () => {
    const res = await post('?trustedRelay=2603:10a6::/32&tls=', message(M365_CHAIN, [RETURN_PATH]));
    expect(res.statusCode).toBe(200);
    const report = res.json() as Report;
    expect(report.envelope).toMatchObject({ clientIp: '192.0.2.10', tls: null });
    expect(report.envelope.clientIpSource).toMatchObject({ header: 3, taken: ['helo'] });
  });

  it.each([
    ['', NO_RECEIVED, 'no_client_ip', /no Received header.*\?ip=/],
    ['', message([postfixPlain('10.1.1.1')]), 'no_client_ip', /1 from a private or reserved address/],
    ['?trustedRelay=not%20a%20host', GMAIL_DELIVERY, 'bad_request', /trustedRelay: not an IP address/],
    ['?trustedRelay=a&trustedRelay=b', GMAIL_DELIVERY, 'bad_request', /once/],
  ])('%s → 400 %s', async (query, payload, code, words) => {
    const res = await post(query, payload);
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; message: string } };
    expect(error.code).toBe(code);
    expect(error.message).toMatch(words);
  });
});
