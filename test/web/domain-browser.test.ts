/**
 * The domain audit and the generators in a real browser (Debian's Chromium via playwright-core) against the
 * real HTTP app and a fixture DNS server: from the start page to the form and the audit, a hostile domain
 * refused as inert text, English and Japanese, a phone-sized screen, the DKIM key made and shown once, and
 * the pages without JavaScript. Requests leaving 127.0.0.1 are refused. Screenshots go to test-output/.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openAppPage, SCREENSHOTS, SKIP_BROWSER } from '../support/browser.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { AUDIT_DOMAIN, AUDIT_SELECTOR, auditZone } from '../support/domain-zone.js';
import { testService, type TestService } from './api-support.js';

const OUTPUT = SCREENSHOTS;

let dns: FixtureDnsServer;
let browser: Browser;
const SKIP = SKIP_BROWSER;
beforeAll(async () => {
  if (SKIP) return;
  dns = await startFixtureDns({ zone: auditZone() });
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
  service.ctx.blocklists = [];
  const session = await openAppPage(browser, service.ctx, options);
  ({ app, context, base, outside, dialogs } = session);
  return session.page;
}

afterEach(async () => {
  await context?.close();
  await app?.close();
  await service?.cleanup();
});

/** Horizontal overflow of the page in CSS pixels (0 or less: it fits). */
const overflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

describe.skipIf(SKIP)('the domain audit in Chromium', () => {
  it('goes from the start page to the audit, refuses a hostile domain as text, and speaks both languages', async () => {
    const page = await open();
    await page.goto(`${base}/?lang=en`);
    await page.click('main a[data-domain-link]');
    await page.waitForURL(/\/domain\?lang=en$/);
    await page.screenshot({ path: join(OUTPUT, 'domain-form-en.png'), fullPage: true });

    const hostile = '<img src=x onerror=alert(1)>';
    await page.fill('#domain-name', hostile);
    await page.click('form[data-domain-form] button[type=submit]');
    await page.waitForSelector('#domain-error');
    expect(await page.textContent('#domain-error')).toContain(hostile);
    expect(await page.inputValue('#domain-name')).toBe(hostile);
    expect(await page.$$('main img, main [onerror]')).toEqual([]);

    await page.fill('#domain-name', ` ${AUDIT_DOMAIN.toUpperCase()} `);
    await page.click('form[data-domain-form] details summary');
    await page.fill('#domain-selectors', AUDIT_SELECTOR);
    await page.fill('#domain-ip', '192.0.2.25');
    await page.click('form[data-domain-form] button[type=submit]');
    await page.waitForURL(
      new RegExp(`/domain/example\\.test\\?selector=${AUDIT_SELECTOR}&ip=192\\.0\\.2\\.25&lang=en$`),
    );
    expect(await page.getAttribute('[data-domain-audit]', 'data-domain')).toBe(AUDIT_DOMAIN);
    for (const section of ['spf', 'dmarc', 'dkim', 'mx', 'transport', 'ip'])
      expect(await page.isVisible(`[data-section="${section}"]`)).toBe(true);
    // The tree: three nested nodes; the copy buttons appear with the script.
    expect(await page.$$eval('[data-spf-tree] li', (items) => items.length)).toBe(3);
    expect(await page.isVisible('[data-section="spf"] button.copy')).toBe(true);
    expect(await page.isVisible(`[data-section="dkim"] tr[data-selector="${AUDIT_SELECTOR}"]`)).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'domain-audit-en.png'), fullPage: true });

    await page.click('.lang-switch a[lang="ja"]');
    await page.waitForURL(/lang=ja$/);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.textContent('h1')).toBe(`${AUDIT_DOMAIN} のドメイン診断`);
    // The selectors and the IP came along.
    expect(await page.isVisible('[data-section="ip"]')).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'domain-audit-ja.png'), fullPage: true });
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('fits a phone screen', async () => {
    const page = await open({ viewport: { width: 375, height: 740 } });
    await page.goto(`${base}/domain/${AUDIT_DOMAIN}?selector=${AUDIT_SELECTOR}&lang=ja`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUTPUT, 'domain-audit-phone-ja.png'), fullPage: true });
    await page.goto(`${base}/generate?lang=ja`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUTPUT, 'generate-phone-ja.png'), fullPage: true });
  });

  it('works without JavaScript', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(`${base}/domain?lang=ja`);
    await page.screenshot({ path: join(OUTPUT, 'domain-form-ja.png'), fullPage: true });
    await page.fill('#domain-name', AUDIT_DOMAIN);
    await page.click('form[data-domain-form] button[type=submit]');
    await page.waitForSelector('[data-domain-audit]');
  });
});

describe.skipIf(SKIP)('the generators in Chromium', () => {
  it('builds SPF and DMARC records and makes a DKIM key, shown once', async () => {
    const page = await open();
    await page.goto(`${base}/generate?lang=en`);
    await page.fill('#spf-domain', AUDIT_DOMAIN);
    await page.fill('#spf-addresses', '192.0.2.25');
    await page.click('form[data-generate-form="spf"] button[type=submit]');
    await page.waitForSelector('[data-result="spf"]');
    expect(await page.getAttribute('[data-result="spf"]', 'data-record')).toBe('v=spf1 ip4:192.0.2.25 ~all');
    await page.screenshot({ path: join(OUTPUT, 'generate-spf-en.png'), fullPage: true });

    await page.fill('#dmarc-domain', AUDIT_DOMAIN);
    await page.check('form[data-generate-form="dmarc"] input[name="policy"][value="quarantine"]');
    await page.fill('#dmarc-rua', 'dmarc@reports.example');
    await page.click('form[data-generate-form="dmarc"] button[type=submit]');
    await page.waitForSelector('[data-result="dmarc"]');
    expect(await page.getAttribute('[data-result="dmarc"]', 'data-record')).toBe(
      'v=DMARC1; p=quarantine; rua=mailto:dmarc@reports.example',
    );

    await page.fill('#dkim-domain', AUDIT_DOMAIN);
    await page.fill('#dkim-selector', 's2026');
    await page.click('form[data-generate-form="dkim"] button[type=submit]');
    await page.waitForSelector('[data-result="dkim"]');
    // A POST: the key is in no URL.
    expect(page.url()).toMatch(/\/generate\/dkim\?lang=en#dkim$/);
    expect(await page.textContent('#dkim-private-key')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(await page.isVisible('.secret-warning')).toBe(true);
    expect(await page.isVisible('button[data-copy-from="dkim-private-key"]')).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'generate-dkim-en.png'), fullPage: true });

    await page.goto(`${base}/generate?lang=ja`);
    expect(await page.textContent('h1')).toBe('レコード作成');
    await page.screenshot({ path: join(OUTPUT, 'generate-ja.png'), fullPage: true });
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
  });
});
