import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks, type LinkCheckOptions } from '../../src/checks/links.js';
import { addressProblem, specialBlock } from '../../src/checks/links/address.js';
import { linkContexts } from '../../src/checks/links/context.js';
import {
  candidateUrls,
  checkUrls,
  listUnsubscribeUrls,
  looksLikeUnsubscribe,
  reachabilityFindings,
  type LinkCheckResult,
} from '../../src/checks/links/reachability.js';
import { parseIp } from '../../src/checks/iprev.js';
import type { CheckContext } from '../../src/checks/types.js';
import type { ContentLink, ContentModel } from '../../src/content/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { parseMessage } from '../../src/message/parse.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

describe('addresses the checker may connect to', () => {
  // prettier-ignore
  it.each([
    ['0.0.0.0', '0.0.0.0/8'], ['10.1.2.3', '10.0.0.0/8'], ['100.64.0.1', '100.64.0.0/10'], ['127.0.0.1', '127.0.0.0/8'],
    ['169.254.169.254', '169.254.0.0/16'], ['172.16.0.1', '172.16.0.0/12'], ['172.31.255.255', '172.16.0.0/12'],
    ['192.0.0.8', '192.0.0.0/24'], ['192.0.2.1', '192.0.2.0/24'], ['192.88.99.1', '192.88.99.0/24'],
    ['192.168.1.1', '192.168.0.0/16'], ['198.18.0.1', '198.18.0.0/15'], ['198.51.100.1', '198.51.100.0/24'],
    ['203.0.113.1', '203.0.113.0/24'], ['224.0.0.1', '224.0.0.0/4'], ['239.255.255.250', '224.0.0.0/4'],
    ['240.0.0.1', '240.0.0.0/4'], ['255.255.255.255', '240.0.0.0/4'],
    ['::', '::/128'], ['::1', '::1/128'], ['::ffff:127.0.0.1', '127.0.0.0/8'], ['::ffff:10.0.0.1', '10.0.0.0/8'],
    ['64:ff9b::a00:1', '64:ff9b::/96'], ['64:ff9b:1::1', '64:ff9b:1::/48'], ['100::1', '100::/64'],
    ['2001::1', '2001::/23'], ['2001:db8::1', '2001:db8::/32'], ['2002:c000:201::1', '2002::/16'],
    ['3fff::1', '3fff::/20'], ['fc00::1', 'fc00::/7'], ['fd12:3456::1', 'fc00::/7'], ['fe80::1', 'fe80::/10'],
    ['fec0::1', 'fec0::/10'], ['ff02::1', 'ff00::/8'], ['::192.0.2.1', '::/0 outside 2000::/3'], ['4000::1', '::/0 outside 2000::/3'],
  ])('%s is refused (%s)', (address, block) => {
    expect(addressProblem(address)?.block).toBe(block);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '2a00:1450:4001::200e',
    '64:ff9b::808:808',
  ])('%s is public', (address) => expect(specialBlock(parseIp(address)!)).toBeNull());

  it('refuses what is not an address', () => expect(addressProblem('example.com')).not.toBeNull());
});

