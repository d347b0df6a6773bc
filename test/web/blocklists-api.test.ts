/**
 * GET /api/blocklists/:target through the real fastify app on a real fixture DNS server: listed, clean,
 * refused and never-answering lists, IPv6 and domains, languages, bad targets, and the per-client rate.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BlocklistResult } from '../../src/blocklists/types.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../../src/blocklists/zones.js';
import type { BlocklistReport } from '../../src/pipeline/blocklist.js';
import type { ServiceConfig } from '../../src/service/config.js';
import { buildHttpApp, registeredRoutes } from '../../src/web/server.js';
import { documentedRoutes } from '../../src/web/openapi.js';
import {
  blocklistFixture,
  CLEAN_DOMAIN,
  CLEAN_IP,
  LISTED_DOMAIN,
  LISTED_IP,
  LISTED_V6,
  TEST_ZONES,
  ZONES,
} from '../support/blocklist-zones.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { IDLE_WORKER, START, testService, ZONE, type TestService } from './api-support.js';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      ...ZONE,
      ...blocklistFixture(),
      // The default set's test entry (RFC 5782): 127.0.0.2 on Spamhaus SBL.
      '2.0.0.127.zen.spamhaus.org': { A: ['127.0.0.2'] },
    },
  });
});
afterAll(() => dns.stop());

let service: TestService;
let app: FastifyInstance;

async function setUp(overrides: Partial<ServiceConfig> = {}, zones: typeof TEST_ZONES | null = TEST_ZONES) {
  service = testService(dns, overrides);
  if (zones) service.ctx.blocklists = zones;
  app = await buildHttpApp(service.ctx, IDLE_WORKER);
}
afterEach(async () => {
  await app?.close();
  await service?.cleanup();
});

const get = (target: string, remoteAddress = '198.51.100.7', query = '') =>
  app.inject({ method: 'GET', url: `/api/blocklists/${encodeURIComponent(target)}${query}`, remoteAddress });
const reportOf = (res: LightMyRequestResponse) => res.json() as BlocklistReport;
const errorOf = (res: LightMyRequestResponse) =>
  (res.json() as { error: { code: string; message: string } }).error;
const byZone = (report: BlocklistReport) =>
  Object.fromEntries(report.blocklists.map((r) => [r.zone, r])) as Record<string, BlocklistResult>;

describe('GET /api/blocklists/:target', () => {
  it('looks an IP up on every IP list at once: listed, clean, refused, never answering, allowlist', async () => {
    await setUp();
    const res = await get(LISTED_IP);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const report = reportOf(res);
    expect(report).toMatchObject({
      schema: 'mailscore.blocklist/1',
      target: LISTED_IP,
      kind: 'ip',
      listed: true,
      lang: 'en',
      generatedAt: START.toISOString(),
    });
    const zones = byZone(report);
    // The domain list is not asked about an IP.
    expect(Object.keys(zones).sort()).toEqual(
      [ZONES.allow, ZONES.major, ZONES.minor, ZONES.refusing, ZONES.silent].sort(),
    );
    expect(zones[ZONES.major]).toMatchObject({
      listed: true,
      status: 'listed',
      codes: ['127.0.0.2'],
      weight: 'major',
      role: 'block',
      name: 'Major List',
    });
    expect(zones[ZONES.major]!.listings).toEqual([{ tag: 'SBL', meaning: 'spam-source', weight: 'major' }]);
    expect(zones[ZONES.minor]).toMatchObject({ status: 'listed', weight: 'minor' });
    // A refusal code is an error, never a listing.
    expect(zones[ZONES.refusing]).toMatchObject({ listed: false, status: 'error', error: 'refused' });
    expect(zones[ZONES.silent]).toMatchObject({ listed: false, status: 'error', error: 'timeout' });
    expect(zones[ZONES.allow]).toMatchObject({ status: 'clean', role: 'allow' });

    const ids = report.checks.map((c) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining(['blocklists.ip-listed', 'blocklists.ip-minor', 'blocklists.refused']),
    );
    for (const check of report.checks) {
      expect(check.id).toMatch(/^blocklists\./);
      expect(check.title).not.toMatch(/\{|\}/);
    }
    expect(report.checks.find((c) => c.id === 'blocklists.ip-listed')!.deduction).toBeGreaterThan(0);
    expect(report.dns.queries).toBeGreaterThanOrEqual(5);
    expect(await service.ctx.metrics.registry.getSingleMetricAsString('mailscore_dns_queries_total')).toMatch(
      new RegExp(` ${report.dns.queries}$`, 'm'),
    );
  });

  it('says "not listed" for a clean IP, even with refusals and an allowlist entry', async () => {
    await setUp();
    const report = reportOf(await get(CLEAN_IP));
    expect(report.listed).toBe(false);
    const zones = byZone(report);
    expect(zones[ZONES.major]).toMatchObject({ status: 'clean', listed: false, codes: [] });
    expect(zones[ZONES.refusing]).toMatchObject({ status: 'error', error: 'refused' });
    expect(zones[ZONES.allow]).toMatchObject({ status: 'listed', role: 'allow' });
    const ids = report.checks.map((c) => c.id);
    expect(ids).toContain('blocklists.allowlisted');
    expect(ids).not.toContain('blocklists.ip-listed');
  });

  it('asks IPv6-capable lists in nibble format, and only those', async () => {
    await setUp();
    const report = reportOf(await get(LISTED_V6));
    expect(report).toMatchObject({ kind: 'ip', target: '2001:db8::25', listed: true });
    expect(report.blocklists.map((r) => r.zone)).toContain(ZONES.major);
    expect(byZone(report)[ZONES.major]).toMatchObject({ status: 'listed', codes: ['127.0.0.2'] });
    expect(
      dns.queriesFor(`5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.${ZONES.major}`),
    ).not.toHaveLength(0);
  });

  it.each([
    [LISTED_DOMAIN, true, 'listed'],
    [CLEAN_DOMAIN.toUpperCase(), false, 'clean'],
  ])('looks a domain (%s) up on the domain lists', async (target, listed, status) => {
    await setUp();
    const report = reportOf(await get(target));
    expect(report).toMatchObject({ kind: 'domain', target: target.toLowerCase(), listed });
    expect(report.blocklists.map((r) => r.zone)).toEqual([ZONES.domain]);
    expect(report.blocklists[0]!.status).toBe(status);
  });

  it('answers in the language asked for', async () => {
    await setUp();
    const report = reportOf(await get(LISTED_IP, '198.51.100.7', '?lang=ja'));
    expect(report.lang).toBe('ja');
    expect(report.checks[0]!.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    const bad = await get(LISTED_IP, '198.51.100.7', '?lang=fr');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('bad_request');
  });

  it.each([
    ['not a target', /IP address .* or a domain name/],
    ['<script>alert(1)</script>', /IP address .* or a domain name/],
    ['10.1.2.3', /special-purpose address \(10\.0\.0\.0\/8, RFC 1918\)/],
    ['127.0.0.1', /special-purpose address/],
    ['::1', /special-purpose address/],
    ['fe80::1', /special-purpose address/],
    ['localhost', /IP address .* or a domain name/],
    [`${'a'.repeat(64)}.example`, /IP address .* or a domain name/],
  ])('refuses %j with 400 bad_target, before any DNS query', async (target, message) => {
    await setUp();
    const before = dns.queries.length;
    const res = await get(target);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('bad_target');
    expect(errorOf(res).message).toMatch(message);
    expect(dns.queries.length).toBe(before);
  });

  it('looks up the RFC 5782 test point 127.0.0.2, which every list lists', async () => {
    await setUp();
    const res = await get('127.0.0.2');
    expect(res.statusCode).toBe(200);
    expect(reportOf(res).target).toBe('127.0.0.2');
  });

  it('bounds lookups per client (IPv6 per /64): 429 with Retry-After, other clients unaffected, back after a while', async () => {
    await setUp({ lookupsPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await get(CLEAN_IP, '198.51.100.7')).statusCode).toBe(200);
    const refused = await get(CLEAN_IP, '198.51.100.7');
    expect(refused.statusCode).toBe(429);
    expect(errorOf(refused).code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(20);
    // A bad target costs nothing and is still told apart.
    expect((await get('10.0.0.1', '198.51.100.7')).statusCode).toBe(400);
    expect((await get(CLEAN_IP, '198.51.100.8')).statusCode).toBe(200);
    // One /64 is one client.
    for (let i = 0; i < 3; i++) expect((await get(CLEAN_IP, `2001:db8:1:2::${i + 1}`)).statusCode).toBe(200);
    expect((await get(CLEAN_IP, '2001:db8:1:2::ffff')).statusCode).toBe(429);
    // One lookup comes back every 20 s (3 a minute).
    service.setNow(new Date(START.getTime() + 21_000));
    expect((await get(CLEAN_IP, '198.51.100.7')).statusCode).toBe(200);
    expect((await get(CLEAN_IP, '198.51.100.7')).statusCode).toBe(429);
  });

  it('has no limit with lookupsPerMinute 0', async () => {
    await setUp({ lookupsPerMinute: 0 });
    // More than the default 30 (a domain: one list, answered at once).
    for (let i = 0; i < 40; i++) expect((await get(CLEAN_DOMAIN)).statusCode).toBe(200);
  });

  it('uses the default set when the service names no lists', async () => {
    await setUp({}, null);
    const report = reportOf(await get('127.0.0.2'));
    const ipZones = DEFAULT_BLOCKLIST_ZONES.filter((z) => z.kind === 'ip');
    expect(report.blocklists.map((r) => r.zone).sort()).toEqual(ipZones.map((z) => z.zone).sort());
    expect(report.listed).toBe(true);
    expect(byZone(report)['zen.spamhaus.org']).toMatchObject({ status: 'listed', weight: 'major' });
    expect(byZone(report)['zen.spamhaus.org']!.listings.map((l) => l.tag)).toEqual(['SBL']);
    expect(report.blocklists.filter((r) => r.status !== 'clean').map((r) => r.zone)).toEqual([
      'zen.spamhaus.org',
    ]);
  });

  it('is in the OpenAPI document', async () => {
    await setUp();
    expect(registeredRoutes(app)).toContain('GET /api/blocklists/:target');
    expect(documentedRoutes()).toEqual(
      expect.arrayContaining(['GET /api/blocklists/:target', 'GET /blocklists', 'GET /blocklists/:target']),
    );
    const doc = (await app.inject('/api/openapi.json')).json() as {
      paths: Record<string, { get: { responses: Record<string, unknown> } }>;
    };
    expect(Object.keys(doc.paths['/api/blocklists/{target}']!.get.responses)).toEqual(['200', '400', '429']);
  });
});
