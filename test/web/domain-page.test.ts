/**
 * The domain audit page and the generators' page through the real HTTP app on the fixture DNS server: the
 * form and its redirect, the audit's cards (the SPF tree with its counts, DMARC with the plan, DKIM, MX),
 * the checks with copy boxes, both languages, hostile input (typed, in the path, and in DNS answers) only
 * as escaped text, the rate, the links from the start page and the report, and the three generators (the
 * DKIM private key shown once, never cached).
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
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { AUDIT_DOMAIN, AUDIT_SELECTOR, AUDIT_SPF, AUDIT_TREE, auditZone } from '../support/domain-zone.js';
import { IDLE_WORKER, START, testService, type TestService } from './api-support.js';

const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      ...auditZone(),
      // DNS answers are hostile too: markup in TXT records must reach the page as text.
      'hostile.test': { TXT: [`v=spf1 a:x.test ${HOSTILE} -all`] },
      '_dmarc.hostile.test': { TXT: [`v=DMARC1; p=none; rua=mailto:${HOSTILE}`] },
    },
  });
});
afterAll(() => dns.stop());

let service: TestService;
let app: FastifyInstance;

async function setUp(overrides: Partial<ServiceConfig> = {}) {
  service = testService(dns, overrides);
  service.ctx.blocklists = [];
  app = await buildHttpApp(service.ctx, IDLE_WORKER);
}
afterEach(async () => {
  await app?.close();
  await service?.cleanup();
});

const get = (url: string, remoteAddress = '198.51.100.7') =>
  app.inject({ method: 'GET', url, remoteAddress, headers: { accept: 'text/html' } });

/** No markup of the hostile input survived: parsed as a browser would, it made no element and no handler. */
function expectInert(res: LightMyRequestResponse) {
  const document = parseDocument(res.body);
  const elements = DomUtils.findAll(() => true, document.children);
  expect(elements.filter((e) => e.name === 'img')).toEqual([]);
  expect(elements.filter((e) => e.name === 'script').map((e) => e.attribs.src)).toEqual([ASSETS.script.path]);
  expect(elements.flatMap((e) => Object.keys(e.attribs)).filter((name) => name.startsWith('on'))).toEqual([]);
  expect(res.body).not.toContain('<script>alert(1)');
}

const attr = (body: string, selector: RegExp) => [...body.matchAll(selector)].map((m) => m[1]);