describe('unsubscribe links are recognized', () => {
  // prettier-ignore
  it.each([
    ['https://x.example/u', 'Unsubscribe'], ['https://x.example/u', 'unsubscribe from this list'],
    ['https://x.example/unsubscribe?id=1', 'here'], ['https://x.example/opt-out', 'x'], ['https://x.example/a?optout=1', 'x'],
    ['https://x.example/u', '配信停止はこちら'], ['https://x.example/u', 'メールの登録解除'], ['https://x.example/u', '購読解除'],
    ['https://x.example/%E9%85%8D%E4%BF%A1%E5%81%9C%E6%AD%A2', 'こちら'], ['https://x.example/u', 'Se désabonner'],
    ['https://x.example/u', 'Abmelden'], ['https://x.example/u', 'darse de baja'], ['https://x.example/u', '退订'],
    ['https://x.example/u', '수신거부'], ['https://x.example/u', 'Manage preferences'],
  ])('%s %j', (href, text) => expect(looksLikeUnsubscribe({ href, text })).toBe(true));

  it.each([
    ['https://x.example/sale', 'Shop now'],
    ['https://x.example/about', 'About us'],
    ['https://x.example/ja', '詳しくはこちら'],
  ])('not %s %j', (href, text) => expect(looksLikeUnsubscribe({ href, text })).toBe(false));

  // prettier-ignore
  it.each([
    ['<p>配信停止は<a href="https://x.example/s?a=1&amp;b=2">こちら</a>から</p>', 'https://x.example/s?a=1&b=2', true],
    ['<p>こちらから<a href="https://x.example/s">手続き</a>。配信停止</p>', 'https://x.example/s', true],
    ['<p>Click <a href=\'https://x.example/s\'>here</a> to unsubscribe.</p>', 'https://x.example/s', true],
    ['<td>To unsubscribe, <a class="l" href=https://x.example/s>click here</a></td>', 'https://x.example/s', true],
    ['<p><a href="https://x.example/new">新商品</a></p><p>配信停止は<a href="https://x.example/s">こちら</a></p>', 'https://x.example/new', false],
    ['<p>Our <a href="https://x.example/sale">sale</a> ends today.</p><br>Unsubscribe: reply STOP', 'https://x.example/sale', false],
  ])('context of a link in %j', (html, href, unsubscribe) => {
    const context = linkContexts(html).get(href);
    expect(context).toBeDefined();
    expect(looksLikeUnsubscribe({ href, text: '' }, context)).toBe(unsubscribe);
  });

  it('reads hostile HTML in linear time', () => {
    const html = '<a href="x" '.repeat(50_000) + '<a href=y>'.repeat(50_000);
    const started = Date.now();
    const contexts = linkContexts(html);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(contexts.size).toBeLessThanOrEqual(1_000);
  });

  it('reads the List-Unsubscribe URLs', async () => {
    const message = await parseMessage(
      Buffer.from(
        'From: a@example.com\r\nList-Unsubscribe: <mailto:u@example.com?subject=u>,\r\n <https://example.com/lu/1#x>\r\nSubject: s\r\n\r\nbody\r\n',
      ),
    );
    expect([...listUnsubscribeUrls(message)]).toEqual([
      'mailto:u@example.com?subject=u',
      'https://example.com/lu/1',
    ]);
  });
});

const link = (href: string, text = 'link', source: ContentLink['source'] = 'html'): ContentLink => ({
  href,
  text,
  source,
  host: '',
  domain: '',
  scheme: '',
});

