/**
 * GET /api/domains/:domain through the real fastify app on a real fixture DNS server: the document, the
 * selectors and IP it takes, languages, bad input refused before any query, and the per-client rate.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DomainAudit } from '../../src/audit/types.js';
import type { ServiceConfig } from '../../src/service/config.js';
import { auditsPerMinute } from '../../src/service/domains.js';
import { documentedRoutes } from '../../src/web/openapi.js';
import { buildHttpApp, registeredRoutes } from '../../src/web/server.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { AUDIT_DOMAIN, AUDIT_SELECTOR, auditZone } from '../support/domain-zone.js';
import { IDLE_WORKER, START, testService, type TestService } from './api-support.js';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: auditZone() });
});
afterAll(() => dns.stop());

let service: TestService;
let app: FastifyInstance;

async function setUp(overrides: Partial<ServiceConfig> = {}) {
  service = testService(dns, overrides);
  // No blocklist in these tests: an IP is still looked up for PTR and SPF, without a query per list.
  service.ctx.blocklists = [];
  app = await buildHttpApp(service.ctx, IDLE_WORKER);
}
afterEach(async () => {
  await app?.close();
  await service?.cleanup();
});

const get = (domain: string, query = '', remoteAddress = '198.51.100.7') =>
  app.inject({ method: 'GET', url: `/api/domains/${encodeURIComponent(domain)}${query}`, remoteAddress });
const auditOf = (res: LightMyRequestResponse) => res.json() as DomainAudit;
const errorOf = (res: LightMyRequestResponse) =>
  (res.json() as { error: { code: string; message: string } }).error;

describe('GET /api/domains/:domain', () => {
  it('answers the mailscore.domain/1 document, as the CLI prints it', async () => {
    await setUp();
    const res = await get(AUDIT_DOMAIN);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    const audit = auditOf(res);
    expect(audit).toMatchObject({
      schema: 'mailscore.domain/1',
      domain: AUDIT_DOMAIN,
      lang: 'en',
      generatedAt: START.toISOString(),
      ip: null,
    });
    expect(Object.keys(audit.spf)).toEqual(expect.arrayContaining(['record', 'lookups', 'voidLookups']));
    expect(Object.keys(audit.dmarc)).toEqual(expect.arrayContaining(['record', 'foundAt', 'policy']));
    expect(Array.isArray(audit.dkim) && Array.isArray(audit.mx) && Array.isArray(audit.checks)).toBe(true);
    expect(audit.dns.queries).toBeGreaterThan(0);
    expect(await service.ctx.metrics.registry.getSingleMetricAsString('mailscore_dns_queries_total')).toMatch(
      new RegExp(` ${audit.dns.queries}$`, 'm'),
    );
  });

  it.each([
    ['Example.TEST', AUDIT_DOMAIN],
    ['example.test.', AUDIT_DOMAIN],
    ['例え.test', 'xn--r8jz45g.test'],
  ])('normalizes %j to %s', async (input, domain) => {
    await setUp();
    const res = await get(input);
    expect(res.statusCode).toBe(200);
    expect(auditOf(res).domain).toBe(domain);
  });

  it('takes selectors (a comma list, or repeated) and asks for their keys; and a sending IP', async () => {
    await setUp();
    const res = await get(AUDIT_DOMAIN, `?selector=${AUDIT_SELECTOR},Mine&selector=other&ip=192.0.2.25`);
    expect(res.statusCode).toBe(200);
    for (const selector of [AUDIT_SELECTOR, 'mine', 'other'])
      expect(dns.queriesFor(`${selector}._domainkey.${AUDIT_DOMAIN}`).length).toBeGreaterThan(0);
    const audit = auditOf(res);
    // The IP section is filled by the audit when it runs (null only without ?ip=).
    expect(audit.ip === null || audit.ip.ip === '192.0.2.25').toBe(true);
  });

  it('answers in the language asked for', async () => {
    await setUp();
    const audit = auditOf(await get(AUDIT_DOMAIN, '?lang=ja'));
    expect(audit.lang).toBe('ja');
    for (const check of audit.checks)
      expect(check.title + check.detail).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    const bad = await get(AUDIT_DOMAIN, '?lang=fr');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('bad_request');
  });

  it.each([
    ['not a domain', '', 'bad_domain', /letters, digits, hyphens and dots/],
    ['<script>alert(1)</script>', '', 'bad_domain', /letters, digits/],
    ['192.0.2.1', '', 'bad_domain', /not an IP address/],
    ['alice@example.test', '', 'bad_domain', /example\.test/],
    ['localhost', '', 'bad_domain', /whole domain name/],
    ['a.localhost', '', 'bad_domain', /special-use/],
    [`${'a'.repeat(64)}.test`, '', 'bad_domain', /at most 63/],
    [AUDIT_DOMAIN, '?selector=bad!', 'bad_selector', /DKIM selector/],
    [
      AUDIT_DOMAIN,
      `?selector=${Array.from({ length: 11 }, (_, i) => `s${i}`).join(',')}`,
      'bad_selector',
      /at most 10/,
    ],
    [
      AUDIT_DOMAIN,
      `?${Array.from({ length: 21 }, () => 'selector=a').join('&')}`,
      'bad_selector',
      /selector/,
    ],
    [AUDIT_DOMAIN, '?ip=nope', 'bad_ip', /not an IP address/],
    [AUDIT_DOMAIN, '?ip=10.1.2.3', 'bad_ip', /special-purpose address \(10\.0\.0\.0\/8, RFC 1918\)/],
    [AUDIT_DOMAIN, '?ip=::1', 'bad_ip', /special-purpose/],
    [AUDIT_DOMAIN, '?ip=1&ip=2', 'bad_request', /ip must be given once/],
  ])('refuses %j%s with 400 %s, before any DNS query', async (domain, query, code, message) => {
    await setUp();
    const before = dns.queries.length;
    const res = await get(domain, query);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe(code);
    expect(errorOf(res).message).toMatch(message);
    expect(dns.queries.length).toBe(before);
  });

  it('refuses a path segment longer than any domain with 414, as JSON', async () => {
    await setUp();
    const res = await get('a'.repeat(400));
    expect(res.statusCode).toBe(414);
    expect(errorOf(res).code).toBe('uri_too_long');
  });

  it('bounds audits per client at lookupsPerMinute / 5 (IPv6 per /64): 429 with Retry-After', async () => {
    await setUp({ lookupsPerMinute: 10 });
    expect(auditsPerMinute(10)).toBe(2);
    for (let i = 0; i < 2; i++) expect((await get(AUDIT_DOMAIN)).statusCode).toBe(200);
    const refused = await get(AUDIT_DOMAIN);
    expect(refused.statusCode).toBe(429);
    expect(errorOf(refused).code).toBe('rate_limited');
    expect(errorOf(refused).message).toMatch(/at most 2 domain audits per minute/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(30);
    // A bad request costs nothing and is still told apart; another client is not affected.
    expect((await get('a..b')).statusCode).toBe(400);
    expect((await get(AUDIT_DOMAIN, '', '198.51.100.8')).statusCode).toBe(200);
    // One /64 is one client.
    for (let i = 0; i < 2; i++)
      expect((await get(AUDIT_DOMAIN, '', `2001:db8:1:2::${i + 1}`)).statusCode).toBe(200);
    expect((await get(AUDIT_DOMAIN, '', '2001:db8:1:2::ffff')).statusCode).toBe(429);
    // One audit comes back every 30 s (2 a minute).
    service.setNow(new Date(START.getTime() + 31_000));
    expect((await get(AUDIT_DOMAIN)).statusCode).toBe(200);
    expect((await get(AUDIT_DOMAIN)).statusCode).toBe(429);
  });

  it.each([
    [0, 0],
    [1, 1],
    [4, 1],
    [30, 6],
    [100, 20],
  ])('lookupsPerMinute %i allows %i audits a minute (0: unlimited)', (lookups, audits) => {
    expect(auditsPerMinute(lookups)).toBe(audits);
  });

  it('is in the OpenAPI document, with the mailscore.domain/1 schema', async () => {
    await setUp();
    expect(registeredRoutes(app)).toContain('GET /api/domains/:domain');
    expect(documentedRoutes()).toEqual(
      expect.arrayContaining(['GET /api/domains/:domain', 'GET /domain', 'GET /domain/:domain']),
    );
    const doc = (await app.inject('/api/openapi.json')).json() as {
      paths: Record<
        string,
        { get: { responses: Record<string, unknown>; parameters: Array<{ name: string }> } }
      >;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const route = doc.paths['/api/domains/{domain}']!.get;
    expect(Object.keys(route.responses)).toEqual(['200', '400', '429']);
    expect(route.parameters.map((p) => p.name)).toEqual(['domain', 'selector', 'ip', 'lang']);
    expect(Object.keys(doc.components.schemas.DomainAudit!.properties)).toEqual(
      expect.arrayContaining(['schema', 'domain', 'spf', 'dmarc', 'dkim', 'mx', 'checks']),
    );
  });
});
