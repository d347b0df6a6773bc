/**
 * The human pages: GET / (start), POST /tests (new test, then a redirect: works without JavaScript),
 * GET /tests/:id (waiting → report), its changing part /tests/:id/fragment, the sandboxed message body,
 * and the static assets. Every page is HTML with a strict CSP: scripts and styles only from this site,
 * no framing, no referrer (report URLs are private).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LIMITS } from '../../limits.js';
import { decodeReadableBody } from '../../message/body.js';
import { parseMessage } from '../../message/parse.js';
import type { Lang } from '../../report/types.js';
import { isRandomId } from '../../service/ids.js';
import {
  createTestFor,
  isMessageId,
  langFromAcceptLanguage,
  testView,
  type TestView,
} from '../../service/tests.js';
import type { AnalysisWorker, ServiceContext } from '../../service/types.js';
import { ASSETS } from '../assets/index.js';
import type { SafeHtml } from '../html.js';
import { registerBlocklistPages } from './blocklist-routes.js';
import { registerDomainPages } from './domain-routes.js';
import { registerGeneratePages } from './generate-routes.js';
import { registerInspectPages } from './inspect.js';
import { bodyCsp, bodyDocument } from './body.js';
import { renderBadRequestPage, renderLimitPage, renderNotFoundPage } from './errors.js';
import type { HeaderExcerpt } from './report.js';
import { renderStartPage } from './start.js';
import { pageStateOf, renderTestFragment, renderTestPage, type ShownMessage } from './test.js';

/** The pages' CSP: nothing inline, nothing from elsewhere; the body frame is our own URL. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  // Report URLs are the only key to a report: never send them to another site.
  'referrer-policy': 'no-referrer',
} as const;

/** Body of the new-test form: it carries nothing we read (the server takes any body as bytes). */
const FORM_BODY_BYTES = 1024;

type Query = Record<string, unknown>;

/** A query value given once as a string, else undefined (pages forgive odd queries; the API refuses them). */
function queryString(request: FastifyRequest, name: string): string | undefined {
  const query = request.query as Query | undefined;
  const value = query && Object.hasOwn(query, name) ? query[name] : undefined;
  return typeof value === 'string' && value.length <= 64 ? value : undefined;
}

/** `?lang=en|ja`, else Accept-Language, else English. An unknown `lang` falls back rather than failing. */
export function pageLang(request: FastifyRequest): Lang {
  const asked = queryString(request, 'lang')?.trim().toLowerCase();
  if (asked === 'en' || asked === 'ja') return asked;
  const accept = request.headers['accept-language'];
  return langFromAcceptLanguage(Array.isArray(accept) ? accept.join(',') : accept) ?? 'en';
}

function sendPage(reply: FastifyReply, status: number, lang: Lang, page: SafeHtml, cache = 'no-store') {
  return reply
    .code(status)
    .headers({
      ...COMMON_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'x-frame-options': 'DENY',
      'cache-control': cache,
      'content-language': lang,
      vary: 'Accept-Language',
    })
    .send(page.value);
}

/** The header section as shown on the page: up to LIMITS.pageHeaderBytes, decoded as UTF-8. */
export function headerExcerpt(raw: Buffer): HeaderExcerpt {
  const limit = LIMITS.pageHeaderBytes;
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) : raw.length;
  return {
    text: raw.subarray(0, Math.min(end, limit)).toString('utf8'),
    truncated: end > limit,
    limitBytes: limit,
  };
}

/** The From mailbox with its decoded display name, from the header section alone (cheap: no body). */
async function senderOf(headers: HeaderExcerpt): Promise<ShownMessage['sender']> {
  try {
    const parsed = await parseMessage(Buffer.from(`${headers.text}\r\n\r\n`, 'utf8'));
    const from = parsed.from[0];
    return from ? { name: from.name, address: from.address } : null;
  } catch {
    return null;
  }
}

async function loadShown(ctx: ServiceContext, view: TestView): Promise<ShownMessage | null> {
  if (!view.messageId) return null;
  const record = await ctx.store.getMessage(view.messageId);
  if (!record) return null;
  let headers: HeaderExcerpt | null = null;
  let sender: ShownMessage['sender'] = null;
  if (pageStateOf(view) === 'done') {
    const raw = await ctx.store.getRaw(record.id);
    if (raw) {
      headers = headerExcerpt(raw);
      sender = await senderOf(headers);
    }
  }
  return {
    id: record.id,
    receivedAt: record.receivedAt.toISOString(),
    clientIp: record.envelope.clientIp,
    findings: record.analysis?.findings ?? [],
    headers,
    sender,
  };
}

