/**
 * The link checks on real messages, through the one pipeline: decoded by extractContent (quoted-printable,
 * base64, ISO-2022-JP), the URI blocklists on the fixture DNS server, reachability against a local HTTP server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { loadConfig } from '../../src/service/config.js';
import { analyze } from '../../src/pipeline/analyze.js';
import type { LinkCheckOptions } from '../../src/checks/links.js';
import type { Report } from '../../src/report/types.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

let dns: FixtureDnsServer;
let resolver: DnsResolver;
let server: http.Server;
let port = 0;
const requested: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    requested.push(`${request.method} ${request.url}`);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/gone') return void response.writeHead(404).end();
    if (path === '/hop') return void response.writeHead(302, { location: '/hop2' }).end();
    if (path === '/hop2') return void response.writeHead(302, { location: '/ok' }).end();
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  dns = await startFixtureDns({
    zone: {
      'phish-login.com.dbl.spamhaus.org': { A: ['127.0.1.4'] },
      'phish-login.com.multi.uribl.com': { A: ['127.0.0.2'] },
      'shop.test': { A: ['127.0.0.1'] },
      'www.shop.test': { A: ['127.0.0.1'] },
    },
  });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
});
afterAll(async () => {
  await dns.stop();
  await new Promise((resolve) => server.close(resolve));
});

const ENVELOPE = { clientIp: '192.0.2.1', helo: 'mail.example.com', mailFrom: 'a@example.com' };

async function report(raw: string | Buffer, links?: LinkCheckOptions): Promise<Report> {
  const bytes = typeof raw === 'string' ? Buffer.from(raw.replace(/\r?\n/g, '\r\n')) : raw;
  return (await analyze(bytes, ENVELOPE, { resolver, lang: 'en', links, deadlineMs: 3_000 })).report;
}

const linkChecks = (r: Report) =>
  Object.fromEntries(r.checks.filter((c) => c.id.startsWith('links.')).map((c) => [c.id, c]));

const qp = (html: string) =>
  html
    .replace(/=/g, '=3D')
    .split('\n')
    .map((line) => line.match(/.{1,70}/g)?.join('=\n') ?? '')
    .join('\n');

describe('a phishing message', () => {
  const html = `<html><body>
<p>Your account is locked. <a href="http://paypal.com@phish-login.com/verify">www.paypal.com</a></p>
<p><a href="https://bit.ly/3xYz">Track your parcel</a> or <a href="http://3232235777/">open</a>.</p>
<p><a href="https://xn--pypal-4ve.com/signin">Sign in</a></p>
</body></html>`;
  const raw = `From: "PayPal" <service@paypa1-support.example>
To: you@example.net
Subject: Account locked
Date: Tue, 07 Jan 2025 10:00:00 +0000
Message-ID: <p1@paypa1-support.example>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

${qp(html)}
`;

  it('shows every deceptive sign and the blocklist listing, each with its deduction', async () => {
    const checks = linkChecks(await report(raw));
    expect(Object.keys(checks).sort()).toEqual([
      'links.ip-host',
      'links.lookalike',
      'links.shortener',
      'links.text-mismatch',
      'links.uribl-listed',
      'links.userinfo',
    ]);
    expect(checks['links.text-mismatch']!.detail).toContain('paypal.com → phish-login.com');
    expect(checks['links.userinfo']!.detail).toContain('paypal.com@phish-login.com');
    expect(checks['links.ip-host']!.detail).toContain('one decimal number');
    expect(checks['links.lookalike']!.detail).toContain('xn--pypal-4ve.com (pаypal.com)');
    expect(checks['links.uribl-listed']!).toMatchObject({
      category: 'blocklists',
      status: 'fail',
      deduction: 2,
    });
    expect(checks['links.uribl-listed']!.title).toBe(
      'phish-login.com is on the URI blocklist dbl.spamhaus.org',
    );
  });
});

describe('a Japanese newsletter in ISO-2022-JP', () => {
  /** ISO-2022-JP bytes: for JIS X 0208 text the EUC-JP bytes without their high bit, between ESC $ B and ESC ( B. */
  const jis = (text: string) =>
    Buffer.concat(
      (text.match(/[\x00-\x7f]+|[^\x00-\x7f]+/g) ?? []).map((run) =>
        /^[\x00-\x7f]/.test(run)
          ? Buffer.from(run, 'ascii')
          : Buffer.concat([
              Buffer.from([0x1b, 0x24, 0x42]),
              Buffer.from(iconv.encode(run, 'EUC-JP').map((b) => b & 0x7f)),
              Buffer.from([0x1b, 0x28, 0x42]),
            ]),
      ),
    );
  const base = () => `http://shop.test:${port}`;
  const message = () => {
    const html = `<html><body><p>新商品のお知らせです。</p>
<p><a href="${base()}/sale">${'www.shop.test'}</a> ／ <a href="https://xn--wgv71a119e.jp/">日本語.jp</a></p>
<p><a href="${base()}/hop">特集ページ</a> <a href="${base()}/gone">旧ページ</a></p>
<p>配信停止は<a href="${base()}/stop?u=1">こちら</a>から。<a href="${base()}/settings">配信停止</a></p>
</body></html>`;
    const head = `From: =?ISO-2022-JP?B?GyRCRTlKXBsoQg==?= <news@shop.test>
To: you@example.net
Subject: =?ISO-2022-JP?B?GyRCPzdPIUlKGyhC?=
Date: Tue, 07 Jan 2025 10:00:00 +0900
Message-ID: <n1@shop.test>
List-Unsubscribe: <${base()}/one-click?u=1>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
MIME-Version: 1.0
Content-Type: text/html; charset=ISO-2022-JP
Content-Transfer-Encoding: base64

`.replace(/\n/g, '\r\n');
    const body = jis(html.replace(/\n/g, '\r\n')).toString('base64').replace(/.{76}/g, '$&\r\n');
    return Buffer.concat([Buffer.from(head), Buffer.from(`${body}\r\n`)]);
  };

  it('finds nothing deceptive in a Japanese domain name, checks the links, never opens the unsubscribe ones', async () => {
    requested.length = 0;
    const checks = linkChecks(
      await report(message(), {
        reachability: true,
        testing: { allowAddresses: ['127.0.0.1'], requestTimeoutMs: 500 },
      }),
    );
    expect(checks['links.clean']).toBeDefined();
    expect(checks['links.uribl-clean']).toBeDefined();
    expect(checks['links.broken']!.detail).toContain(`${base()}/gone → 404`);
    expect(checks['links.redirect-chain']!.detail).toContain(`${base()}/ok (2)`);
    // xn--wgv71a119e.jp has no address in the fixture DNS: unreachable, not deceptive.
    expect(checks['links.unreachable']!.detail).toContain('https://xn--wgv71a119e.jp/ → ENOTFOUND');
    expect(requested.some((line) => /stop|settings|one-click/.test(line))).toBe(false);
    expect(requested).toContain('HEAD /sale');
  });

  it('fetches nothing unless asked (the CLI default)', async () => {
    requested.length = 0;
    const checks = linkChecks(await report(message()));
    expect(requested).toEqual([]);
    expect(Object.keys(checks).sort()).toEqual(['links.clean', 'links.uribl-clean']);
  });
});

