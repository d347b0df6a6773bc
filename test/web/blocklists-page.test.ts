/**
 * The blocklist page through the real HTTP app on the fixture DNS server: the form, the redirect to the
 * results URL, the results table (lists, names queried, answers and meanings, allowlists apart), the
 * checks with their fixes, both languages, hostile targets reflected only as escaped text, the rate, and
 * the links to it from the start page and the report.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DnsResolver } from '../../src/dns/resolver.js';
import { analyze } from '../../src/pipeline/analyze.js';
import type { ServiceConfig } from '../../src/service/config.js';
import { ASSETS } from '../../src/web/assets/index.js';
import { renderReport } from '../../src/web/pages/report.js';
import { PAGE_CSP } from '../../src/web/pages/routes.js';
import { buildHttpApp } from '../../src/web/server.js';
import {
  blocklistFixture,
  CLEAN_IP,
  LISTED_IP,
  LISTED_V6,
  TEST_ZONES,
  ZONES,
} from '../support/blocklist-zones.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { IDLE_WORKER, MESSAGE, START, testService, ZONE, type TestService } from './api-support.js';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: { ...ZONE, ...blocklistFixture() } });
});
afterAll(() => dns.stop());

let service: TestService;
let app: FastifyInstance;

async function setUp(overrides: Partial<ServiceConfig> = {}) {
  service = testService(dns, overrides);
  service.ctx.blocklists = TEST_ZONES;
  app = await buildHttpApp(service.ctx, IDLE_WORKER);
}
afterEach(async () => {
  await app?.close();
  await service?.cleanup();
});

type Lang = 'en' | 'ja';
const get = (url: string, remoteAddress = '198.51.100.7') =>
  app.inject({ method: 'GET', url, remoteAddress, headers: { accept: 'text/html' } });

const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

/** No markup of the hostile input survived: parsed as a browser would, it made no element and no handler. */
function expectInert(res: LightMyRequestResponse) {
  const document = parseDocument(res.body);
  const elements = DomUtils.findAll(() => true, document.children);
  expect(elements.filter((e) => e.name === 'img')).toEqual([]);
  expect(elements.filter((e) => e.name === 'script').map((e) => e.attribs.src)).toEqual([ASSETS.script.path]);
  expect(elements.flatMap((e) => Object.keys(e.attribs)).filter((name) => name.startsWith('on'))).toEqual([]);
  expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(DomUtils.textContent(document)).toContain(HOSTILE);
}

/** The rows of a results table as [zone, status] from their data attributes. */
const rows = (body: string, table: string) => {
  const start = body.indexOf(`data-blocklist-table="${table}"`);
  if (start < 0) return [];
  const end = body.indexOf('</table>', start);
  return [...body.slice(start, end).matchAll(/data-zone="([^"]+)"\s+data-status="([^"]+)"/g)].map((m) => [
    m[1],
    m[2],
  ]);
};

const WORDS: Record<Lang, { title: string; listed: RegExp; clean: RegExp; bad: string; special: string }> = {
  en: {
    title: 'Blocklist check',
    listed: /Listed on 2 of 4 blocklists\./,
    clean: /Not listed on any of the 4 blocklists\./,
    bad: 'is neither an IP address nor a domain name',
    special: 'private or special-purpose address (10.0.0.0/8, RFC 1918)',
  },
  ja: {
    title: 'ブロックリスト確認',
    listed: /ブロックリスト 4 件のうち 2 件に掲載されています。/,
    clean: /ブロックリスト 4 件のどれにも掲載されていません。/,
    bad: 'は IP アドレスでもドメイン名でもありません',
    special: 'プライベートまたは特殊用途のアドレス（10.0.0.0/8、RFC 1918）',
  },
};

