/** The HTTP API through fastify's inject: every endpoint and status, the daily limit, languages, hostile input. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRandomId } from '../../src/service/ids.js';
import type { ServiceConfig } from '../../src/service/config.js';
import { buildHttpApp, registeredRoutes } from '../../src/web/server.js';
import { documentedRoutes } from '../../src/web/openapi.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { IDLE_WORKER, MESSAGE, START, testService, ZONE, type TestService } from './api-support.js';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: ZONE });
});
afterAll(() => dns.stop());

let service: TestService;
let app: FastifyInstance;

async function setUp(overrides: Partial<ServiceConfig> = {}) {
  service = testService(dns, overrides);
  app = await buildHttpApp(service.ctx, IDLE_WORKER);
}
afterEach(async () => {
  await app?.close();
  await service?.cleanup();
});

const body = (res: LightMyRequestResponse) => res.json() as Record<string, unknown>;
const errorOf = (res: LightMyRequestResponse) =>
  (res.json() as { error: { code: string; message: string } }).error;

async function createTest(remoteAddress = '198.51.100.7', headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/tests', remoteAddress, headers });
}

async function newTestId(): Promise<string> {
  const res = await createTest();
  expect(res.statusCode).toBe(201);
  return body(res).id as string;
}

describe('POST /api/tests', () => {
  beforeEach(() => setUp());

  it('hands out an unguessable address under the domain, live for the configured hours', async () => {
    const res = await createTest('198.51.100.7', { host: 'mailscore.example:8080' });
    expect(res.statusCode).toBe(201);
    const created = body(res);
    expect(isRandomId(created.id as string)).toBe(true);
    const [local, domain] = (created.address as string).split('@');
    expect(isRandomId(local!)).toBe(true);
    expect(local).not.toBe(created.id);
    expect(domain).toBe('mailscore.test');
    expect(created.expiresAt).toBe(new Date(START.getTime() + 24 * 3_600_000).toISOString());
    expect(created.reportUrl).toBe(`http://mailscore.example:8080/tests/${created.id}`);
    expect(res.headers.location).toBe(`/api/tests/${created.id}`);
    expect(
      await service.ctx.metrics.registry.getSingleMetricAsString('mailscore_tests_created_total'),
    ).toMatch(/ 1$/m);
  });

  it('sends the security headers on every response', async () => {
    for (const res of [
      await createTest(),
      await app.inject('/api/tests/nope'),
      await app.inject('/nowhere'),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('ignores a body, even a garbage one, and refuses a large one with 413', async () => {
    const junk = await app.inject({
      method: 'POST',
      url: '/api/tests',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(junk.statusCode).toBe(201);
    const big = await app.inject({
      method: 'POST',
      url: '/api/tests',
      headers: { 'content-type': 'application/json' },
      payload: 'x'.repeat(100_000),
    });
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe('too_large');
  });
});

describe('the daily limit', () => {
  it('refuses the fourth test of the day from one IP, not another IP, and resets at midnight UTC', async () => {
    await setUp();
    for (let i = 0; i < 3; i++) expect((await createTest('203.0.113.5')).statusCode).toBe(201);
    const refused = await createTest('203.0.113.5');
    expect(refused.statusCode).toBe(429);
    expect(errorOf(refused).code).toBe('daily_limit');
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    // START is 05:06:07 UTC: 18h53m53s to midnight.
    expect(refused.headers['retry-after']).toBe(String(18 * 3600 + 53 * 60 + 53));
    expect((await createTest('203.0.113.6')).statusCode).toBe(201);
    expect(
      await service.ctx.metrics.registry.getSingleMetricAsString('mailscore_rate_limited_total'),
    ).toMatch(/ 1$/m);
    service.setNow(new Date('2030-03-05T00:00:01Z'));
    expect((await createTest('203.0.113.5')).statusCode).toBe(201);
  });

  it('counts an IPv4 client the same over IPv4 and as an IPv4-mapped IPv6 socket address', async () => {
    await setUp();
    for (let i = 0; i < 3; i++) expect((await createTest('203.0.113.5')).statusCode).toBe(201);
    expect((await createTest('::ffff:203.0.113.5')).statusCode).toBe(429);
  });

  it('counts an IPv6 /64 as one client', async () => {
    await setUp();
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:abcd:1234:5678:9abc']) {
      expect((await createTest(address)).statusCode).toBe(201);
    }
    expect((await createTest('2001:0db8:0001:0002:ffff::1')).statusCode).toBe(429);
    expect((await createTest('2001:db8:1:3::1')).statusCode).toBe(201);
  });

  it('0 means unlimited', async () => {
    await setUp({ dailyTests: 0 });
    for (let i = 0; i < 10; i++) expect((await createTest('203.0.113.5')).statusCode).toBe(201);
  });

  it('behind a trusted proxy the configured header decides (its last hop)', async () => {
    await setUp({ trustProxy: 'X-Forwarded-For' });
    const via = (client: string) => createTest('10.0.0.1', { 'x-forwarded-for': `6.6.6.6, ${client}` });
    for (let i = 0; i < 3; i++) expect((await via('203.0.113.5')).statusCode).toBe(201);
    expect((await via('203.0.113.5')).statusCode).toBe(429);
    // The proxy's socket address is not the client: another client behind it is not limited...
    expect((await via('203.0.113.9')).statusCode).toBe(201);
    // ...and the forgeable first entry counts for nothing.
    expect(
      (await createTest('10.0.0.1', { 'x-forwarded-for': '203.0.113.5, 203.0.113.10' })).statusCode,
    ).toBe(201);
    // A value that is no IP is ignored: the socket address counts.
    for (let i = 0; i < 3; i++) {
      expect((await createTest('10.9.9.9', { 'x-forwarded-for': 'garbage' })).statusCode).toBe(201);
    }
    expect((await createTest('10.9.9.9', { 'x-forwarded-for': 'garbage' })).statusCode).toBe(429);
  });

  it('without a trusted proxy, forwarding headers are ignored', async () => {
    await setUp();
    for (let i = 0; i < 3; i++) {
      const res = await createTest('203.0.113.5', {
        'x-forwarded-for': `192.0.2.${i}`,
        'x-real-ip': `192.0.2.${i}`,
      });
      expect(res.statusCode).toBe(201);
    }
    expect((await createTest('203.0.113.5', { 'x-forwarded-for': '192.0.2.99' })).statusCode).toBe(429);
  });
});

describe('GET /api/tests/:id', () => {
  beforeEach(() => setUp());

  it('is waiting before mail arrives, and expired when the address ran out unused', async () => {
    const id = await newTestId();
    const res = await app.inject(`/api/tests/${id}`);
    expect(res.statusCode).toBe(200);
    expect(body(res)).toMatchObject({ id, status: 'waiting', report: null, messages: [], messageId: null });
    expect(body(res).address).toMatch(/@mailscore\.test$/);
    service.setNow(new Date(START.getTime() + 24 * 3_600_000));
    expect(body(await app.inject(`/api/tests/${id}`))).toMatchObject({ status: 'expired', report: null });
  });

  it('follows a message from received to analyzed, and shows the report', async () => {
    const id = await newTestId();
    const message = await service.deliver(id);
    const received = body(await app.inject(`/api/tests/${id}`));
    expect(received).toMatchObject({
      status: 'analyzing',
      progress: 'received',
      report: null,
      messageId: message.id,
    });
    expect(received.messages).toEqual([
      { id: message.id, receivedAt: START.toISOString(), status: 'queued', score: null },
    ]);
    await service.analyzeNext();
    const done = body(await app.inject(`/api/tests/${id}`));
    expect(done.status).toBe('done');
    const report = done.report as {
      schema: string;
      score: number;
      envelope: { clientIp: string; tls: unknown };
    };
    expect(report.schema).toBe('mailscore.report/1');
    expect(report.envelope.clientIp).toBe('192.0.2.10');
    expect(report.envelope.tls).toEqual({ protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
    expect((done.messages as Array<{ score: number }>)[0]!.score).toBe(report.score);
  });

  it('shows the newest message and lists the earlier ones; ?message= picks an earlier report', async () => {
    const id = await newTestId();
    const first = await service.deliver(id);
    await service.analyzeNext();
    service.setNow(new Date(START.getTime() + 60_000));
    const second = await service.deliver(id);
    const view = body(await app.inject(`/api/tests/${id}`));
    expect(view).toMatchObject({ status: 'analyzing', messageId: second.id, report: null });
    expect((view.messages as Array<{ id: string }>).map((m) => m.id)).toEqual([second.id, first.id]);
    const earlier = body(await app.inject(`/api/tests/${id}?message=${first.id}`));
    expect(earlier).toMatchObject({ status: 'done', messageId: first.id });
    expect(earlier.report).not.toBeNull();
    expect((await app.inject(`/api/tests/${id}?message=${'b'.repeat(26)}`)).statusCode).toBe(404);
    expect((await app.inject(`/api/tests/${id}?message=../../x`)).statusCode).toBe(404);
    // A message of another test is not reachable through this one.
    const otherId = await newTestId();
    expect((await app.inject(`/api/tests/${otherId}?message=${first.id}`)).statusCode).toBe(404);
  });

  it('says when an analysis failed', async () => {
    const id = await newTestId();
    const message = await service.deliver(id);
    await service.ctx.store.claimNext();
    await service.ctx.store.failMessage(message.id, 'boom', START);
    expect(body(await app.inject(`/api/tests/${id}`))).toMatchObject({
      status: 'done',
      failed: true,
      report: null,
    });
  });

  it('renders the report in the language asked for: ?lang=, else Accept-Language, else English', async () => {
    const id = await newTestId();
    await service.deliver(id);
    await service.analyzeNext();
    const titles = async (query: string, headers: Record<string, string> = {}) => {
      const res = await app.inject({ url: `/api/tests/${id}${query}`, headers });
      expect(res.statusCode).toBe(200);
      const report = body(res).report as { lang: string; checks: Array<{ title: string }> };
      return { lang: report.lang, title: report.checks[0]!.title, header: res.headers['content-language'] };
    };
    const en = await titles('');
    const ja = await titles('?lang=ja');
    expect(en).toMatchObject({ lang: 'en', header: 'en' });
    expect(ja).toMatchObject({ lang: 'ja', header: 'ja' });
    expect(ja.title).not.toBe(en.title);
    expect(ja.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect((await titles('', { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' })).lang).toBe('ja');
    expect((await titles('', { 'accept-language': 'fr, ja;q=0.5' })).lang).toBe('ja');
    expect((await titles('', { 'accept-language': 'ja;q=0.1, en' })).lang).toBe('en');
    expect((await titles('', { 'accept-language': 'de, fr' })).lang).toBe('en');
    expect((await titles('?lang=en', { 'accept-language': 'ja' })).lang).toBe('en');
    expect((await titles('?lang=JA')).lang).toBe('ja');
  });

  it('refuses a bad lang value with 400', async () => {
    const id = await newTestId();
    for (const query of ['?lang=fr', '?lang=', '?lang=en&lang=ja', `?lang=${'x'.repeat(5000)}`]) {
      const res = await app.inject(`/api/tests/${id}${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(errorOf(res).code).toBe('bad_request');
    }
  });

  it('answers 404 JSON for unknown, malformed and hostile ids', async () => {
    for (const path of [
      `/api/tests/${'a'.repeat(26)}`,
      '/api/tests/ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      '/api/tests/short',
      '/api/tests/..%2F..%2Fetc%2Fpasswd',
      '/api/tests/%00',
      '/api/tests/../../etc/passwd',
      `/api/tests/${'a'.repeat(26)}/raw`,
      `/api/tests/${'a'.repeat(26)}/report.json`,
      `/api/tests/${'a'.repeat(26)}/events`,
      '/api/tests/x/events',
    ]) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(404);
      expect(errorOf(res).code, path).toBe('not_found');
    }
    const long = await app.inject(`/api/tests/${'a'.repeat(1000)}`);
    expect(long.statusCode).toBe(414);
    expect(errorOf(long).code).toBe('uri_too_long');
    expect(long.headers['x-content-type-options']).toBe('nosniff');
    const malformed = await app.inject('/api/tests/%E0%A4%A');
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed)).toEqual({ code: 'bad_request', message: 'the URL is malformed' });
  });
});

describe('raw message and JSON report downloads', () => {
  beforeEach(() => setUp());

  it('gives the raw message as received, as an attachment', async () => {
    const id = await newTestId();
    const noMail = await app.inject(`/api/tests/${id}/raw`);
    expect(noMail.statusCode).toBe(404);
    expect(errorOf(noMail).code).toBe('no_message');
    const first = await service.deliver(id, Buffer.concat([MESSAGE, Buffer.from('first\r\n')]));
    await service.deliver(id, Buffer.concat([MESSAGE, Buffer.from('second\r\n')]));
    const newest = await app.inject(`/api/tests/${id}/raw`);
    expect(newest.statusCode).toBe(200);
    expect(newest.headers['content-type']).toBe('message/rfc822');
    expect(newest.headers['content-disposition']).toMatch(
      /^attachment; filename="mailscore-[a-z2-7]+\.eml"$/,
    );
    expect(newest.rawPayload.equals(Buffer.concat([MESSAGE, Buffer.from('second\r\n')]))).toBe(true);
    const earlier = await app.inject(`/api/tests/${id}/raw?message=${first.id}`);
    expect(earlier.rawPayload.toString()).toMatch(/first\r\n$/);
    expect((await app.inject(`/api/tests/${id}/raw?message=nope`)).statusCode).toBe(404);
  });

  it('gives the report as a JSON download once it is ready', async () => {
    const id = await newTestId();
    await service.deliver(id);
    const notReady = await app.inject(`/api/tests/${id}/report.json`);
    expect(notReady.statusCode).toBe(404);
    expect(errorOf(notReady).code).toBe('no_report');
    await service.analyzeNext();
    const res = await app.inject(`/api/tests/${id}/report.json?lang=ja`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="mailscore-report-[a-z2-7]+\.json"$/,
    );
    const report = res.json() as { schema: string; lang: string };
    expect(report).toMatchObject({ schema: 'mailscore.report/1', lang: 'ja' });
    expect(report).toEqual(body(await app.inject(`/api/tests/${id}?lang=ja`)).report);
  });
});

describe('POST /api/analyze', () => {
  beforeEach(() => setUp({ maxMessageBytes: 4096 }));

  const post = (query: string, payload: string | Buffer = MESSAGE, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/analyze${query}`,
      payload,
      headers: { 'content-type': 'message/rfc822', ...headers },
    });

  it('runs the pipeline on the posted message with the envelope from the query', async () => {
    const res = await post('?ip=192.0.2.10&helo=mail.example.com&mailFrom=alice%40example.com&tls=TLSv1.3');
    expect(res.statusCode).toBe(200);
    const report = res.json() as {
      schema: string;
      envelope: Record<string, unknown>;
      auth: { spf: { result: string }; dmarc: { result: string } };
      gmail: { redLock: boolean };
    };
    expect(report.schema).toBe('mailscore.report/1');
    expect(report.envelope).toMatchObject({
      clientIp: '192.0.2.10',
      helo: 'mail.example.com',
      mailFrom: 'alice@example.com',
      tls: { protocol: 'TLSv1.3', cipher: null },
    });
    expect(report.auth.spf.result).toBe('pass');
    expect(report.auth.dmarc.result).toBe('pass');
    expect(report.gmail.redLock).toBe(false);
    const outside = (await post('?ip=198.51.100.1&mailFrom=alice%40example.com')).json() as typeof report;
    expect(outside.auth.spf.result).toBe('fail');
    expect(outside.gmail.redLock).toBe(true);
  });

  it('takes any content type as the raw message, and the null sender as mailFrom=', async () => {
    for (const type of [
      'application/octet-stream',
      'text/plain',
      'application/x-whatever',
      'application/json',
    ]) {
      const res = await post('?ip=192.0.2.10&mailFrom=', MESSAGE, { 'content-type': type });
      expect(res.statusCode, type).toBe(200);
      expect((res.json() as { envelope: { mailFrom: string } }).envelope.mailFrom).toBe('');
    }
  });

  it('answers in the language asked for', async () => {
    const res = await post('?ip=192.0.2.10&lang=ja');
    expect((res.json() as { lang: string }).lang).toBe('ja');
    expect((await post('?ip=192.0.2.10', MESSAGE, { 'accept-language': 'ja' })).json()).toMatchObject({
      lang: 'ja',
    });
  });

  it('refuses bad input with 400 and a clear message', async () => {
    const cases: Array<[string, string | Buffer, string]> = [
      // Without ip the IP is read from Received fields; this message has none (test/pipeline/first-hop.test.ts).
      ['', MESSAGE.toString(), 'give the sending IP as ?ip='],
      ['?ip=not-an-ip', MESSAGE.toString(), 'not an IP'],
      ['?ip=192.0.2.300', MESSAGE.toString(), 'not an IP'],
      ['?ip=192.0.2.1&ip=192.0.2.2', MESSAGE.toString(), 'once'],
      ['?ip=192.0.2.1&helo=a%0Db', MESSAGE.toString(), 'control'],
      [`?ip=192.0.2.1&helo=${'a'.repeat(300)}`, MESSAGE.toString(), 'longer'],
      ['?ip=192.0.2.1&tls=TLS%201.3%3Cscript%3E', MESSAGE.toString(), 'tls'],
      ['?ip=192.0.2.1&lang=xx', MESSAGE.toString(), 'lang'],
      ['?ip=192.0.2.1', '', 'body'],
    ];
    for (const [query, payload, words] of cases) {
      const res = await post(query, payload);
      expect(res.statusCode, query).toBe(400);
      expect(errorOf(res).message, query).toContain(words);
    }
  });

  it('refuses a body that is not a message', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    for (const payload of [
      png,
      '\r\n\r\nbody only',
      Buffer.alloc(3000, 0),
      'just some text\nno header here\n',
    ]) {
      const res = await post('?ip=192.0.2.10', payload);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('not_a_message');
    }
  });

  it('refuses a body over --max-message-bytes with 413, by Content-Length or while reading', async () => {
    const big = Buffer.concat([MESSAGE, Buffer.alloc(5000, 0x61)]);
    const res = await post('?ip=192.0.2.10', big);
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('too_large');
    // Chunked, so no Content-Length to refuse it by up front.
    const { Readable } = await import('node:stream');
    const chunked = await app.inject({
      method: 'POST',
      url: '/api/analyze?ip=192.0.2.10',
      payload: Readable.from([MESSAGE, Buffer.alloc(5000, 0x61)]),
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(chunked.statusCode).toBe(413);
    // The slot of a refused request is given back: more requests still run.
    for (let i = 0; i < 5; i++) expect((await post('?ip=192.0.2.10')).statusCode).toBe(200);
  });

  it('runs a bounded number of analyses at once per client', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => post('?ip=192.0.2.10')));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(2);
    for (const res of results.filter((r) => r.statusCode !== 200)) {
      expect(res.statusCode).toBe(429);
      expect(errorOf(res).code).toBe('busy');
    }
    // Afterwards every slot is free again.
    const after = await Promise.all([post('?ip=192.0.2.10'), post('?ip=192.0.2.10')]);
    expect(after.map((r) => r.statusCode)).toEqual([200, 200]);
  });
});

describe('endpoints still to come, operations, documentation', () => {
  beforeEach(() => setUp());

  it('answers a Report with an inspection for inspect (test/web/inspect-api.test.ts has the rest)', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/inspect', payload: MESSAGE });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { inspection?: { verdict: string } }).inspection?.verdict).toBeDefined();
  });

  it('/healthz answers 200 while the store answers', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/metrics is Prometheus text with the service counters', async () => {
    await createTest();
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/^mailscore_tests_created_total 1$/m);
    expect(res.body).toContain('# TYPE mailscore_analysis_seconds histogram');
    expect(res.body).toContain('process_resident_memory_bytes');
  });

  it('/api/openapi.json is an OpenAPI 3.1 document naming every registered route', async () => {
    const res = await app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(documentedRoutes());
    const routes = registeredRoutes(app).filter((route) => !route.startsWith('HEAD '));
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !documented.has(route))).toEqual([]);
    // And nothing documented is missing from the server.
    expect([...documented].filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('answers unknown paths and methods with 404 JSON', async () => {
    for (const res of [
      await app.inject('/api/nothing'),
      await app.inject('/nothing/here'),
      await app.inject({ method: 'DELETE', url: '/api/tests' }),
      await app.inject('/api/tests'),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('not_found');
    }
  });

  it('answers an internal failure with a plain 500: no stack, no internals', async () => {
    const id = await newTestId();
    service.ctx.store.listMessages = async () => {
      throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path');
    };
    const res = await app.inject(`/api/tests/${id}`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'internal error (logged)' } });
    expect(res.body).not.toMatch(/SQLITE|secret|at /);
  });

  it('/healthz answers 503 when the store does not answer', async () => {
    service.ctx.store.getTest = async () => {
      throw new Error('the database is closed');
    };
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(503);
    expect(errorOf(res).code).toBe('unavailable');
  });
});