describe('candidate URLs', () => {
  it('keeps distinct http(s) URLs, drops unsubscribe ones everywhere, bounds the count', () => {
    const links = [
      link('https://a.example/1#top'),
      link('https://a.example/1'),
      link('mailto:x@a.example'),
      link('ftp://a.example/file'),
      link('https://a.example/bye', 'Unsubscribe'),
      link('https://a.example/bye', 'click here'),
      link('https://a.example/lu'),
      ...Array.from({ length: 15 }, (_, i) => link(`https://b.example/${i}`)),
    ];
    const candidates = candidateUrls(links, new Set(['https://a.example/lu']));
    expect(candidates.urls[0]).toBe('https://a.example/1');
    expect(candidates.urls).not.toContain('https://a.example/bye');
    expect(candidates.urls).not.toContain('https://a.example/lu');
    expect(candidates.urls).toHaveLength(10);
    expect(candidates.overLimit).toBe(6);
    expect(candidates.skipped).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------
// Against local HTTP servers

interface Seen {
  method: string;
  path: string;
  host: string;
  servername?: string;
}

let dns: FixtureDnsServer;
let site: http.Server;
let internal: http.Server | null = null;
let secure: https.Server;
let port = 0;
let internalPort = 0;
let securePort = 0;
let ca = '';
const seen: Seen[] = [];
const internalSeen: Seen[] = [];

function route(request: http.IncomingMessage, response: http.ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  const redirect = (to: string, status = 302) => {
    response.writeHead(status, { location: to });
    response.end();
  };
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (chain) {
    const left = Number(chain[1]);
    return left > 0 ? redirect(`/chain/${left - 1}`, left % 2 ? 301 : 302) : void response.end('end');
  }
  switch (path) {
    case '/ok':
    case '/unsub-target':
      return void response.end('ok');
    case '/head405':
      if (request.method === 'HEAD') return void response.writeHead(405).end();
      return void response.end('got it');
    case '/head501':
      response.writeHead(request.method === 'HEAD' ? 501 : 200);
      return void response.end();
    case '/head404-get200':
      response.writeHead(request.method === 'HEAD' ? 404 : 200);
      return void response.end();
    case '/missing':
      return void response.writeHead(404).end();
    case '/error':
      return void response.writeHead(503).end();
    case '/forbidden':
      return void response.writeHead(403).end();
    case '/slow':
      return; // never answers: the client's timeout ends it
    case '/big-body':
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void response.end(Buffer.alloc(4 * 1024 * 1024));
    case '/loop':
      return redirect('/loop');
    case '/to-internal':
      return redirect(`http://internal.test:${internalPort}/secret`);
    case '/to-private-ip':
      return redirect('http://10.0.0.1/admin');
    case '/to-metadata':
      return redirect('http://169.254.169.254/latest/meta-data/');
    case '/to-decimal-loopback':
      return redirect(`http://2130706433:${port}/ok`);
    case '/to-mailto':
      return redirect('mailto:someone@example.com');
    case '/to-other-host':
      return redirect(`http://site2.test:${port}/ok`, 301);
    case '/bad-location':
      return redirect('http://exa mple.com/');
    default:
      return void response.writeHead(404).end();
  }
}

const listen = (server: http.Server | https.Server, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });

beforeAll(async () => {
  site = http.createServer((request, response) => {
    seen.push({ method: request.method!, path: request.url!, host: request.headers.host ?? '' });
    route(request, response);
  });
  port = await listen(site, '127.0.0.1');
  // A second server on another loopback address, standing for an internal service a redirect tries to reach.
  const second = http.createServer((request, response) => {
    internalSeen.push({ method: request.method!, path: request.url!, host: request.headers.host ?? '' });
    response.end('secret');
  });
  internalPort = await listen(second, '127.0.0.2').catch(() => 0);
  internal = internalPort ? second : null;

  const pems = await generate([{ name: 'commonName', value: 'secure.test' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'secure.test' }] }],
  });
  ca = pems.cert;
  secure = https.createServer({ cert: pems.cert, key: pems.private }, (request, response) => {
    seen.push({
      method: request.method!,
      path: request.url!,
      host: request.headers.host ?? '',
      servername: (request.socket as TLSSocket).servername || '',
    });
    route(request, response);
  });
  securePort = await listen(secure, '127.0.0.1');

  dns = await startFixtureDns({
    zone: {
      'site.test': { A: ['127.0.0.1'] },
      'site2.test': { A: ['127.0.0.1'] },
      'secure.test': { A: ['127.0.0.1'] },
      'wrongname.test': { A: ['127.0.0.1'] },
      'internal.test': { A: ['127.0.0.2'] },
      'mixed.test': { A: ['127.0.0.1', '10.0.0.5'] },
      'v6private.test': { A: ['127.0.0.1'], AAAA: ['fd00::1'] },
      'noaddress.test': { TXT: ['no address here'] },
      'slowdns.test': { TIMEOUT: true },
    },
  });
});

afterAll(async () => {
  await dns.stop();
  for (const server of [site, internal, secure]) {
    if (server) await new Promise((resolve) => server.close(resolve));
  }
});

function dnsSession(deadlineMs = 5_000): DnsSession {
  const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 250, retries: 0 });
  return new DnsSession(resolver, deadlineMs);
}

const LOCAL = { allowAddresses: ['127.0.0.1'], requestTimeoutMs: 400 };

async function check(url: string, options = LOCAL): Promise<LinkCheckResult> {
  const session = dnsSession();
  try {
    const [result] = await checkUrls(session, [url], options);
    return result!;
  } finally {
    session.close();
  }
}

const requestsTo = (path: string) => seen.filter((s) => s.path === path).map((s) => s.method);

