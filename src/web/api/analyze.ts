/**
 * POST /api/analyze — the pipeline on a message posted as the body, with the envelope from the query;
 * POST /api/inspect (./inspect.ts) shares its body limit and slots.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { LIMITS } from '../../limits.js';
import { NotAMessageError } from '../../message/parse.js';
import { analyzeMessage } from '../../pipeline/analyze.js';
import { NoClientIpError, parseTrustedRelays, type TrustedRelay } from '../../pipeline/client-ip.js';
import { rateLimitKey } from '../../service/tests.js';
import type { ServiceContext } from '../../service/types.js';
import { normalizeIp } from '../client-ip.js';
import { ApiError, badRequest } from './errors.js';
import { registerInspectRoute } from './inspect.js';
import { queryValue, requestLang } from './request.js';
import { Slots } from './slots.js';

/** HELO names and MAIL FROM paths: RFC 5321 4.5.3.1 bounds them (255 and 256 octets); no control characters. */
function envelopeText(query: unknown, name: string, maxLength: number): string | undefined {
  const value = queryValue(query, name);
  if (value === undefined) return undefined;
  if (value.length > maxLength) throw badRequest(`${name} is longer than ${maxLength} characters`);
  if (/[\x00-\x1f\x7f]/.test(value)) throw badRequest(`${name} contains control characters`);
  return value;
}

/** `?tls=TLSv1.3`; empty: the message arrived without TLS; absent: not known (read from Received without ?ip=). */
function tlsParam(query: unknown) {
  const value = queryValue(query, 'tls')?.trim();
  if (value === undefined) return undefined;
  if (!value) return null;
  if (!/^[A-Za-z0-9._-]{1,32}$/.test(value)) throw badRequest('tls must be a protocol name such as TLSv1.3');
  return { protocol: value, cipher: null };
}

/** `?ip=`; absent: read from the message's Received fields (src/pipeline/client-ip.ts). */
function clientIpParam(query: unknown): string | undefined {
  const value = queryValue(query, 'ip');
  if (value === undefined) return undefined;
  const ip = normalizeIp(value);
  if (!ip) throw badRequest('ip is not an IP address');
  return ip;
}

/** `?trustedRelay=10.0.0.0/8,mx.example.com`: the caller's own relays, skipped when reading Received. */
function trustedRelayParam(query: unknown): TrustedRelay[] {
  const value = queryValue(query, 'trustedRelay');
  const parsed = parseTrustedRelays(value === undefined ? [] : [value]);
  if ('error' in parsed) throw badRequest(`trustedRelay: ${parsed.error}`);
  return parsed.relays;
}

/** The posted message: our content-type parser hands every body over as bytes. */
function bodyBytes(request: FastifyRequest): Buffer {
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('the body must be the raw message');
  return body;
}

export function registerAnalyzeRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const slots = new Slots(LIMITS.apiAnalysesAtOnce, LIMITS.apiAnalysesPerIp);
  /** Message routes take a slot before their body is read, so many large uploads cannot pile up in memory. */
  const messageRoute: RouteShorthandOptions = {
    bodyLimit: ctx.config.maxMessageBytes,
    onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
      const slot = slots.tryAcquire(rateLimitKey(request.clientIp));
      if ('refused' in slot) {
        throw new ApiError(429, 'busy', 'too many analyses running; try again shortly', {
          'retry-after': '5',
        });
      }
      reply.raw.once('close', slot.release);
    },
  };

  app.post('/analyze', messageRoute, async (request) => {
    const { query } = request;
    const envelope = {
      clientIp: clientIpParam(query),
      helo: envelopeText(query, 'helo', 255),
      mailFrom: envelopeText(query, 'mailFrom', 256),
      tls: tlsParam(query),
      trustedRelays: trustedRelayParam(query),
    };
    const lang = requestLang(request);
    const raw = bodyBytes(request);
    try {
      const report = await analyzeMessage(raw, envelope, {
        resolver: ctx.resolver,
        lang,
        now: ctx.now(),
        spamFilter: ctx.spamFilter,
        links: { reachability: ctx.config.checkLinks },
        blocklists: ctx.blocklists,
      });
      ctx.metrics.dnsQueries.inc(report.dns.queries);
      return report;
    } catch (err) {
      if (err instanceof NotAMessageError) throw badRequest(err.message, 'not_a_message');
      if (err instanceof NoClientIpError)
        throw badRequest(`${err.message}; give the sending IP as ?ip=`, 'no_client_ip');
      throw err;
    }
  });

  registerInspectRoute(app, ctx, messageRoute);
}
