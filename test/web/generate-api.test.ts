/**
 * POST /api/generate/{spf,dmarc,dkim} through the real fastify app: JSON bodies in, documents out; hostile
 * bodies refused; the DKIM key returned once with no-store and never written to the log; the rates.
 */
import { createPrivateKey } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DkimDocument, DmarcDocument, SpfDocument } from '../../src/pipeline/generate.js';
import type { ServiceConfig } from '../../src/service/config.js';
import { documentedRoutes } from '../../src/web/openapi.js';
import { buildHttpApp, registeredRoutes } from '../../src/web/server.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { IDLE_WORKER, testService, type TestService } from './api-support.js';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: { '_spf.example.test': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] } },
  });
});
afterAll(() => dns.stop());

let service: TestService;
let app: FastifyInstance;
/** Everything the app logged, at every level. */
let logged: string;

async function setUp(overrides: Partial<ServiceConfig> = {}) {
  service = testService(dns, overrides);
  logged = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString('utf8');
      done();
    },
  });
  service.ctx.logger = pino({ level: 'trace' }, sink);
  app = await buildHttpApp(service.ctx, IDLE_WORKER);
}
afterEach(async () => {
  await app?.close();
  await service?.cleanup();
});

const post = (kind: string, body: unknown, remoteAddress = '198.51.100.7', query = '') =>
  app.inject({
    method: 'POST',
    url: `/api/generate/${kind}${query}`,
    remoteAddress,
    headers: { 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
const errorOf = (res: LightMyRequestResponse) =>
  (res.json() as { error: { code: string; message: string } }).error;

describe('POST /api/generate/spf', () => {
  it('builds the record, walking each include through the DNS', async () => {
    await setUp();
    const res = await post('spf', {
      addresses: ['192.0.2.25'],
      includes: ['_spf.example.test'],
      mx: true,
      all: '-',
      domain: 'example.test',
    });
    expect(res.statusCode).toBe(200);
    const document = res.json() as SpfDocument;
    expect(document.schema).toBe('mailscore.generate.spf/1');
    expect(document.record).toBe('v=spf1 ip4:192.0.2.25 mx include:_spf.example.test -all');
    expect(document.lookups).toBe(2);
    expect(document.includes[0]).toMatchObject({
      domain: '_spf.example.test',
      lookups: 1,
      status: 'included',
    });
    expect(document.notes.every((n) => typeof n.title === 'string' && n.deduction === 0)).toBe(true);
  });

  it.each([
    ['{not json', 'bad_request', /not valid JSON/],
    ['[1,2]', 'bad_request', /JSON object/],
    ['', 'bad_request', /JSON object/],
    [{ addresses: ['x'.repeat(2_000)] }, 'bad_request', /addresses/],
    [{ addresses: [1, 2] }, 'bad_request', /addresses: a list of strings/],
    [{ a: 'perhaps' }, 'bad_request', /a: true or false/],
    [{ addresses: ['not-an-ip'] }, 'bad_input', /not-an-ip/],
    [{ services: ['nope'] }, 'bad_input', /nope/],
  ])('refuses %.60j with 400 %s, before any lookup', async (body, code, message) => {
    await setUp();
    const before = dns.queries.length;
    const res = await post('spf', body);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe(code);
    expect(errorOf(res).message).toMatch(message);
    expect(dns.queries.length).toBe(before);
  });

  it("counts against the domain audits' rate", async () => {
    await setUp({ lookupsPerMinute: 5 });
    expect((await post('spf', { addresses: ['192.0.2.1'] })).statusCode).toBe(200);
    const refused = await post('spf', { addresses: ['192.0.2.1'] });
    expect(refused.statusCode).toBe(429);
    expect(errorOf(refused).code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      (await app.inject({ url: '/api/domains/example.test', remoteAddress: '198.51.100.7' })).statusCode,
    ).toBe(429);
  });
});

describe('POST /api/generate/dmarc', () => {
  it('builds the record with its authorization records', async () => {
    await setUp();
    const res = await post(
      'dmarc',
      { domain: 'example.test', policy: 'reject', rua: ['dmarc@reports.example'], testing: true },
      '198.51.100.7',
      '?lang=ja',
    );
    expect(res.statusCode).toBe(200);
    const document = res.json() as DmarcDocument;
    expect(document).toMatchObject({
      schema: 'mailscore.generate.dmarc/1',
      name: '_dmarc.example.test',
      record: 'v=DMARC1; p=reject; t=y; rua=mailto:dmarc@reports.example',
      lang: 'ja',
    });
    expect(document.authorizations.map((a) => a.name)).toEqual([
      'example.test._report._dmarc.reports.example',
    ]);
    for (const note of document.notes) expect(note.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it.each([
    [{ domain: 'example.test' }, /policy/],
    [{ domain: 'a..b', policy: 'none' }, /domain: /],
    [{ domain: 'example.test', policy: 'none', rua: 5 }, /rua is a list/],
    [
      {
        domain: 'example.test',
        policy: 'none',
        rua: ['1@b.test', '2@b.test', '3@b.test', '4@b.test', '5@b.test', '6@b.test'],
      },
      /at most 5/,
    ],
    [{ domain: 'example.test', policy: 'none', aspf: 'x' }, /aspf/],
  ])('refuses %j with 400 bad_input', async (body, message) => {
    await setUp();
    const res = await post('dmarc', body);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('bad_input');
    expect(errorOf(res).message).toMatch(message);
  });
});

describe('POST /api/generate/dkim', () => {
  it('returns the new key once, with no-store, and never logs it', async () => {
    await setUp();
    const res = await post('dkim', { domain: 'example.test', selector: 's2026' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const document = res.json() as DkimDocument;
    expect(document).toMatchObject({
      schema: 'mailscore.generate.dkim/1',
      type: 'rsa-2048',
      selector: 's2026',
    });
    expect(createPrivateKey(document.privateKeyPem).asymmetricKeyType).toBe('rsa');
    // The request was logged (so the log works), the key was not, nor any part of it.
    expect(logged).toContain('/api/generate/dkim');
    const body = document.privateKeyPem.split('\n')[1]!;
    expect(logged).not.toContain(body);
    expect(logged).not.toContain('PRIVATE KEY');
    // Two requests, two different keys.
    const again = (
      await post('dkim', { domain: 'example.test', selector: 's2026', type: 'ed25519' })
    ).json() as DkimDocument;
    expect(again.type).toBe('ed25519');
    expect(again.privateKeyPem).not.toBe(document.privateKeyPem);
  });

  it.each([
    [{ domain: 'example.test' }, /selector/],
    [{ domain: 'example.test', selector: 'a,b' }, /selector/],
    [{ domain: 'not a domain', selector: 's1' }, /domain/],
    [{ domain: 'example.test', selector: 's1', type: 'rsa-512' }, /type: rsa-2048 or ed25519/],
  ])('refuses %j with 400 bad_input, without spending the rate', async (body, message) => {
    await setUp({ lookupsPerMinute: 1 });
    const res = await post('dkim', body);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('bad_input');
    expect(errorOf(res).message).toMatch(message);
    expect((await post('dkim', { domain: 'example.test', selector: 's1', type: 'ed25519' })).statusCode).toBe(
      200,
    );
  });

  it('is rate-limited per client, with DMARC records', async () => {
    await setUp({ lookupsPerMinute: 2 });
    expect((await post('dkim', { domain: 'example.test', selector: 's1', type: 'ed25519' })).statusCode).toBe(
      200,
    );
    expect((await post('dmarc', { domain: 'example.test', policy: 'none' })).statusCode).toBe(200);
    const refused = await post('dkim', { domain: 'example.test', selector: 's1', type: 'ed25519' });
    expect(refused.statusCode).toBe(429);
    expect(errorOf(refused).code).toBe('rate_limited');
    expect(
      (await post('dkim', { domain: 'example.test', selector: 's1', type: 'ed25519' }, '198.51.100.8'))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a body larger than the small-body limit with 413', async () => {
    await setUp();
    const res = await post('dkim', { domain: 'example.test', selector: 's1', pad: 'x'.repeat(40_000) });
    expect(res.statusCode).toBe(413);
  });
});

it('documents every generator route', async () => {
  await setUp();
  for (const route of ['POST /api/generate/spf', 'POST /api/generate/dmarc', 'POST /api/generate/dkim']) {
    expect(registeredRoutes(app)).toContain(route);
    expect(documentedRoutes()).toContain(route);
  }
  expect(documentedRoutes()).toEqual(
    expect.arrayContaining([
      'GET /generate',
      'GET /generate/spf',
      'GET /generate/dmarc',
      'POST /generate/dkim',
    ]),
  );
});