/** Host name of a URL or of a Host header value, lower case; null when it does not parse. */
function hostnameOf(urlOrHost: string): string | null {
  try {
    return new URL(urlOrHost.includes('://') ? urlOrHost : `http://${urlOrHost}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * A cross-site form post would spend the visitor's daily tests: only our own pages may create one. Browsers
 * say so in Sec-Fetch-Site, older ones in Origin (compared by host name: the port and scheme may differ
 * behind a proxy, and another port of the same host is the same site anyway).
 */
function crossSite(request: FastifyRequest, publicUrl: string | null): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return false;
  const originHost = hostnameOf(origin);
  const ours = [request.headers.host, publicUrl].filter((v): v is string => !!v).map(hostnameOf);
  return originHost === null || !ours.includes(originHost);
}

/** The HTML 404 page (for browsers asking for a path that is no page). */
export function sendNotFoundPage(request: FastifyRequest, reply: FastifyReply, reportTtlDays: number) {
  const lang = pageLang(request);
  return sendPage(reply, 404, lang, renderNotFoundPage({ lang, reportTtlDays, path: '/' }));
}

export function registerPageRoutes(app: FastifyInstance, ctx: ServiceContext, _worker: AnalysisWorker): void {
  const ttlDays = ctx.config.reportTtlDays;
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendNotFoundPage(request, reply, ttlDays);

  // Pages live in their own scope, so their HTML error page does not replace the API's JSON errors.
  void app.register(async (pages) => {
    pages.setErrorHandler((err: Error & { statusCode?: unknown }, request, reply) => {
      const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
      if (status >= 500) request.log.error({ err }, 'page failed');
      const lang = pageLang(request);
      return sendPage(reply, status, lang, renderBadRequestPage({ lang, reportTtlDays: ttlDays }));
    });

    for (const asset of Object.values(ASSETS)) {
      pages.get(asset.path, async (_request, reply) =>
        reply
          .headers({
            ...COMMON_HEADERS,
            'content-type': asset.contentType,
            // The path carries the content hash: a new version is a new URL.
            'cache-control': 'public, max-age=31536000, immutable',
          })
          .send(asset.body),
      );
    }

    pages.get('/', async (request, reply) => {
      const lang = pageLang(request);
      const page = renderStartPage({ lang, dailyTests: ctx.config.dailyTests, reportTtlDays: ttlDays });
      return sendPage(reply, 200, lang, page, 'no-cache');
    });

    registerBlocklistPages(pages, ctx, pageLang, sendPage);
    registerDomainPages(pages, ctx, pageLang, sendPage);
    registerGeneratePages(pages, ctx, pageLang, sendPage);
    registerInspectPages(pages, ctx, pageLang, sendPage);

    pages.post('/tests', { bodyLimit: FORM_BODY_BYTES }, async (request, reply) => {
      const lang = pageLang(request);
      if (crossSite(request, ctx.config.publicUrl)) {
        return sendPage(reply, 403, lang, renderBadRequestPage({ lang, reportTtlDays: ttlDays }));
      }
      const created = await createTestFor(ctx, request.clientIp);
      if (!created.ok) {
        return sendPage(
          reply,
          429,
          lang,
          renderLimitPage({ lang, reportTtlDays: ttlDays, path: '/', limit: created.limit }),
        );
      }
      // 303: the browser follows with a GET, so reloading the test page never posts again.
      return reply.code(303).header('location', `/tests/${created.test.id}?lang=${lang}`).send();
    });

    /** The view of a test (and its shown message) for a page request, or null for a 404. */
    async function load(request: FastifyRequest<{ Params: { id: string } }>, lang: Lang) {
      const messageParam = queryString(request, 'message');
      if (!isRandomId(request.params.id)) return null;
      if (messageParam !== undefined && !isMessageId(messageParam)) return null;
      const view = await testView(ctx, request.params.id, lang, { messageId: messageParam ?? null });
      if (!view) return null;
      return { view, shown: await loadShown(ctx, view), pinned: messageParam !== undefined };
    }

    pages.get<{ Params: { id: string } }>('/tests/:id', async (request, reply) => {
      const lang = pageLang(request);
      const loaded = await load(request, lang);
      if (!loaded) return notFound(request, reply);
      const page = renderTestPage({ lang, ...loaded, reportTtlDays: ttlDays });
      return sendPage(reply, pageStateOf(loaded.view) === 'expired' ? 410 : 200, lang, page);
    });

    pages.get<{ Params: { id: string } }>('/tests/:id/fragment', async (request, reply) => {
      const lang = pageLang(request);
      const loaded = await load(request, lang);
      if (!loaded) return notFound(request, reply);
      const fragment = renderTestFragment({ lang, ...loaded, reportTtlDays: ttlDays });
      reply.headers({
        'x-mailscore-state': pageStateOf(loaded.view),
        'x-mailscore-message': loaded.view.messageId ?? '',
      });
      return sendPage(reply, 200, lang, fragment);
    });

    pages.get<{ Params: { id: string; messageId: string } }>(
      '/tests/:id/messages/:messageId/body',
      async (request, reply) => {
        const lang = pageLang(request);
        const { id, messageId } = request.params;
        const message =
          isRandomId(id) && isMessageId(messageId) ? await ctx.store.getMessage(messageId) : null;
        const raw = message && message.testId === id ? await ctx.store.getRaw(message.id) : null;
        if (!raw) return notFound(request, reply);
        const images = queryString(request, 'images') === '1';
        const document = bodyDocument(await decodeReadableBody(raw), lang);
        return reply
          .headers({
            ...COMMON_HEADERS,
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': bodyCsp(images),
            // The report page frames this (the server's default for every response is DENY).
            'x-frame-options': 'SAMEORIGIN',
            'cache-control': 'no-store',
          })
          .send(document);
      },
    );
  });
}
