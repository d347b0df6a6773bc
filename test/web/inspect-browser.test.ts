/**
 * The inspect page in a real browser (Debian's Chromium via playwright-core) against the real HTTP app and a
 * fixture DNS server: from the start page's link, a message file chosen and posted byte for byte by the page
 * script, a hostile message shown as inert text (no dialog, nothing loaded from outside). Screenshots go to
 * test-output/.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openAppPage, SCREENSHOTS, SKIP_BROWSER } from '../support/browser.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { testService, ZONE, type TestService } from './api-support.js';

let dns: FixtureDnsServer;
let browser: Browser;
beforeAll(async () => {
  if (SKIP_BROWSER) return;
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
let outside: string[];
let dialogs: string[];

async function open(): Promise<Page> {
  service = testService(dns);
  service.ctx.blocklists = [];
  const session = await openAppPage(browser, service.ctx);
  ({ app, context, base, outside, dialogs } = session);
  return session.page;
}
afterEach(async () => {
  await context?.close();
  await app?.close();
  await service?.cleanup();
});

/** Markup in From and Subject, and a link that shows one site and opens another. */
const HOSTILE = Buffer.from(
  [
    'Received: from evil.example (evil.example [203.0.113.5]) by mx.corp.example with ESMTP id q1; Mon, 4 Mar 2030 05:00:05 +0000',
    'From: "<img src=https://tracker.example/x onerror=alert(1)>" <ceo@example.com>',
    'To: you@example.net',
    'Subject: <script>alert(2)</script>',
    'Date: Mon, 4 Mar 2030 05:00:00 +0000',
    'Message-ID: <browser@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<a href="https://login.evil-site.example/">https://www.example.com/</a>',
    '',
  ].join('\r\n'),
);

describe.skipIf(SKIP_BROWSER)('the inspect page in a browser', () => {
  it('goes from the start page to the form, posts a chosen file, and shows the verdict as inert text', async () => {
    const page = await open();
    await page.goto(`${base}/?lang=en`);
    await page.click('a[data-inspect-link]');
    await page.waitForURL(/\/inspect\?lang=en$/);
    await page.setInputFiles('input[data-inspect-file]', {
      name: 'message.eml',
      mimeType: 'message/rfc822',
      buffer: HOSTILE,
    });
    // A string: the tests compile without the DOM types.
    await page.waitForFunction("document.querySelector('input[data-inspect-bytes]').value.length > 0");
    await Promise.all([
      page.waitForURL(/\/inspect/),
      page.click('form[data-inspect-form] button[type=submit]'),
    ]);
    await page.waitForSelector('h1.verdict');
    expect(await page.textContent('h1.verdict')).toMatch(/^(Suspicious|Dangerous)/);
    expect(await page.textContent('.inspected-message')).toContain('<script>alert(2)</script>');
    await page.screenshot({ path: join(SCREENSHOTS, 'inspect-result.png'), fullPage: true });
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
  }, 60_000);
});
