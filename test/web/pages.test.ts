/**
 * The human pages through the real HTTP app (fastify inject) on a real SQLite store and the fixture DNS
 * server: every state of a test in English and Japanese, the error pages, the security headers, and
 * hostile message content that must stay inert text.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../src/service/config.js';
import { ASSETS } from '../../src/web/assets/index.js';
import { PAGE_CSP } from '../../src/web/pages/routes.js';
import { buildHttpApp } from '../../src/web/server.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildMessage, dkimKeyName, dkimKeyRecord, generateDkimKey, signMessage } from '../support/sign.js';
import { IDLE_WORKER, START, testService, ZONE, type TestService } from './api-support.js';

const espKey = generateDkimKey('ed25519');

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      ...ZONE,
      // An email service that signs with its own domain.
      [dkimKeyName('esp', 'esp.example.net')]: { TXT: [dkimKeyRecord(espKey)] },
      // A hostile zone: its records carry markup, and they end up in the report's details and fixes.
      'evil.example': { TXT: ['v=spf1 ip4:203.0.113.0/24 include:"><script>alert(9)</script> -all'] },
      '_dmarc.evil.example': { TXT: ['v=DMARC1; p=none; rua=mailto:"><img src=x onerror=alert(8)>'] },
    },
  });
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

type Lang = 'en' | 'ja';
const LANGS: Lang[] = ['en', 'ja'];

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

async function newTest(remoteAddress = '198.51.100.7'): Promise<{ id: string; address: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/tests', remoteAddress });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; address: string };
}

const WORDS: Record<Lang, Record<string, string>> = {
  en: {
    waiting: 'Waiting for your message',
    received: 'Your message has arrived',
    analyzing: 'Analyzing your message',
    failed: 'This message could not be analyzed',
    expired: 'This test address has expired',
    notFound: 'No such test',
    limit: 'Daily limit reached',
    gmail: 'How Gmail shows this message',
    start: 'Get a test address',
  },
  ja: {
    waiting: 'メールの到着を待っています',
    received: 'メールが届きました',
    analyzing: 'メールを分析しています',
    failed: 'このメールを分析できませんでした',
    expired: 'このテスト用アドレスは有効期限が切れています',
    notFound: 'テストが見つかりません',
    limit: '1 日の上限に達しました',
    gmail: 'Gmail での表示',
    start: 'テスト用アドレスを取得',
  },
};

/** The tags this program writes; anything else in a page came from data and escaped badly. */
const OUR_TAGS = new Set(
  `html head meta title link script body header a small nav main footer p h1 h2 h3 section div span code
  button ol ul li strong form svg circle text path dl dt dd time details summary iframe pre table thead tbody tr th td`
    .split(/\s+/)
    .filter(Boolean),
);

/** Every start tag in the page, with its attributes (data never produces a tag: its "<" is escaped). */
function tagsOf(page: string): Array<{ name: string; attrs: string }> {
  return [...page.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attrs: m[2]!,
  }));
}

/** Attributes of a start tag as [name, value]; throws when something in the tag is not an attribute. */
function attributesOf(attrs: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const rest = attrs
    .replace(
      /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g,
      (_, name: string, dq?: string, sq?: string) => {
        out.push([name.toLowerCase(), dq ?? sq ?? '']);
        return '';
      },
    )
    .replace(/[\s/]/g, '');
  if (rest !== '') throw new Error(`not an attribute list: ${attrs}`);
  return out;
}

/** The page is markup we wrote and nothing else: known tags, no event handlers, no script URLs, our one script. */
function expectInert(page: string) {
  const tags = tagsOf(page);
  expect(tags.filter((t) => !OUR_TAGS.has(t.name)).map((t) => t.name)).toEqual([]);
  for (const { attrs } of tags) {
    const parsed = attributesOf(attrs);
    expect(parsed.map(([name]) => name).filter((name) => /^on/i.test(name))).toEqual([]);
    for (const [name, value] of parsed) {
      if (/^(href|src|action)$/i.test(name)) expect(value).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    }
  }
  const scripts = tags.filter((t) => t.name === 'script');
  for (const script of scripts)
    expect(script.attrs).toMatch(/^ src="\/assets\/mailscore\.[0-9a-f]{12}\.js" defer$/);
  // No inline script anywhere: every script element is our file, empty.
  expect(page.match(/<script\b/gi)?.length ?? 0).toBe(
    page.match(/<script src="[^"]+" defer><\/script>/g)?.length ?? 0,
  );
  for (const frame of tags.filter((t) => t.name === 'iframe')) {
    expect(frame.attrs).toMatch(/\ssandbox=""/);
    expect(frame.attrs).not.toMatch(/allow-/);
  }
}

