/**
 * Debian's Chromium driven by playwright-core against the real HTTP app on 127.0.0.1, for the browser tests.
 * Requests to anywhere but the app are refused before they leave (and recorded), and every dialog is recorded
 * and dismissed, so a test can assert that hostile content loaded nothing and opened nothing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ServiceContext } from '../../src/service/types.js';
import { buildHttpApp } from '../../src/web/server.js';
import { IDLE_WORKER } from '../web/api-support.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-output');
/** Skipped only when asked: a browser test that skips by itself could hide a broken CI setup. */
export const SKIP_BROWSER = process.env.MAILSCORE_SKIP_BROWSER === '1';

/** Chromium with the project's flags; a clear error with the install line when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: sudo apt-get install chromium fonts-ipafont-gothic (or MAILSCORE_SKIP_BROWSER=1)`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface AppPage {
  app: FastifyInstance;
  context: BrowserContext;
  page: Page;
  /** http://127.0.0.1:<port> */
  base: string;
  /** Requests to anywhere but our server (refused before they leave). */
  outside: string[];
  /** Dialogs (alert, confirm) opened by anything: hostile content must never open one. */
  dialogs: string[];
}

/** The HTTP app of `ctx` listening on a free port, and a fresh browser page for it. */
export async function openAppPage(
  browser: Browser,
  ctx: ServiceContext,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<AppPage> {
  const app = await buildHttpApp(ctx, IDLE_WORKER);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 1200, height: 900 },
  });
  const outside: string[] = [];
  const dialogs: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { app, context, page, base, outside, dialogs };
}
