/**
 * The inspect pages through the real HTTP app: the upload form in both languages, a pasted or base64-posted
 * message judged, hostile content from the message shown only as escaped text, refusals, and the link from
 * the start page.
 */
import type { FastifyInstance } from 'fastify';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../src/service/config.js';
import { buildHttpApp } from '../../src/web/server.js';
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

const HOSTILE = [
  'Received: from evil.example (evil.example [203.0.113.5]) by mx.corp.example with ESMTP id q1; Mon, 4 Mar 2030 05:00:05 +0000',
  'From: "<script>alert(1)</script>" <ceo@example.com>',
  'To: you@example.net',
  'Subject: <img src=x onerror=alert(2)> Urgent',
  'Date: Mon, 4 Mar 2030 05:00:00 +0000',
  'Message-ID: <hostile@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<a href="javascript:alert(3)">https://www.example.com/</a><script>alert(4)</script>',
  '',
].join('\r\n');

const postForm = (fields: Record<string, string>, lang = 'en') =>
  app.inject({
    method: 'POST',
    url: `/inspect?lang=${lang}`,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: '198.51.100.7',
  });

const textOf = (body: string) => DomUtils.textContent(parseDocument(body));
const elements = (body: string, name: string) =>
  DomUtils.findAll((el) => el.name === name, parseDocument(body).children);

describe('the inspect pages', () => {
  it.each([
    ['en', /Is this email genuine/],
    ['ja', /このメールは本物ですか/],
  ])('GET /inspect?lang=%s shows the upload form', async (lang, title) => {
    await setUp();
    const res = await app.inject(`/inspect?lang=${lang}`);
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toMatch(title);
    const inputs = elements(res.body, 'input').map((el) => el.attribs.name ?? el.attribs.type);
    expect(inputs).toEqual(expect.arrayContaining(['file', 'messageBase64', 'trust']));
    expect(elements(res.body, 'textarea').map((el) => el.attribs.name)).toEqual(['message']);
    expect(elements(res.body, 'form')[0]!.attribs.method).toBe('post');
  });

  it('judges a pasted message: the verdict first, then reasons, advice and checks; hostile content escaped', async () => {
    await setUp();
    const res = await postForm({ message: HOSTILE });
    expect(res.statusCode).toBe(200);
    const h1 = elements(res.body, 'h1')[0]!;
    expect(DomUtils.textContent(h1)).toMatch(/^(Suspicious|Dangerous)/);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).not.toContain('javascript:alert');
    expect(elements(res.body, 'script').every((el) => el.attribs.src && !DomUtils.textContent(el))).toBe(
      true,
    );
    expect(elements(res.body, 'img')).toHaveLength(0);
    // The hostile words are there, as text.
    expect(textOf(res.body)).toContain('<img src=x onerror=alert(2)> Urgent');
    expect(textOf(res.body)).toMatch(/What to do/);
    expect(textOf(res.body)).toMatch(/a number you already have/);
  });

  it('judges a file posted as base64 by the page script, in Japanese', async () => {
    await setUp();
    const res = await postForm({ messageBase64: Buffer.from(MESSAGE).toString('base64') }, 'ja');
    expect(res.statusCode).toBe(200);
    expect(DomUtils.textContent(elements(res.body, 'h1')[0]!)).toMatch(/本物です|要注意|危険/);
    expect(textOf(res.body)).toMatch(/どうすればよいか/);
  });

  it.each([
    ['an empty form', {}, 400, /Choose a message file/],
    ['a bad trust value', { message: HOSTILE, trust: '<b>x</b>' }, 400, /server names could not be read/],
  ])('refuses %s with the form again', async (_name, fields, status, words) => {
    await setUp();
    const res = await postForm(fields as Record<string, string>);
    expect(res.statusCode).toBe(status);
    expect(textOf(res.body)).toMatch(words);
    expect(res.body).not.toContain('<b>x</b>');
  });

  it('holds each client to the rate', async () => {
    await setUp({ lookupsPerMinute: 1 });
    expect((await postForm({ message: HOSTILE })).statusCode).toBe(200);
    const refused = await postForm({ message: HOSTILE });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('is linked from the start page', async () => {
    await setUp();
    const res = await app.inject('/?lang=en');
    const link = elements(res.body, 'a').find((el) => el.attribs['data-inspect-link'] !== undefined);
    expect(link?.attribs.href).toBe('/inspect?lang=en');
  });
});
