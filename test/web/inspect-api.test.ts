/**
 * POST /api/inspect through the real fastify app on a fixture DNS server: a Report with its inspection,
 * trust and keep parameters, languages, bad input, the per-client rate, and the OpenAPI document.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import type { ServiceConfig } from '../../src/service/config.js';
import { documentedRoutes } from '../../src/web/openapi.js';
import { buildHttpApp, registeredRoutes } from '../../src/web/server.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { IDLE_WORKER, MESSAGE, testService, ZONE, type TestService } from './api-support.js';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: ZONE });
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

/** A spoof of example.com (p=reject) from an address its SPF does not allow, received by the user's MX. */
const SPOOF = Buffer.concat([
  Buffer.from(
    'Received: from evil.example (evil.example [203.0.113.5]) by mx.corp.example with ESMTP id q1; Mon, 4 Mar 2030 05:00:05 +0000\r\n' +
      'Authentication-Results: mx.corp.example; spf=fail smtp.mailfrom=example.com; dmarc=fail header.from=example.com\r\n',
  ),
  MESSAGE,
]);

const post = (url: string, payload: Buffer | string, remoteAddress = '198.51.100.7') =>
  app.inject({ method: 'POST', url, payload, remoteAddress, headers: { 'content-type': 'message/rfc822' } });
const reportOf = (res: LightMyRequestResponse) => res.json() as Report;
const errorOf = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error;

describe('POST /api/inspect', () => {
  it('answers a Report with the inspection block of the contract', async () => {
    await setUp();
    const res = await post('/api/inspect', SPOOF);
    expect(res.statusCode).toBe(200);
    const report = reportOf(res);
    expect(report.schema).toBe('mailscore.report/1');
    expect(['suspicious', 'dangerous']).toContain(report.inspection!.verdict);
    for (const reason of report.inspection!.reasons) {
      expect(Object.keys(reason).sort()).toEqual(['detail', 'id', 'severity', 'title']);
    }
    expect(report.inspection!.kept).toBe(false);
  });

  it('takes the user’s trusted authserv-ids and the language', async () => {
    await setUp();
    const trusted = reportOf(await post('/api/inspect?trust=mx.corp.example&lang=ja', SPOOF));
    expect(trusted.lang).toBe('ja');
    expect(trusted.inspection!.authenticity.trusted?.authservId).toBe('mx.corp.example');
    expect(trusted.inspection!.verdict).not.toBe('genuine');
    const untrusted = reportOf(await post('/api/inspect', SPOOF));
    expect(untrusted.inspection!.authenticity.trusted).toBeNull();
  });

  it('keeps nothing unless asked; keep=1 stores it, Location shows it again, and it goes with the reports', async () => {
    await setUp();
    const plain = await post('/api/inspect', SPOOF);
    expect(reportOf(plain).inspection!.kept).toBe(false);
    expect(plain.headers.location).toBeUndefined();

    const res = await post('/api/inspect?keep=1', SPOOF);
    expect(res.statusCode).toBe(200);
    expect(reportOf(res).inspection!.kept).toBe(true);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/api\/inspect\/[a-z2-7]{26}$/);
    const again = await app.inject(location);
    expect(again.statusCode).toBe(200);
    expect(reportOf(again).inspection).toEqual(reportOf(res).inspection);

    expect((await app.inject('/api/inspect/aaaaaaaaaaaaaaaaaaaaaaaaaa')).statusCode).toBe(404);
    expect((await app.inject('/api/inspect/..%2F..%2Fetc')).statusCode).toBe(404);

    const ttlDays = service.ctx.config.reportTtlDays;
    const later = new Date(service.ctx.now().getTime() + (ttlDays + 1) * 86_400_000);
    await service.ctx.store.deleteExpired(later, new Date(later.getTime() - ttlDays * 86_400_000));
    expect((await app.inject(location)).statusCode).toBe(404);
  });

  it.each([
    ['/api/inspect?trust=%3Cscript%3E', SPOOF, 'bad_request'],
    ['/api/inspect?keep=yes', SPOOF, 'bad_request'],
    ['/api/inspect?lang=fr', SPOOF, 'bad_request'],
    ['/api/inspect', '', 'bad_request'],
  ])('%s with a bad input: 400', async (url, body, code) => {
    await setUp();
    const res = await post(url, body);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe(code);
  });

  it('refuses a body over --max-message-bytes with 413', async () => {
    await setUp({ maxMessageBytes: 1024 });
    const res = await post('/api/inspect', Buffer.concat([SPOOF, Buffer.alloc(2048, 'a')]));
    expect(res.statusCode).toBe(413);
  });

  it('holds each client to --lookups-per-minute (429 with Retry-After), others unaffected', async () => {
    await setUp({ lookupsPerMinute: 2 });
    expect((await post('/api/inspect', SPOOF)).statusCode).toBe(200);
    expect((await post('/api/inspect', SPOOF)).statusCode).toBe(200);
    const refused = await post('/api/inspect', SPOOF);
    expect(refused.statusCode).toBe(429);
    expect(errorOf(refused).code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await post('/api/inspect', SPOOF, '203.0.113.99')).statusCode).toBe(200);
  });

  it('is documented, with the inspection schema', async () => {
    await setUp();
    expect(documentedRoutes()).toContain('POST /api/inspect');
    expect(registeredRoutes(app)).toContain('POST /api/inspect');
    const doc = (await app.inject('/api/openapi.json')).json() as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.components.schemas.Inspection!.properties).toHaveProperty('verdict');
    expect(doc.components.schemas.Report!.properties).toHaveProperty('inspection');
  });
});