describe('link reachability against local HTTP servers', () => {
  // prettier-ignore
  const cases: Array<{ name: string; path: string; status: string; httpStatus?: number | null; redirects?: number; error?: string }> = [
    { name: '200', path: '/ok', status: 'ok', httpStatus: 200, redirects: 0 },
    { name: 'redirect chain of 3', path: '/chain/3', status: 'ok', httpStatus: 200, redirects: 3 },
    { name: 'redirect chain of 5 (the cap) still ends', path: '/chain/5', status: 'ok', redirects: 5 },
    { name: 'redirect chain of 6 is cut', path: '/chain/6', status: 'redirect-limit', redirects: 5 },
    { name: 'redirect loop is cut', path: '/loop', status: 'redirect-limit', redirects: 5 },
    { name: '405 on HEAD, GET works', path: '/head405', status: 'ok', httpStatus: 200 },
    { name: '501 on HEAD, GET works', path: '/head501', status: 'ok', httpStatus: 200 },
    { name: '404 on HEAD only, GET works', path: '/head404-get200', status: 'ok', httpStatus: 200 },
    { name: '404', path: '/missing', status: 'broken', httpStatus: 404 },
    { name: '503', path: '/error', status: 'broken', httpStatus: 503 },
    { name: '403 is a refusal of robots, not a broken link', path: '/forbidden', status: 'refused-check', httpStatus: 403 },
    { name: 'slow server times out', path: '/slow', status: 'unreachable', error: 'ETIMEOUT' },
    { name: 'a large body is not read', path: '/big-body', status: 'ok', httpStatus: 200 },
    { name: 'redirect to a private IP is refused', path: '/to-private-ip', status: 'private', redirects: 1 },
    { name: 'redirect to the metadata service is refused', path: '/to-metadata', status: 'private', redirects: 1 },
    { name: 'redirect to mailto: ends the walk', path: '/to-mailto', status: 'ok', httpStatus: 302 },
    { name: 'redirect to another host is resolved again', path: '/to-other-host', status: 'ok', httpStatus: 200, redirects: 1 },
    { name: 'unparseable Location', path: '/bad-location', status: 'unreachable', error: 'EBADREDIRECT' },
  ];

  it.each(cases)('$name', async ({ path, status, httpStatus, redirects, error }) => {
    const result = await check(`http://site.test:${port}${path}`);
    expect(result.status).toBe(status);
    if (httpStatus !== undefined) expect(result.httpStatus).toBe(httpStatus);
    if (redirects !== undefined) expect(result.redirects).toBe(redirects);
    if (error !== undefined) expect(result.error).toBe(error);
  });

  it('sends HEAD first and GET only when HEAD gets an error status', async () => {
    await check(`http://site.test:${port}/ok`);
    await check(`http://site.test:${port}/head405`);
    expect(requestsTo('/ok').every((method) => method === 'HEAD')).toBe(true);
    expect(requestsTo('/head405').slice(-2)).toEqual(['HEAD', 'GET']);
  });

  it('keeps the name in the Host header while connecting to the checked address', async () => {
    await check(`http://site.test:${port}/ok?hostcheck=1`);
    expect(seen.find((s) => s.path === '/ok?hostcheck=1')?.host).toBe(`site.test:${port}`);
  });

  it('refuses a host that resolves to 127.0.0.1 unless the test option allows it, and sends nothing', async () => {
    const before = seen.length;
    const result = await check(`http://site.test:${port}/ok?refused=1`, {
      allowAddresses: [],
      requestTimeoutMs: 400,
    });
    expect(result).toMatchObject({
      status: 'private',
      address: '127.0.0.1',
      block: { block: '127.0.0.0/8' },
    });
    expect(seen.length).toBe(before);
  });

  it('refuses an IP literal, however it is written', async () => {
    for (const url of [
      `http://127.0.0.1:${port}/ok`,
      `http://2130706433:${port}/ok`,
      `http://0x7f.1:${port}/ok`,
      `http://[::1]:${port}/ok`,
    ]) {
      const result = await check(url, { allowAddresses: [], requestTimeoutMs: 400 });
      expect(result.status, url).toBe('private');
    }
  });

  it('refuses a redirect to an internal host and never connects to it', async () => {
    const result = await check(`http://site.test:${port}/to-internal`);
    expect(result).toMatchObject({ status: 'private', address: '127.0.0.2', redirects: 1 });
    expect(result.finalUrl).toBe(`http://internal.test:${internalPort}/secret`);
    expect(internalSeen).toEqual([]);
  });

  it('refuses a redirect to a decimal loopback address', async () => {
    // 127.0.0.1 is allowed for the test server itself: use a setting that allows nothing but the DNS name's check.
    const result = await check(`http://site.test:${port}/to-decimal-loopback`, {
      allowAddresses: ['127.0.0.1'],
      requestTimeoutMs: 400,
    });
    // The allowed address is allowed whichever way it is written (the URL parser makes it 127.0.0.1)...
    expect(result.status).toBe('ok');
    // ...and without the allowance the first hop is already refused.
    const refused = await check(`http://site.test:${port}/to-decimal-loopback`, {
      allowAddresses: [],
      requestTimeoutMs: 400,
    });
    expect(refused.status).toBe('private');
  });

  it('checks every address of a host: one private address refuses it', async () => {
    const before = seen.length;
    expect(await check(`http://mixed.test:${port}/ok`)).toMatchObject({
      status: 'private',
      address: '10.0.0.5',
    });
    expect(await check(`http://v6private.test:${port}/ok`)).toMatchObject({
      status: 'private',
      address: 'fd00::1',
    });
    expect(seen.length).toBe(before);
  });

  it.each([
    ['nothing.test', 'ENOTFOUND'],
    ['noaddress.test', 'ENODATA'],
    ['slowdns.test', 'ETIMEOUT'],
  ])('DNS failure of %s: unreachable (%s)', async (host, error) => {
    expect(await check(`http://${host}/`)).toMatchObject({ status: 'unreachable', error });
  });

  it('a connection refused is unreachable', async () => {
    const closed = http.createServer();
    const closedPort = await listen(closed, '127.0.0.1');
    await new Promise((resolve) => closed.close(resolve));
    expect(await check(`http://site.test:${closedPort}/`)).toMatchObject({
      status: 'unreachable',
      error: 'ECONNREFUSED',
    });
  });

  it('https: SNI and Host carry the name, the certificate is checked against it', async () => {
    const result = await check(`https://secure.test:${securePort}/ok?tls=1`, {
      ...LOCAL,
      ca,
    } as typeof LOCAL);
    expect(result).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(seen.find((s) => s.path === '/ok?tls=1')).toMatchObject({
      servername: 'secure.test',
      host: `secure.test:${securePort}`,
    });
    const wrong = await check(`https://wrongname.test:${securePort}/ok`, { ...LOCAL, ca } as typeof LOCAL);
    expect(wrong).toMatchObject({ status: 'unreachable', error: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    const untrusted = await check(`https://secure.test:${securePort}/ok`);
    expect(untrusted.status).toBe('unreachable');
  });

  it('runs a few at once and stops at its deadline', async () => {
    const session = dnsSession();
    const urls = Array.from({ length: 8 }, (_, i) => `http://site.test:${port}/slow?n=${i}`);
    const started = Date.now();
    const results = await checkUrls(session, urls, {
      allowAddresses: ['127.0.0.1'],
      requestTimeoutMs: 2_000,
      deadlineMs: 300,
    });
    session.close();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('not-checked'));
    // Four at once: the other four never started.
    const started8 = seen.filter((s) => s.path.startsWith('/slow?n=')).map((s) => s.path);
    expect(new Set(started8).size).toBe(4);
  });
});

describe('reachability findings', () => {
  const result = (
    status: LinkCheckResult['status'],
    extra: Partial<LinkCheckResult> = {},
  ): LinkCheckResult => ({
    url: `https://x.example/${status}`,
    status,
    httpStatus: null,
    error: null,
    address: null,
    block: null,
    finalUrl: `https://x.example/${status}`,
    redirects: 0,
    ...extra,
  });
  const none = { urls: [], overLimit: 0, skipped: 0 };

  // prettier-ignore
  it.each([
    ['all fine', [result('ok')], ['links.reachable']],
    ['broken', [result('ok'), result('broken', { httpStatus: 404 })], ['links.broken']],
    ['unreachable', [result('unreachable', { error: 'ENOTFOUND' })], ['links.unreachable']],
    ['private', [result('private', { address: '10.0.0.1', block: { block: '10.0.0.0/8', rfc: 'RFC 1918' } })], ['links.private-target']],
    ['too many redirects', [result('redirect-limit', { redirects: 5 })], ['links.redirect-limit']],
    ['a chain of 2 is shown, still reachable', [result('ok', { redirects: 2 })], ['links.redirect-chain', 'links.reachable']],
    ['one redirect is not shown', [result('ok', { redirects: 1 })], ['links.reachable']],
    ['robots refused', [result('refused-check', { httpStatus: 403 })], ['links.check-refused', 'links.reachable']],
    ['deadline', [result('not-checked')], ['links.not-checked']],
    ['nothing to check', [], []],
  ] as const)('%s', (_, results, ids) => {
    expect(reachabilityFindings([...results], none).map((f) => f.id)).toEqual(ids);
  });

  it('says how many were beyond the limit, and words every finding', () => {
    const findings = reachabilityFindings(
      [
        result('broken', { httpStatus: 404 }),
        result('private', { address: '10.0.0.1', block: { block: '10.0.0.0/8', rfc: 'RFC 1918' } }),
      ],
      { urls: [], overLimit: 3, skipped: 1 },
    );
    expect(findings.find((f) => f.id === 'links.not-checked')?.params).toMatchObject({
      count: 3,
      reason: 'limit',
    });
    expect(checkText(findings[0]!, 'en').detail).toContain('https://x.example/broken → 404');
    expect(checkText(findings[1]!, 'ja').detail).toContain('10.0.0.0/8');
  });
});

describe('checkLinks with reachability', () => {
  const contentWith = (links: ContentLink[]): ContentModel =>
    ({
      text: null,
      html: null,
      htmlText: null,
      links,
      images: [],
      attachments: [],
      htmlFacts: null,
      charsets: [],
      truncated: false,
      error: null,
    }) as ContentModel;

  async function run(raw: string, links: ContentLink[], options: LinkCheckOptions) {
    const ctx: CheckContext = {
      message: await parseMessage(Buffer.from(raw)),
      envelope: { clientIp: '192.0.2.1', helo: null, mailFrom: null, rcptTo: [], tls: null },
      dns: dnsSession(),
      now: new Date(),
    };
    try {
      return await checkLinks(ctx, contentWith(links), options);
    } finally {
      ctx.dns.close();
    }
  }

  it('never fetches unsubscribe, opt-out or List-Unsubscribe URLs', async () => {
    const base = `http://site.test:${port}`;
    const raw = `From: a@example.com\r\nList-Unsubscribe: <${base}/unsub-target?h=1>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nSubject: s\r\n\r\nbody\r\n`;
    const output = await run(
      raw,
      [
        link(`${base}/ok?news=1`, 'Read the news'),
        link(`${base}/unsub-target?a=1`, 'Unsubscribe'),
        link(`${base}/unsub-target?b=1`, '配信停止はこちら'),
        link(`${base}/unsub-target?c=1&optout=1`, 'here'),
        link(`${base}/unsub-target?h=1`, 'Manage your account'),
        link(`${base}/unsub-target?h=1`, 'x', 'text'),
      ],
      { reachability: true, testing: LOCAL },
    );
    expect(seen.filter((s) => s.path.startsWith('/unsub-target'))).toEqual([]);
    expect(requestsTo('/ok?news=1')).toEqual(['HEAD']);
    expect(output.findings.find((f) => f.id === 'links.reachable')?.params).toEqual({ count: 1, skipped: 4 });
  });

  it('fetches nothing when reachability is off', async () => {
    const before = seen.length;
    const output = await run(
      'From: a@example.com\r\nSubject: s\r\n\r\nbody\r\n',
      [link(`http://site.test:${port}/ok?off=1`)],
      {
        reachability: false,
      },
    );
    expect(seen.length).toBe(before);
    expect(output.result.reachability).toBeNull();
    expect(output.findings.some((f) => f.id.startsWith('links.reach'))).toBe(false);
  });

  it('without the test option, local links are refused and reported', async () => {
    const before = seen.length;
    const output = await run(
      'From: a@example.com\r\nSubject: s\r\n\r\nbody\r\n',
      [link(`http://site.test:${port}/ok?prod=1`)],
      {
        reachability: true,
      },
    );
    expect(seen.length).toBe(before);
    expect(output.findings.find((f) => f.id === 'links.private-target')?.params).toMatchObject({
      count: 1,
      address: '127.0.0.1',
      block: '127.0.0.0/8',
      rfc: 'RFC 1122',
    });
  });
});