describe('GET /domain (the form)', () => {
  it.each([
    ['en', 'Domain audit', 'DKIM selectors'],
    ['ja', 'ドメイン診断', 'DKIM セレクター'],
  ])('shows the form in %s, with the page CSP', async (lang, title, selectors) => {
    await setUp();
    const res = await get(`/domain?lang=${lang}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain(`<h1>${title}</h1>`);
    expect(res.body).toContain(selectors);
    expect(res.body).toMatch(/<form method="get" action="\/domain"/);
    for (const name of ['domain', 'selector', 'ip']) expect(res.body).toContain(`name="${name}"`);
  });

  it('sends a valid request to the audit URL (domain canonical, selectors and IP kept), without any lookup', async () => {
    await setUp();
    const before = dns.queries.length;
    const res = await get('/domain?domain=%20Example.TEST.%20&selector=S2024,%20mail&ip=192.0.2.25&lang=ja');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/domain/example.test?selector=s2024%2Cmail&ip=192.0.2.25&lang=ja');
    const idn = await get('/domain?domain=%E4%BE%8B%E3%81%88.test');
    expect(idn.headers.location).toBe('/domain/xn--r8jz45g.test?lang=en');
    expect(dns.queries.length).toBe(before);
  });

  it.each([
    [`domain=${encodeURIComponent(HOSTILE)}`, 'is not a domain name'],
    ['domain=alice%40example.test', 'Enter its domain only: example.test'],
    ['domain=192.0.2.1', 'is an IP address'],
    [`domain=example.test&selector=${encodeURIComponent(HOSTILE)}`, 'is not a DKIM selector'],
    [`domain=example.test&ip=${encodeURIComponent(HOSTILE)}`, 'is not an IP address'],
    ['domain=example.test&ip=10.0.0.1', 'private or special-purpose address (10.0.0.0/8, RFC 1918)'],
  ])(
    'shows a refused request (%s) on the form with 400, escaped, without asking DNS',
    async (query, words) => {
      await setUp();
      const before = dns.queries.length;
      const res = await get(`/domain?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('role="alert"');
      expect(DomUtils.textContent(parseDocument(res.body))).toContain(words);
      expect(res.body).toContain('aria-invalid="true"');
      expectInert(res);
      expect(dns.queries.length).toBe(before);
    },
  );
});

describe('GET /domain/:domain (the audit)', () => {
  it('shows the score, the checks with copy boxes, and a card per section', async () => {
    await setUp();
    const res = await get(`/domain/${AUDIT_DOMAIN}?selector=${AUDIT_SELECTOR}&ip=192.0.2.25&lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { body } = res;
    expect(body).toContain(`<h1 id="audit-heading">Domain audit of ${AUDIT_DOMAIN}</h1>`);
    expect(body).toMatch(/<svg\s+class="dial"/);
    expect(body).toMatch(/data-domain-audit\s+data-domain="example\.test"\s+data-score="\d+\.\d"/);
    for (const section of ['spf', 'dmarc', 'dkim', 'mx', 'transport', 'ip'])
      expect(body).toContain(`data-section="${section}"`);
    // The SPF record in a copy box, and its tree with each node's own and total counts.
    expect(body).toContain(`data-copy="${AUDIT_SPF}"`);
    for (const node of Object.values(AUDIT_TREE))
      expect(body).toMatch(
        new RegExp(
          `data-spf-node="${node.domain.replace(/\./g, '\\.')}"\\s+data-lookups="${node.lookups}"\\s+data-total="${node.total}"`,
        ),
      );
    expect(body).toContain('include:_spf2.example.test</code>');
    // DMARC: where it was found, and the staged plan, each step in a copy box.
    expect(attr(body, /data-stage="([a-z]+)"/g)).toEqual(['quarantine', 'reject']);
    expect(body).toContain('data-copy="v=DMARC1; p=reject;');
    // The report destination outside the domain has authorized it.
    expect(body).toMatch(/data-report-uri="mailto:reports@reports\.example"\s+data-authorized="true"/);
    // DKIM key and MX host.
    expect(body).toMatch(new RegExp(`data-selector="${AUDIT_SELECTOR}"\\s+data-revoked="false"`));
    expect(body).toContain('RSA, 2048 bits');
    expect(body).toMatch(/data-exchange="mx\.example\.test"\s+data-fcrdns="true"/);
    // The checks, as the report shows them.
    expect(body).toMatch(/data-category="(dns|authentication|transport)"/);
    expect(body).toMatch(
      /<li class="check" data-check="[a-zA-Z]+\.[a-z-]+" data-status="(pass|info|warn|fail|error)"/,
    );
    // The JSON of the same audit.
    expect(body).toContain(
      `href="/api/domains/example.test?lang=en&amp;selector=${AUDIT_SELECTOR}&amp;ip=192.0.2.25" download`,
    );
    // The language switch keeps the selectors and the IP.
    expect(body).toContain(
      `href="/domain/example.test?selector=${AUDIT_SELECTOR}&amp;ip=192.0.2.25&amp;lang=ja"`,
    );
  });

  it('speaks Japanese', async () => {
    await setUp();
    const res = await get(`/domain/${AUDIT_DOMAIN}?lang=ja`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('ja');
    expect(res.body).toContain(`${AUDIT_DOMAIN} のドメイン診断`);
    expect(res.body).toContain('このレコード 1 回、配下を含めて 4 回');
    expect(res.body).toContain('段階的な移行');
  });

  it('shows DNS answers with markup as text only', async () => {
    await setUp();
    const res = await get('/domain/hostile.test');
    expect(res.statusCode).toBe(200);
    expectInert(res);
    expect(DomUtils.textContent(parseDocument(res.body))).toContain(HOSTILE);
  });

  it('shows a hostile path on the form with 400, escaped', async () => {
    await setUp();
    const res = await get(`/domain/${encodeURIComponent(HOSTILE)}?selector=${encodeURIComponent(HOSTILE)}`);
    expect(res.statusCode).toBe(400);
    expectInert(res);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shares the per-client rate with the API: 429 with Retry-After and the form', async () => {
    await setUp({ lookupsPerMinute: 5 });
    expect((await get(`/domain/${AUDIT_DOMAIN}`)).statusCode).toBe(200);
    expect(
      (await app.inject({ url: `/api/domains/${AUDIT_DOMAIN}`, remoteAddress: '198.51.100.7' })).statusCode,
    ).toBe(429);
    const res = await get(`/domain/${AUDIT_DOMAIN}?lang=ja`);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toContain('1 分あたり 1 回まで');
    service.setNow(new Date(START.getTime() + 61_000));
    expect((await get(`/domain/${AUDIT_DOMAIN}`)).statusCode).toBe(200);
  });
});

describe('links to the audit', () => {
  it('from the start page', async () => {
    await setUp();
    const res = await get('/?lang=ja');
    expect(res.body).toMatch(/<a href="\/domain\?lang=ja" data-domain-link/);
  });

  it("from the report, for the sender's (From) domain", async () => {
    const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
    const message = Buffer.from(
      `From: Alice <alice@Mail.Example.TEST>\r\nTo: x@mailscore.test\r\nSubject: hi\r\nDate: Mon, 4 Mar 2030 05:00:00 +0000\r\nMessage-ID: <a@example.test>\r\n\r\nHello.\r\n`,
    );
    const { report, findings } = await analyze(
      message,
      { clientIp: '192.0.2.25', mailFrom: 'alice@mail.example.test' },
      { resolver, lang: 'ja', now: START },
    );
    const page = renderReport({
      lang: 'ja',
      testId: 'a'.repeat(26),
      messageId: 'm1',
      receivedAt: START.toISOString(),
      report,
      findings,
      headers: null,
      sender: { name: 'Alice', address: 'alice@mail.example.test' },
    }).value;
    expect(page).toMatch(/<a href="\/domain\/mail\.example\.test\?lang=ja" data-domain-link/);
    expect(page).toContain('送信者のドメイン mail.example.test を診断する');
    // No From domain, no link.
    const none = renderReport({
      lang: 'en',
      testId: 'a'.repeat(26),
      messageId: 'm1',
      receivedAt: START.toISOString(),
      report: { ...report, message: { ...report.message, from: null } },
      findings,
      headers: null,
      sender: null,
    }).value;
    expect(none).not.toContain('data-domain-link');
  });
});

describe('the generators page', () => {
  it.each([
    ['en', 'Record generator'],
    ['ja', 'レコード作成'],
  ])('shows the three forms in %s', async (lang, title) => {
    await setUp();
    const res = await get(`/generate?lang=${lang}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${title}</h1>`);
    expect(attr(res.body, /data-generate-form="([a-z]+)"/g)).toEqual(['spf', 'dmarc', 'dkim']);
    expect(res.body).toMatch(/method="post"\s+action="\/generate\/dkim\?lang=[a-z]+#dkim"/);
    expect(res.body).toContain('value="google-workspace"');
  });

  it('builds an SPF record from the form (services, addresses), within the limit', async () => {
    await setUp();
    const res = await get('/generate/spf?addresses=192.0.2.25,198.51.100.0/24&all=-&domain=example.test');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      'data-result="spf" data-record="v=spf1 ip4:192.0.2.25 ip4:198.51.100.0/24 -all"',
    );
    expect(res.body).toContain('data-copy="v=spf1 ip4:192.0.2.25 ip4:198.51.100.0/24 -all"');
    // The form keeps what was asked.
    expect(res.body).toMatch(/name="all" value="-"\s+checked/);
  });

  it('refuses SPF input the builder cannot use, saying which, escaped', async () => {
    await setUp();
    const res = await get(`/generate/spf?addresses=${encodeURIComponent(HOSTILE)}&services=nope`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="spf-error"');
    expectInert(res);
  });

  it('builds a DMARC record with the authorization an outside report address needs', async () => {
    await setUp();
    const res = await get(
      '/generate/dmarc?domain=example.test&policy=reject&rua=dmarc@reports.example&lang=ja',
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-record="v=DMARC1; p=reject; rua=mailto:dmarc@reports.example"');
    expect(res.body).toContain(
      'data-copy="example.test._report._dmarc.reports.example. IN TXT &quot;v=DMARC1&quot;"',
    );
    expect(res.body).toContain('_dmarc.example.test の TXT レコードとして公開してください');
  });

  it('refuses a bad DMARC request on its form with 400, escaped', async () => {
    await setUp();
    const res = await get(`/generate/dmarc?domain=example.test&policy=${encodeURIComponent(HOSTILE)}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="dmarc-error"');
    expectInert(res);
  });

  it('makes a DKIM key from a posted form: the private key shown once, with a warning, never cached', async () => {
    await setUp();
    const res = await app.inject({
      method: 'POST',
      url: '/generate/dkim?lang=en',
      remoteAddress: '198.51.100.7',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'domain=Example.TEST&selector=s2026&type=ed25519',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('class="secret-warning" role="alert"');
    expect(res.body).toMatch(
      /<pre class="private-key" id="dkim-private-key">-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n<\/pre>/,
    );
    expect(res.body).toContain('data-copy-from="dkim-private-key"');
    expect(res.body).toContain('s2026._domainkey.example.test');
    expect(res.body).toMatch(/data-copy="v=DKIM1; k=ed25519; p=[A-Za-z0-9+/=]{44}"/);
  });

  it('refuses a bad DKIM request with 400, escaped, before making a key', async () => {
    await setUp();
    const res = await app.inject({
      method: 'POST',
      url: '/generate/dkim',
      remoteAddress: '198.51.100.7',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `domain=example.test&selector=${encodeURIComponent(HOSTILE)}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="dkim-error"');
    expect(res.body).not.toContain('PRIVATE KEY');
    expectInert(res);
  });
});