function expectPageHeaders(res: LightMyRequestResponse, lang: Lang) {
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
  expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-language']).toBe(lang);
  expect(res.body).toContain(`<html lang="${lang}">`);
  expectInert(res.body);
}

const stateOf = (page: string) => /data-state="([a-z]+)"/.exec(page)?.[1];

describe('the start page', () => {
  afterEach(() => undefined);

  it.each(LANGS)('explains the test and offers a form that works without JavaScript (%s)', async (lang) => {
    await setUp();
    const res = await get(`/?lang=${lang}`);
    expect(res.statusCode).toBe(200);
    expectPageHeaders(res, lang);
    expect(res.body).toContain(`<form method="post" action="/tests?lang=${lang}"`);
    expect(res.body).toContain(WORDS[lang].start);
    expect(res.body.match(/<li><strong>/g)?.length).toBeGreaterThanOrEqual(3);
    expect(res.body).toContain(`href="${ASSETS.style.path}"`);
  });

  it.each([
    [{ 'accept-language': 'ja,en;q=0.5' }, '/', 'ja'],
    [{ 'accept-language': 'fr, en-GB;q=0.9, ja;q=0.8' }, '/', 'en'],
    [{ 'accept-language': 'de' }, '/', 'en'],
    [{ 'accept-language': 'en' }, '/?lang=ja', 'ja'],
    [{ 'accept-language': 'ja' }, '/?lang=xx', 'ja'],
    [{}, '/?lang=ja&lang=en', 'en'],
  ])('%j %s → %s', async (headers, url, lang) => {
    await setUp();
    const res = await get(url, headers);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<html lang="${lang}">`);
    expect(res.headers.vary).toMatch(/Accept-Language/);
  });
});

describe('POST /tests (the form)', () => {
  it.each(LANGS)('creates a test and redirects to its page (%s)', async (lang) => {
    await setUp();
    const res = await app.inject({
      method: 'POST',
      url: `/tests?lang=${lang}`,
      remoteAddress: '198.51.100.9',
    });
    expect(res.statusCode).toBe(303);
    const match = /^\/tests\/([a-z2-7]{26})\?lang=(en|ja)$/.exec(res.headers.location as string);
    expect(match?.[2]).toBe(lang);
    expect(await service.ctx.store.getTest(match![1]!)).not.toBeNull();
  });

  it('takes a browser form body (urlencoded) as well as none', async () => {
    await setUp();
    const res = await app.inject({
      method: 'POST',
      url: '/tests',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:80' },
      payload: '',
      remoteAddress: '198.51.100.9',
    });
    expect(res.statusCode).toBe(303);
  });

  it.each(LANGS)('shows a friendly 429 page past the daily limit, per client (%s)', async (lang) => {
    await setUp({ dailyTests: 3 });
    const post = (remoteAddress: string) =>
      app.inject({ method: 'POST', url: `/tests?lang=${lang}`, remoteAddress });
    for (let i = 0; i < 3; i++) expect((await post('198.51.100.20')).statusCode).toBe(303);
    const refused = await post('198.51.100.20');
    expect(refused.statusCode).toBe(429);
    expectPageHeaders(refused, lang);
    expect(refused.body).toContain(WORDS[lang].limit);
    expect(refused.body).toMatch(lang === 'en' ? /started 3 tests today/ : /3 件のテスト/);
    expect((await post('198.51.100.21')).statusCode).toBe(303);
  });

  it('refuses a cross-site form post (it would spend the visitor’s tests)', async () => {
    await setUp();
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }]) {
      const res = await app.inject({
        method: 'POST',
        url: '/tests',
        headers,
        remoteAddress: '198.51.100.30',
      });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    }
    const sameSite = await app.inject({
      method: 'POST',
      url: '/tests',
      headers: {
        origin: 'http://mailscore.example',
        host: 'mailscore.example',
        'sec-fetch-site': 'same-origin',
      },
      remoteAddress: '198.51.100.30',
    });
    expect(sameSite.statusCode).toBe(303);
  });
});

describe.each(LANGS)('a test page through its states (%s)', (lang) => {
  const headers = { 'accept-language': lang === 'ja' ? 'ja-JP,ja;q=0.9' : 'en-US' };

  it('waits, receives, analyzes and shows the report; the fragment follows each step', async () => {
    await setUp();
    const { id, address } = await newTest();
    const page = async () => {
      const res = await get(`/tests/${id}`, headers);
      expect(res.statusCode).toBe(200);
      expectPageHeaders(res, lang);
      expect(res.headers['cache-control']).toBe('no-store');
      return res.body;
    };
    const fragment = async () => {
      const res = await get(`/tests/${id}/fragment?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<html');
      expectInert(res.body);
      return res;
    };

    const waiting = await page();
    expect(stateOf(waiting)).toBe('waiting');
    expect(waiting).toContain(`data-live-test="${id}"`);
    // The state's content is inside the live container (the script replaces the container's content).
    expect(waiting).toMatch(new RegExp(`data-live-test="${id}"[^>]*>\\s*<h1>`));
    expect(waiting).toContain(`data-lang="${lang}"`);
    expect(waiting).toContain(`<code class="address" id="test-address">${address}</code>`);
    expect(waiting).toContain(`data-copy="${address}"`);
    expect(waiting).toContain(WORDS[lang].waiting);
    expect(waiting).toContain('data-check-score');
    expect(waiting).toMatch(/<ol class="steps">/);
    expect((await fragment()).headers['x-mailscore-state']).toBe('waiting');

    const message = await service.deliver(id);
    const received = await page();
    expect(stateOf(received)).toBe('received');
    expect(received).toContain(WORDS[lang].received);
    expect(received).toContain('192.0.2.10');
    const receivedFragment = await fragment();
    expect(receivedFragment.headers['x-mailscore-state']).toBe('received');
    expect(receivedFragment.headers['x-mailscore-message']).toBe(message.id);

    await service.ctx.store.claimNext();
    const analyzing = await page();
    expect(stateOf(analyzing)).toBe('analyzing');
    expect(analyzing).toContain(WORDS[lang].analyzing);

    // The claimed message goes back to the queue (as after a restart) and is analyzed as the worker would.
    await service.ctx.store.requeueInterrupted();
    await service.analyzeNext();
    const done = await page();
    (await import('node:fs')).writeFileSync(`/tmp/done-${lang}.html`, done);
    expect(stateOf(done)).toBe('done');
    expect(done).toMatch(
      /<svg\s+class="dial"[^>]*\sdata-score="\d+\.\d"\s+data-band="(excellent|good|fair|poor|bad)"/,
    );
    expect(done).toContain(WORDS[lang].gmail);
    expect(done).toContain('data-gmail-card');
    expect(done).toContain('data-category="authentication"');
    expect(done).toMatch(/<iframe\s+class="body-frame"/);
    expect(done).toContain(`/api/tests/${id}/report.json?message=${message.id}&amp;lang=${lang}`);
    expect(done).toContain('Subject: Hello from the API test');
    // Check words come from the report in the page's language.
    if (lang === 'ja') expect(done).toMatch(/SPF[^<]*(合格|成功)|送信ドメイン認証/);
    const doneFragment = await fragment();
    expect(doneFragment.headers['x-mailscore-state']).toBe('done');
    expect(doneFragment.body).toContain('data-report');
  });

  it('shows a failed analysis as such, with the address to send again', async () => {
    await setUp();
    const { id, address } = await newTest();
    await service.deliver(id);
    const claimed = await service.ctx.store.claimNext();
    await service.ctx.store.failMessage(claimed!.id, 'boom', START);
    const res = await get(`/tests/${id}`, headers);
    expect(res.statusCode).toBe(200);
    expectPageHeaders(res, lang);
    expect(stateOf(res.body)).toBe('failed');
    expect(res.body).toContain(WORDS[lang].failed);
    expect(res.body).toContain(address);
    expect(res.body).not.toContain('boom'); // the operator's error line is not for the visitor
  });

  it('shows an unused address past its expiry as expired (410), with a new-test button', async () => {
    await setUp();
    const { id } = await newTest();
    service.setNow(new Date(START.getTime() + 25 * 3_600_000));
    const res = await get(`/tests/${id}`, headers);
    expect(res.statusCode).toBe(410);
    expectPageHeaders(res, lang);
    expect(stateOf(res.body)).toBe('expired');
    expect(res.body).toContain(WORDS[lang].expired);
    expect(res.body).toContain(`<form method="post" action="/tests?lang=${lang}"`);
    expect((await get(`/tests/${id}/fragment?lang=${lang}`)).headers['x-mailscore-state']).toBe('expired');
  });

  it.each([
    '/tests/aaaaaaaaaaaaaaaaaaaaaaaaaa',
    '/tests/not-an-id',
    '/tests/aaaaaaaaaaaaaaaaaaaaaaaaaa/fragment',
    '/tests/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  ])('answers an unknown id with the 404 page: %s', async (url) => {
    await setUp();
    const res = await get(url, headers);
    expect(res.statusCode).toBe(404);
    expectPageHeaders(res, lang);
    expect(res.body).toContain(WORDS[lang].notFound);
    expect(res.body).not.toContain('<script>alert');
  });

  it('answers a browser asking for a path that is no page with the HTML 404, and other clients with JSON', async () => {
    await setUp();
    const browser = await get('/no-such-page', { ...headers, accept: 'text/html,application/xhtml+xml' });
    expect(browser.statusCode).toBe(404);
    expectPageHeaders(browser, lang);
    expect(browser.body).toContain(WORDS[lang].notFound);
    const api = await get('/api/no-such-endpoint', { ...headers, accept: 'text/html' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
    const script = await get('/no-such-page', headers);
    expect(script.statusCode).toBe(404);
    expect(script.headers['content-type']).toMatch(/application\/json/);
  });

  it('answers an unknown or foreign ?message= with the 404 page', async () => {
    await setUp();
    const first = await newTest();
    const second = await newTest('198.51.100.8');
    const foreign = await service.deliver(second.id);
    for (const message of [foreign.id, 'nope', '"><script>']) {
      const res = await get(`/tests/${first.id}?message=${encodeURIComponent(message)}`, headers);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain(WORDS[lang].notFound);
    }
  });
});

describe('several messages to one address', () => {
  it('shows the newest, lists the earlier ones, and pins an earlier one by ?message=', async () => {
    await setUp();
    const { id } = await newTest();
    const first = await service.deliver(id);
    await service.analyzeNext();
    service.setNow(new Date(START.getTime() + 60_000));
    const second = await service.deliver(id);
    await service.analyzeNext();

    const page = (await get(`/tests/${id}?lang=en`)).body;
    expect(page).toContain(`data-message="${second.id}"`);
    expect(page).toContain(`href="/tests/${id}?message=${first.id}&amp;lang=en"`);
    expect(page).toMatch(/<li class="current" aria-current="true">/);

    const pinned = await get(`/tests/${id}?message=${first.id}&lang=en`);
    expect(pinned.statusCode).toBe(200);
    expect(pinned.body).toContain(`data-message="${first.id}"`);
    expect(pinned.body).not.toContain('data-live-test'); // an earlier report does not follow the test
    // The language switch keeps the pinned message.
    expect(pinned.body).toContain(`href="/tests/${id}?message=${first.id}&amp;lang=ja"`);
  });
});

describe('the Gmail card', () => {
  async function report(
    raw: Buffer,
    envelope: { clientIp: string; tls: null | { protocol: string; cipher: string } },
  ) {
    const { id } = await newTest();
    await service.ctx.store.addMessage(
      id,
      { helo: 'mail.example.com', mailFrom: 'alice@example.com', rcptTo: ['x@mailscore.test'], ...envelope },
      raw,
      START,
    );
    await service.analyzeNext();
    return (await get(`/tests/${id}?lang=en`)).body;
  }

  it('shows the grey "?" and the red open padlock for an unauthenticated message sent in clear', async () => {
    await setUp();
    const page = await report(buildMessage({ from: 'alice@example.com' }), {
      clientIp: '198.51.100.99',
      tls: null,
    });
    expect(page).toMatch(
      /<span\s+class="gmail-avatar unknown"[^>]*data-gmail="question-mark"\s*>\?<\/span\s*>/,
    );
    expect(page).toMatch(/data-gmail="red-lock"\s*>example\.com did not encrypt this message</);
    expect(page).toContain('class="gmail-lock open"');
    expect(page).not.toContain('data-gmail="mailed-by"');
    expect(page).not.toContain('data-gmail="signed-by"');
  });

  it('shows "via" and signed-by for a message signed by its email service', async () => {
    await setUp();
    const raw = await signMessage(buildMessage({ from: 'alice@example.com' }), {
      domain: 'esp.example.net',
      selector: 'esp',
      key: espKey,
    });
    const page = await report(raw, {
      clientIp: '192.0.2.10',
      tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256' },
    });
    expect(page).toMatch(/<span class="gmail-avatar" aria-hidden="true">S<\/span>/);
    expect(page).toContain('<span class="gmail-via">via esp.example.net</span>');
    expect(page).toMatch(/data-gmail="signed-by"\s*>esp\.example\.net</);
    expect(page).toMatch(/data-gmail="mailed-by"\s*>example\.com</);
    expect(page).toContain('class="gmail-lock closed"');
    expect(page).not.toContain('data-gmail="red-lock"');
  });
});

/** A message whose every visible part carries script and markup. */
function hostileMessage(): Buffer {
  const html = [
    '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<style>body { background: url(https://evil.example/bg.png) }</style>',
    '<script>parent.document.title = "pwned"</script></head>',
    '<body onload="alert(1)"><p onclick="alert(2)">Hello <b>there</b></p>',
    '<img src="https://tracker.example/pixel.gif" alt="pixel">',
    '<a href="javascript:alert(3)">click</a><iframe src="https://evil.example/"></iframe>',
    '<form action="https://evil.example/"><input name="x"></form></body></html>',
  ].join('\r\n');
  return Buffer.from(
    [
      'From: "<img src=x onerror=alert(4)>" <alice@evil.example>',
      'To: someone@mailscore.test',
      'Subject: <script>alert("subject")</script> & "quotes" \'too\'',
      'Date: Mon, 4 Mar 2030 05:00:00 +0000',
      'Message-ID: <"><svg onload=alert(5)>@evil.example>',
      'X-Evil: </pre><script>alert(6)</script>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      html,
      '',
    ].join('\r\n'),
  );
}

describe('hostile message content', () => {
  it.each(LANGS)('is inert text on the report page (%s)', async (lang) => {
    await setUp();
    const { id } = await newTest();
    await service.deliver(id, hostileMessage());
    await service.analyzeNext();
    const res = await get(`/tests/${id}?lang=${lang}`);
    expect(res.statusCode).toBe(200);
    expectPageHeaders(res, lang);
    expect(stateOf(res.body)).toBe('done');
    // Shown, as text.
    expect(res.body).toContain(
      '&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;',
    );
    expect(res.body).toContain('&lt;img src=x onerror=alert(4)&gt;');
    expect(res.body).toContain('X-Evil: &lt;/pre&gt;&lt;script&gt;alert(6)&lt;/script&gt;');
    // The body is never inlined into the page; it is only in the sandboxed frame.
    expect(res.body).not.toContain('tracker.example');
    expect(res.body).not.toContain('parent.document');
  });

  it('serves the body to the frame under a CSP that blocks scripts and every remote load', async () => {
    await setUp();
    const { id } = await newTest();
    const message = await service.deliver(id, hostileMessage());
    const url = `/tests/${id}/messages/${message.id}/body`;
    const blocked = await get(`${url}?lang=en`);
    expect(blocked.statusCode).toBe(200);
    const csp = blocked.headers['content-security-policy'] as string;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/(^|; )sandbox(;|$)/);
    expect(csp).toMatch(/img-src data:(;|$)/);
    expect(csp).not.toMatch(/script-src|https:/);
    expect(csp).toMatch(/frame-ancestors 'self'/);
    expect(blocked.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(blocked.headers['referrer-policy']).toBe('no-referrer');
    expect(blocked.headers['cache-control']).toBe('no-store');
    expect(blocked.body).toContain('<p onclick="alert(2)">'); // the sender's HTML, as sent, inert by CSP and sandbox

    const shown = await get(`${url}?images=1`);
    expect(shown.headers['content-security-policy']).toMatch(/img-src data: https: http:(;|$)/);
    expect(shown.headers['content-security-policy']).not.toMatch(/script-src/);

    const other = await newTest('198.51.100.8');
    expect((await get(`/tests/${other.id}/messages/${message.id}/body`)).statusCode).toBe(404);
    expect((await get(`/tests/${id}/messages/${encodeURIComponent('../x')}/body`)).statusCode).toBe(404);
  });

  it('shows a text-only body as escaped text', async () => {
    await setUp();
    const { id } = await newTest();
    const raw = Buffer.from(
      'From: a@example.com\r\nTo: b@mailscore.test\r\nSubject: t\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n<script>alert(1)</script> 日本語\r\n',
    );
    const message = await service.deliver(id, raw);
    const res = await get(`/tests/${id}/messages/${message.id}/body?lang=ja`);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 日本語');
    expect(res.body).not.toContain('<script>');
  });
});

describe('static assets', () => {
  it.each([
    [ASSETS.style.path, 'text/css; charset=utf-8', 'word-break: auto-phrase'],
    [ASSETS.script.path, 'text/javascript; charset=utf-8', 'EventSource'],
  ])('%s', async (path, type, content) => {
    await setUp();
    const res = await get(path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toContain(content);
  });
});
