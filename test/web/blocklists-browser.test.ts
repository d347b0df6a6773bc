/**
 * The blocklist page in a real browser (Debian's Chromium via playwright-core) against the real HTTP app and
 * a fixture DNS server: from the start page's link to the form, a hostile target refused as inert text, the
 * results in English and Japanese (language switch), a phone-sized screen, and the page without JavaScript.
 * Requests leaving 127.0.0.1 are refused. Screenshots go to test-output/.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openAppPage, SCREENSHOTS, SKIP_BROWSER } from '../support/browser.js';
import { blocklistFixture, LISTED_IP, TEST_ZONES, ZONES } from '../support/blocklist-zones.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { testService, ZONE, type TestService } from './api-support.js';

const OUTPUT = SCREENSHOTS;

let dns: FixtureDnsServer;
let browser: Browser;
const SKIP = SKIP_BROWSER;
beforeAll(async () => {
  if (SKIP) return;
  dns = await startFixtureDns({ zone: { ...ZONE, ...blocklistFixture() } });
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

async function open(
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  service = testService(dns);
  service.ctx.blocklists = TEST_ZONES;
  const session = await openAppPage(browser, service.ctx, options);
  ({ app, context, base, outside, dialogs } = session);
  return session.page;
}

afterEach(async () => {
  await context?.close();
  await app?.close();
  await service?.cleanup();
});

/** [zone, status] of each row of a results table. */
const tableRows = (page: Page, table: string) =>
  // Browser code as a string: the project compiles without the DOM's types.
  page.evaluate<string[][]>(
    `[...document.querySelectorAll('[data-blocklist-table="${table}"] tbody tr')].map((row) => [row.dataset.zone, row.dataset.status])`,
  );

describe.skipIf(SKIP)('the blocklist page in Chromium', () => {
  it('goes from the start page to the results, refuses a hostile target as text, and speaks both languages', async () => {
    const page = await open();
    await page.goto(`${base}/?lang=en`);
    await page.click('a[data-blocklist-link]');
    await page.waitForURL(/\/blocklists\?lang=en$/);
    await page.screenshot({ path: join(OUTPUT, 'blocklists-form-en.png'), fullPage: true });

    // A hostile target: shown back as text in the error and the field, nothing runs.
    const hostile = '<img src=x onerror=alert(1)>';
    await page.fill('#blocklist-target', hostile);
    await page.click('form[data-blocklist-form] button[type=submit]');
    await page.waitForSelector('#blocklist-error');
    expect(await page.textContent('#blocklist-error')).toContain(hostile);
    expect(await page.inputValue('#blocklist-target')).toBe(hostile);
    expect(await page.$$('main img, main script, main [onerror]')).toEqual([]);

    // A listed address: the results at their own URL.
    await page.fill('#blocklist-target', ` ${LISTED_IP} `);
    await page.click('form[data-blocklist-form] button[type=submit]');
    await page.waitForURL(new RegExp(`/blocklists/${LISTED_IP.replace(/\./g, '\\.')}\\?lang=en$`));
    expect(await page.getAttribute('[data-blocklist-results]', 'data-listed')).toBe('true');
    expect(await tableRows(page, 'blocklists-heading')).toEqual(
      expect.arrayContaining([
        [ZONES.major, 'listed'],
        [ZONES.refusing, 'error'],
      ]),
    );
    expect(await tableRows(page, 'allowlists-heading')).toEqual([[ZONES.allow, 'clean']]);
    expect(await page.isVisible('[data-check="blocklists.ip-listed"] .fix')).toBe(true);
    // A listed row is shown in the failure colour.
    const colour = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('[data-zone="${ZONES.major}"] .bl-status')).color`,
    );
    expect(colour).toBe('rgb(207, 34, 46)');
    await page.screenshot({ path: join(OUTPUT, 'blocklists-results-en.png'), fullPage: true });

    await page.click('.lang-switch a[lang="ja"]');
    await page.waitForURL(new RegExp(`/blocklists/${LISTED_IP.replace(/\./g, '\\.')}\\?lang=ja$`));
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.textContent('h1')).toBe(`${LISTED_IP} のブロックリスト掲載状況`);
    await page.screenshot({ path: join(OUTPUT, 'blocklists-results-ja.png'), fullPage: true });
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('fits a phone screen', async () => {
    const page = await open({ viewport: { width: 375, height: 740 } });
    await page.goto(`${base}/blocklists/${LISTED_IP}?lang=ja`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUTPUT, 'blocklists-results-phone-ja.png'), fullPage: true });
  });

  it('works without JavaScript', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(`${base}/blocklists?lang=ja`);
    await page.screenshot({ path: join(OUTPUT, 'blocklists-form-ja.png'), fullPage: true });
    await page.fill('#blocklist-target', LISTED_IP);
    await page.click('form[data-blocklist-form] button[type=submit]');
    await page.waitForSelector('[data-blocklist-results][data-listed="true"]');
  });
});