describe('GET /blocklists (the form)', () => {
  it.each(['en', 'ja'] as const)('shows the form in %s, with the language switch', async (lang) => {
    await setUp();
    const res = await get(`/blocklists?lang=${lang}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(res.body).toContain(`<html lang="${lang}">`);
    expect(res.body).toContain(WORDS[lang].title);
    expect(res.body).toMatch(/<form method="get" action="\/blocklists"/);
    expect(res.body).toContain('name="target"');
    expect(res.body).toContain(`name="lang" value="${lang}"`);
    expect(res.body).toContain(`href="/blocklists?lang=${lang === 'en' ? 'ja' : 'en'}"`);
  });

  it('sends a valid target to its results URL (canonical: lower case, A-labels, compressed IPv6)', async () => {
    await setUp();
    for (const [input, path] of [
      [LISTED_IP, `/blocklists/${LISTED_IP}`],
      ['  Example.COM  ', '/blocklists/example.com'],
      ['例え.jp', '/blocklists/xn--r8jz45g.jp'],
      ['2001:DB8:0:0::25', `/blocklists/${encodeURIComponent(LISTED_V6)}`],
    ]) {
      const res = await get(`/blocklists?target=${encodeURIComponent(input!)}&lang=ja`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${path}?lang=ja`);
    }
  });

  it.each(['en', 'ja'] as const)('shows a refused target on the form, escaped (%s)', async (lang) => {
    await setUp();
    const bad = await get(`/blocklists?target=${encodeURIComponent(HOSTILE)}&lang=${lang}`);
    expect(bad.statusCode).toBe(400);
    expectInert(bad);
    expect(bad.body).toContain(WORDS[lang].bad);
    expect(bad.body).toContain('aria-invalid="true"');
    // The value stays in the field (escaped), and the language switch keeps it.
    expect(bad.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img');
    const special = await get(`/blocklists?target=10.1.2.3&lang=${lang}`);
    expect(special.statusCode).toBe(400);
    expect(special.body).toContain(WORDS[lang].special);
  });

  it('shows the plain form for an empty, repeated or overlong target', async () => {
    await setUp();
    for (const url of [
      '/blocklists?target=',
      '/blocklists?target=a&target=b',
      `/blocklists?target=${'a'.repeat(400)}`,
      '/blocklists/%20',
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('aria-invalid');
    }
  });
});

describe('GET /blocklists/:target (the results)', () => {
  it.each(['en', 'ja'] as const)(
    'lists every answer with its meaning, allowlists apart (%s)',
    async (lang) => {
      await setUp();
      const res = await get(`/blocklists/${LISTED_IP}?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-language']).toBe(lang);
      const { body } = res;
      expect(body).toContain('data-listed="true"');
      expect(body).toMatch(WORDS[lang].listed);
      expect(rows(body, 'blocklists-heading')).toEqual(
        expect.arrayContaining([
          [ZONES.major, 'listed'],
          [ZONES.minor, 'listed'],
          [ZONES.refusing, 'error'],
          [ZONES.silent, 'error'],
        ]),
      );
      expect(rows(body, 'allowlists-heading')).toEqual([[ZONES.allow, 'clean']]);
      // What was queried, the code, and the list's tag.
      expect(body.replaceAll('<wbr />', '')).toContain(`<code>25.100.51.198.${ZONES.major}</code>`);
      expect(body).toContain('<a href="https://lists.example/removal" rel="noreferrer">');
      expect(body).toContain('<code>127.0.0.2</code>');
      expect(body).toMatch(/<li>SBL/);
      // The checks, as on the report page, with their fixes.
      expect(body).toContain('data-category="blocklists"');
      expect(body).toContain('data-check="blocklists.ip-listed"');
      expect(body).toContain('class="fix"');
      // The language switch keeps the target.
      expect(body).toContain(`href="/blocklists/${LISTED_IP}?lang=${lang === 'en' ? 'ja' : 'en'}"`);
    },
  );

  it('says "not listed" for a clean address', async () => {
    await setUp();
    const res = await get(`/blocklists/${CLEAN_IP}?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-listed="false"');
    expect(res.body).toMatch(WORDS.en.clean);
    expect(rows(res.body, 'allowlists-heading')).toEqual([[ZONES.allow, 'listed']]);
  });

  it('shows a bad target on the form with 400, escaped, without asking DNS', async () => {
    await setUp();
    const before = dns.queries.length;
    const res = await get(`/blocklists/${encodeURIComponent(HOSTILE)}?lang=en`);
    expect(res.statusCode).toBe(400);
    expectInert(res);
    expect(dns.queries.length).toBe(before);
    const special = await get('/blocklists/127.0.0.1?lang=ja');
    expect(special.statusCode).toBe(400);
    expect(special.body).toContain('プライベートまたは特殊用途のアドレス');
  });

  it('shares the per-client rate with the API: 429 with Retry-After, then back', async () => {
    await setUp({ lookupsPerMinute: 2 });
    expect((await get(`/blocklists/${CLEAN_IP}`)).statusCode).toBe(200);
    expect(
      (await app.inject({ url: `/api/blocklists/${CLEAN_IP}`, remoteAddress: '198.51.100.7' })).statusCode,
    ).toBe(200);
    const limited = await get(`/blocklists/${CLEAN_IP}?lang=ja`);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toContain('1 分あたり 2 回まで');
    service.setNow(new Date(START.getTime() + 60_000));
    expect((await get(`/blocklists/${CLEAN_IP}`)).statusCode).toBe(200);
  });
});

describe('links to the page', () => {
  it('from the start page', async () => {
    await setUp();
    const res = await get('/?lang=ja');
    expect(res.body).toMatch(/<a href="\/blocklists\?lang=ja" data-blocklist-link/);
  });

  it("from the report's blocklists section, for the report's client IP", async () => {
    const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
    const { report, findings } = await analyze(
      MESSAGE,
      { clientIp: LISTED_IP, mailFrom: 'alice@example.com' },
      { resolver, lang: 'en', now: START },
    );
    const section = (clientIp: string) =>
      renderReport({
        lang: 'en',
        testId: 'a'.repeat(26),
        messageId: 'm1',
        receivedAt: START.toISOString(),
        report: {
          ...report,
          envelope: { ...report.envelope, clientIp },
          blocklists: [
            {
              zone: ZONES.major,
              listed: true,
              status: 'listed',
              codes: ['127.0.0.2'],
              name: 'Major List',
              target: clientIp,
              kind: 'ip',
              role: 'block',
              listings: [{ tag: 'SBL', meaning: 'spam-source', weight: 'major' }],
              weight: 'major',
              error: null,
            },
          ],
        },
        findings,
        headers: null,
        sender: null,
      }).value;
    expect(section(LISTED_IP)).toContain(`href="/blocklists/${LISTED_IP}?lang=en" data-blocklist-link`);
    expect(section('2001:db8::25')).toContain('href="/blocklists/2001%3Adb8%3A%3A25?lang=en"');
    // A private address is on no list: no link.
    expect(section('10.0.0.7')).not.toContain('data-blocklist-link');
  });
});