describe('a plain-text message', () => {
  it('checks the URLs written in the text', async () => {
    const raw = `From: a@example.com
To: b@example.net
Subject: Links
Date: Tue, 07 Jan 2025 10:00:00 +0000
Message-ID: <t1@example.com>

See https://tinyurl.com/abc and www.example.org/page and http://[2001:db8::1]/x
`;
    const checks = linkChecks(await report(raw));
    expect(Object.keys(checks).sort()).toEqual(['links.ip-host', 'links.shortener', 'links.uribl-clean']);
    expect(checks['links.uribl-clean']!.detail).toContain('The 2 registered domains');
  });
});

describe('where reachability is turned on', () => {
  async function cli(args: string[]) {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const env = { MAILSCORE_DNS: dns.address, MAILSCORE_SPAMD: 'off', MAILSCORE_RSPAMD: 'off' };
    const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env });
    return { code, report: JSON.parse(out) as Report };
  }

  it('the CLI fetches links only with --check-links (and even then never a private address)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mailscore-links-')), 'm.eml');
    writeFileSync(
      file,
      `From: a@example.com\r\nTo: b@example.net\r\nSubject: s\r\nDate: Tue, 07 Jan 2025 10:00:00 +0000\r\nMessage-ID: <c1@example.com>\r\nContent-Type: text/html\r\n\r\n<a href="http://shop.test:${port}/cli">Shop</a>\r\n`,
    );
    requested.length = 0;
    const off = await cli(['analyze', file, '--ip', '192.0.2.1', '--json']);
    expect(off.code).toBe(0);
    expect(off.report.checks.map((c) => c.id)).not.toContain('links.private-target');
    const on = await cli(['analyze', file, '--ip', '192.0.2.1', '--json', '--check-links']);
    expect(on.report.checks.map((c) => c.id)).toContain('links.private-target');
    expect(requested).toEqual([]);
  });

  it('the service setting is on by default and can be turned off', () => {
    expect(loadConfig({ env: {} }).checkLinks).toBe(true);
    expect(loadConfig({ env: { MAILSCORE_CHECK_LINKS: 'false' } }).checkLinks).toBe(false);
    // No setting reaches the test-only options: the config has nothing but the switch.
    expect(Object.keys(loadConfig({ env: {} })).filter((key) => /link|allow/i.test(key))).toEqual([
      'checkLinks',
    ]);
  });
});
