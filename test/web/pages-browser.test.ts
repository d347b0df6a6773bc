/**
 * The pages in a real browser (Debian's Chromium, driven by playwright-core) against the real HTTP app on
 * a real SQLite store: create a test from the start page, watch the page turn into the report without a
 * reload (server-sent events, and polling when the stream is blocked), the score dial and the Gmail card,
 * hostile content that must not run, remote images only after a click, the page without JavaScript.
 * Every request leaving 127.0.0.1 is intercepted and refused (recorded, so the test can say it was tried).
 * Screenshots go to test-output/.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openAppPage, SCREENSHOTS, SKIP_BROWSER } from '../support/browser.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { testService, ZONE, type TestService } from './api-support.js';

const OUTPUT = SCREENSHOTS;

/** A message whose Subject, display name, headers and HTML all carry script and markup. */
const HOSTILE = Buffer.from(
  [
    'From: "<img src=x onerror=alert(1)>" <alice@example.com>',
    'To: someone@mailscore.test',
    'Subject: <script>alert("subject")</script> 件名',
    'Date: Mon, 4 Mar 2030 05:00:00 +0000',
    'Message-ID: <hostile@example.com>',
    'X-Evil: <svg onload=alert(2)>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/refresh">',
    '<style>body { background: url(https://evil.example/bg.png) }</style>',
    '<script>parent.document.title = "pwned"; alert(3)</script></head>',
    '<body onload="alert(4)"><p id="greeting" onclick="alert(5)">Hello from the body</p>',
    '<img src="https://tracker.example/pixel.gif" alt="pixel">',
    '<a href="javascript:alert(6)">link</a></body></html>',
    '',
  ].join('\r\n'),
);

let dns: FixtureDnsServer;
let browser: Browser;
const SKIP = SKIP_BROWSER;
beforeAll(async () => {
  if (SKIP) return;
  dns = await startFixtureDns({ zone: ZONE });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await dns?.stop();
});

let service: TestService;
let app: FastifyInstance;
let base: string;
let context: BrowserContext;
/** Requests to anywhere but our server (refused before they leave). */
let outside: string[];
/** Dialogs (alert, confirm) opened by anything: hostile content must never open one. */
let dialogs: string[];

async function open(
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
) {
  service = testService(dns);
  const session = await openAppPage(browser, service.ctx, options);
  ({ app, context, base, outside, dialogs } = session);
  return session.page;
}

afterEach(async () => {
  await context?.close();
  await app?.close();
  await service?.cleanup();
});

/** Creates a test the way a visitor does: the start page's button. Returns the test id. */
async function createFromStartPage(page: Page, lang: 'en' | 'ja'): Promise<string> {
  await page.goto(`${base}/?lang=${lang}`);
  await page.click('form.new-test button[type=submit]');
  await page.waitForURL(/\/tests\/[a-z2-7]{26}\?lang=(en|ja)$/);
  return /\/tests\/([a-z2-7]{26})/.exec(page.url())![1]!;
}

const liveState = (page: Page) => page.getAttribute('[data-live-test]', 'data-state');

