/**
 * HTTP (fastify): the API under /api, operations (/healthz, /metrics), the pages (src/web/pages).
 * Every body arrives as bytes (messages are posted raw); every error is JSON with its status; every
 * response carries the security headers (pages set their own CSP on top).
 */
import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { LIMITS } from '../limits.js';
import type { AnalysisWorker, RunningServer, ServiceContext } from '../service/types.js';
import { registerAnalyzeRoutes } from './api/analyze.js';
import { registerBlocklistRoutes } from './api/blocklists.js';
import { registerDomainRoutes } from './api/domains.js';
import { ApiError, errorHandler, notFound } from './api/errors.js';
import { registerEventRoutes } from './api/events.js';
import { registerGenerateRoutes } from './api/generate.js';
import { registerOpsRoutes } from './api/ops.js';
import { registerTestRoutes } from './api/tests.js';
import { clientIpOf } from './client-ip.js';
import { registerPageRoutes, sendNotFoundPage } from './pages/routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The client's IP (see client-ip.ts: the socket, or the trusted proxy's header). */
    clientIp: string;
  }
}

/** Headers on every response. The default CSP allows nothing: JSON needs nothing, pages set their own. */
export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  // Reports are private: no shared cache may keep them. Static assets override this.
  'cache-control': 'no-store',
};

/** Content types named for clarity; the catch-all takes every other one (and none) as raw bytes too. */
const RAW_TYPES = ['message/rfc822', 'application/octet-stream', 'text/plain'];

/** Every route an app registered, as `METHOD /path` (the OpenAPI test compares them with the document). */
const ROUTES = new WeakMap<FastifyInstance, string[]>();
export const registeredRoutes = (app: FastifyInstance): string[] => [...(ROUTES.get(app) ?? [])];

/** What a request Node could not even parse gets (malformed, headers too large, too slow): same JSON as every error. */
function clientErrorResponse(err: NodeJS.ErrnoException): string {
  const [status, code, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'timeout', 'the request took too long to arrive']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'the request headers are too large']
        : [400, 'bad_request', 'malformed HTTP request'];
  const body = JSON.stringify({ error: { code, message } });
  const headers = Object.entries({
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers.join('')}\r\n${body}`;
}

/** "/tests/abcdefghijklmnopqrstuvwxyz" → "/tests/abcd…": enough to follow a request, not to open the report. */
export const redactIds = (url: string): string => url.replace(/\b([a-z2-7]{4})[a-z2-7]{22}\b/g, '$1…');

/** The app with every route, not listening (tests use inject on it). */
export async function buildHttpApp(ctx: ServiceContext, worker: AnalysisWorker): Promise<FastifyInstance> {
  const app = Fastify({
    // Test ids in URLs are the keys to private reports: logs keep only their first characters.
    loggerInstance: ctx.logger.child(
      { component: 'http' },
      {
        serializers: {
          req: (req: { method?: string; url?: string; ip?: string }) => ({
            method: req.method,
            url: redactIds(req.url ?? ''),
            remoteAddress: req.ip,
          }),
        },
      },
    ),
    bodyLimit: LIMITS.httpSmallBodyBytes,
    connectionTimeout: LIMITS.httpIdleTimeoutMs,
    requestTimeout: LIMITS.httpRequestTimeoutMs,
    keepAliveTimeout: LIMITS.httpKeepAliveTimeoutMs,
    // Long enough for a domain name (253) in /api/domains/:domain; ids are 26.
    routerOptions: { maxParamLength: 300 },
    clientErrorHandler: (err, socket) => {
      // A reset connection has nobody to answer; a socket that cannot be written to, neither.
      if (err.code !== 'ECONNRESET' && !socket.destroyed && socket.writable)
        socket.write(clientErrorResponse(err));
      socket.destroy();
    },
    // Malformed URLs and over-long path segments are refused before routing: same JSON, same headers.
    frameworkErrors: (err, request, reply) => {
      reply.headers(SECURITY_HEADERS);
      const status = err.statusCode === 414 ? 414 : 400;
      const message = status === 414 ? 'a path segment is too long' : 'the URL is malformed';
      return errorHandler(
        new ApiError(status, status === 414 ? 'uri_too_long' : 'bad_request', message),
        request,
        reply,
      );
    },
  }) as unknown as FastifyInstance;
  const routes: string[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  });
  app.server.headersTimeout = LIMITS.httpHeadersTimeoutMs;
  app.server.maxConnections = LIMITS.httpMaxConnections;

  app.removeAllContentTypeParsers();
  const rawBody = (_request: unknown, body: Buffer, done: (err: null, body: Buffer) => void) =>
    done(null, body);
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer' }, rawBody);
  app.addContentTypeParser('*', { parseAs: 'buffer' }, rawBody);

  app.decorateRequest('clientIp', '');
  app.addHook('onRequest', async (request, reply) => {
    request.clientIp = clientIpOf(request.socket.remoteAddress, request.headers, ctx.config.trustProxy);
    reply.headers(SECURITY_HEADERS);
  });
  app.setErrorHandler(errorHandler);
  // Browsers asking for a path that is no page get the HTML 404; the API and other clients get JSON.
  app.setNotFoundHandler(async (request, reply) => {
    const wantsHtml = /\btext\/html\b/.test(request.headers.accept ?? '');
    if (wantsHtml && !request.url.startsWith('/api/'))
      return sendNotFoundPage(request, reply, ctx.config.reportTtlDays);
    throw notFound('no such resource');
  });

  await app.register(
    async (api) => {
      registerTestRoutes(api, ctx);
      registerEventRoutes(api, ctx);
      registerAnalyzeRoutes(api, ctx);
      registerBlocklistRoutes(api, ctx);
      registerDomainRoutes(api, ctx);
      registerGenerateRoutes(api, ctx);
    },
    { prefix: '/api' },
  );
  registerOpsRoutes(app, ctx);
  registerPageRoutes(app, ctx, worker);
  return app;
}

export async function startHttp(ctx: ServiceContext, worker: AnalysisWorker): Promise<RunningServer> {
  const app = await buildHttpApp(ctx, worker);
  await app.listen({ host: ctx.config.listen, port: ctx.config.httpPort });
  const { port } = app.server.address() as AddressInfo;
  return {
    port,
    async close() {
      // Requests still running after the grace period are cut, so a stuck client cannot hold the stop.
      const cut = setTimeout(() => app.server.closeAllConnections(), LIMITS.httpCloseGraceMs);
      cut.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
      }
    },
  };
}