describe.skipIf(SKIP)('the pages in Chromium', () => {
  it('turn from the waiting page into the report without a reload, and keep hostile content inert', async () => {
    const page = await open();
    const id = await createFromStartPage(page, 'en');
    await expect.poll(() => liveState(page)).toBe('waiting');
    const address = (await page.textContent('#test-address'))!;
    expect(address).toMatch(/^[a-z2-7]{26}@mailscore\.test$/);
    expect(await page.isVisible('.address-box button.copy')).toBe(true); // shown by the script
    await page.screenshot({ path: join(OUTPUT, 'pages-waiting-en.png'), fullPage: true });

    // The copy button copies the address and says so.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.click('.address-box button.copy');
    await expect.poll(() => page.textContent('.address-box button.copy')).toBe('Copied');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(address);

    // "Check my score" before anything arrived: a hint, no navigation.
    await page.click('a[data-check-score]');
    await page.waitForSelector('[data-check-hint]:not([hidden])');

    // A marker on the window: it is gone if the page ever reloads. (Browser code is given as strings:
    // the project compiles without the DOM's types.)
    await page.evaluate('window.__sameDocument = true');

    await service.deliver(id, HOSTILE);
    await page.waitForSelector('[data-live-test][data-state="received"]');
    await service.analyzeNext();
    await page.waitForSelector('[data-live-test][data-state="done"] svg.dial');
    expect(await page.evaluate('window.__sameDocument')).toBe(true);

    // The dial shows the stored report's score, in its band's colour.
    const [message] = await service.ctx.store.listMessages(id);
    const score = message!.analysis!.report.score;
    expect(await page.getAttribute('svg.dial', 'data-score')).toBe(score.toFixed(1));
    const stroke = await page.evaluate<string>(
      "getComputedStyle(document.querySelector('svg.dial circle.value')).stroke",
    );
    expect(stroke).toMatch(/^rgb\(/);
    expect(stroke).not.toBe('rgb(234, 238, 242)'); // not the track's grey

    // The Gmail card, from report.gmail.
    const gmail = message!.analysis!.report.gmail;
    expect(await page.isVisible('[data-gmail-card] .gmail-row')).toBe(true);
    expect(await page.isVisible('[data-gmail="question-mark"]')).toBe(gmail.questionMark);
    expect(await page.isVisible('[data-gmail="red-lock"]')).toBe(gmail.redLock);
    if (gmail.mailedBy) expect(await page.textContent('[data-gmail="mailed-by"]')).toBe(gmail.mailedBy);

    // Hostile text shows as text; nothing ran.
    expect(await page.textContent('.gmail-subject')).toBe('<script>alert("subject")</script> 件名');
    expect(await page.textContent('.gmail-sender')).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('#raw-headers').textContent()).toContain('X-Evil: <svg onload=alert(2)>');
    expect(await page.$$('main script, main img, main [onload], main [onclick], main [onerror]')).toEqual([]);

    // The body frame: sandboxed, its content there, its script dead, its remote loads blocked.
    const frameElement = await page.waitForSelector('iframe.body-frame');
    expect(await frameElement.getAttribute('sandbox')).toBe('');
    await frameElement.scrollIntoViewIfNeeded(); // the frame loads lazily, when it comes into view
    const frame = (await frameElement.contentFrame())!;
    await expect.poll(() => frame.url()).toContain('/body?');
    await expect.poll(() => frame.content()).toContain('Hello from the body');
    await page.waitForTimeout(500); // a meta refresh with 0 s delay would have fired by now
    expect(frame.url()).toContain('/body?');
    expect(dialogs).toEqual([]);
    expect(await page.title()).toBe('Your report — mailscore'); // set from the fragment; the body's script never ran
    expect(outside).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, 'pages-report-en.png'), fullPage: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(OUTPUT, 'pages-report-top-en.png') });

    // Remote images only after the click: then (and only then) the browser tries to load the pixel.
    await page.click('a[data-show-images]');
    await expect.poll(() => frame.url()).toContain('images=1');
    await expect.poll(() => outside.some((url) => url.startsWith('https://tracker.example/'))).toBe(true);
    expect(outside.filter((url) => url.includes('evil.example/refresh'))).toEqual([]);
    expect(dialogs).toEqual([]);

    // The language switch keeps the page.
    await page.click('.lang-switch a[lang="ja"]');
    await page.waitForURL(new RegExp(`/tests/${id}\\?lang=ja$`));
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.textContent('#gmail-heading')).toBe('Gmail での表示');
    await page.screenshot({ path: join(OUTPUT, 'pages-report-ja.png'), fullPage: true });
  });

  it('reaches the report by polling when the event stream is blocked', async () => {
    const page = await open();
    await context.route('**/events', (route) => route.abort());
    const id = await createFromStartPage(page, 'ja');
    await expect.poll(() => liveState(page)).toBe('waiting');
    await service.deliver(id);
    await service.analyzeNext();
    await page.waitForSelector('[data-live-test][data-state="done"] svg.dial', { timeout: 15_000 });
    expect(await page.textContent('h1.verdict')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('fits a phone screen', async () => {
    const page = await open({ viewport: { width: 375, height: 740 } });
    const id = await createFromStartPage(page, 'ja');
    await service.deliver(id);
    await service.analyzeNext();
    await page.waitForSelector('[data-live-test][data-state="done"] svg.dial');
    // Nothing wider than the screen: long domains and records wrap.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUTPUT, 'pages-report-phone-ja.png'), fullPage: true });
    await page.screenshot({ path: join(OUTPUT, 'pages-report-phone-top-ja.png') });
  });

  it('works without JavaScript: the form creates a test, reloading shows the report', async () => {
    const page = await open({ javaScriptEnabled: false });
    const id = await createFromStartPage(page, 'en');
    expect(await page.textContent('#test-address')).toMatch(/@mailscore\.test$/);
    expect(await page.isVisible('.address-box button.copy')).toBe(false); // useless without the script
    await service.deliver(id);
    await service.analyzeNext();
    await page.click('a[data-check-score]'); // a plain link to the same page
    await page.waitForSelector('svg.dial');
  });
});
