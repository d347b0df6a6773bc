/**
 * POST /api/inspect?trust=&lang=&keep= — a message the caller received, posted as the body, inspected: is it
 * genuine, is it safe to open (src/inspect/). The body is bounded and takes a slot as /api/analyze does (the
 * route options come from there); each client is also held to --lookups-per-minute, as blocklist lookups are
 * (an inspection sends DNS queries to the lists on someone's behalf). Links are never fetched.
 *
 * Uploaded messages are analysed and not kept. `keep=1` asks to keep one: the upload and its report are
 * stored under a new unguessable id (the store deletes them with the reports, after --report-ttl-days),
 * the report says `kept: true`, and `Location` names GET /api/inspect/:id, which shows it again.
 */
import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { inspectMessage, type InspectAnalysis } from '../../inspect/inspect.js';
import { NotAMessageError } from '../../message/parse.js';
import type { Lang } from '../../report/types.js';
import { takeRate } from '../../service/rate-limit.js';
import { randomId, isRandomId } from '../../service/ids.js';
import type { ServiceContext } from '../../service/types.js';
import { ApiError, badRequest } from './errors.js';
import { queryValue, requestLang } from './request.js';

/** authserv-ids: host names as receiving servers write them (RFC 8601 2.5), at most this many. */
const AUTHSERV_ID = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/i;
const MAX_TRUSTED = 20;

/** `?trust=mx.example.com,…`: the caller's own receiving servers, whose Authentication-Results count. */
export function trustParam(value: string | undefined): string[] | { error: string } {
  if (value === undefined || value.trim() === '') return [];
  const ids = value.split(',').map((id) => id.trim());
  if (ids.length > MAX_TRUSTED) return { error: `trust names at most ${MAX_TRUSTED} authserv-ids` };
  const bad = ids.find((id) => !AUTHSERV_ID.test(id));
  if (bad !== undefined) return { error: 'trust must be authserv-ids (host names), separated by commas' };
  return ids.map((id) => id.toLowerCase());
}

/** `?keep=1` asks to keep the upload; anything but 0/1/absent is a 400. */
export function keepParam(value: string | undefined): boolean | { error: string } {
  if (value === undefined || value === '' || value === '0') return false;
  if (value === '1') return true;
  return { error: 'keep must be 0 or 1' };
}

export type ClientInspection =
  | { ok: true; analysis: InspectAnalysis; keptId?: string }
  | { ok: false; reason: 'rate-limited'; limit: number; retryAfterSeconds: number };

/** The inspection for one client, within its rate (the API and the page both come here). */
export async function inspectForClient(
  ctx: ServiceContext,
  clientIp: string,
  raw: Buffer,
  options: { lang: Lang; trust: readonly string[]; keep?: boolean },
): Promise<ClientInspection> {
  const limited = takeRate(ctx, clientIp, 'inspect', ctx.config.lookupsPerMinute);
  if (limited) return limited;
  const now = ctx.now();
  const analysis = await inspectMessage(raw, {
    resolver: ctx.resolver,
    lang: options.lang,
    trust: options.trust,
    now,
    ...(ctx.blocklists && { blocklists: ctx.blocklists }),
  });
  ctx.metrics.dnsQueries.inc(analysis.report.dns.queries);
  if (!options.keep || !analysis.report.inspection) return { ok: true, analysis };
  const kept: InspectAnalysis = {
    ...analysis,
    report: { ...analysis.report, inspection: { ...analysis.report.inspection, kept: true } },
  };
  const id = randomId();
  await ctx.store.keepInspection({
    id,
    keptAt: now,
    raw,
    analysis: { report: kept.report, findings: kept.findings },
  });
  return { ok: true, analysis: kept, keptId: id };
}

export function registerInspectRoute(
  app: FastifyInstance,
  ctx: ServiceContext,
  messageRoute: RouteShorthandOptions,
): void {
  app.get<{ Params: { id: string } }>('/inspect/:id', async (request) => {
    const { id } = request.params;
    const kept = isRandomId(id) ? await ctx.store.getKeptInspection(id) : null;
    if (!kept) throw new ApiError(404, 'not_found', 'no kept inspection with this id');
    return kept.analysis.report;
  });

  app.post('/inspect', messageRoute, async (request, reply) => {
    const trust = trustParam(queryValue(request.query, 'trust'));
    if ('error' in trust) throw badRequest(trust.error);
    const keep = keepParam(queryValue(request.query, 'keep'));
    if (typeof keep === 'object') throw badRequest(keep.error);
    const lang = requestLang(request);
    const raw = request.body;
    if (!Buffer.isBuffer(raw) || raw.length === 0) throw badRequest('the body must be the raw message');
    let inspected: ClientInspection;
    try {
      inspected = await inspectForClient(ctx, request.clientIp, raw, { lang, trust, keep });
    } catch (err) {
      if (err instanceof NotAMessageError) throw badRequest(err.message, 'not_a_message');
      throw err;
    }
    if (!inspected.ok) {
      throw new ApiError(
        429,
        'rate_limited',
        `at most ${inspected.limit} inspections per minute from one client; try again shortly`,
        { 'retry-after': String(inspected.retryAfterSeconds) },
      );
    }
    if (inspected.keptId) void reply.header('location', `/api/inspect/${inspected.keptId}`);
    return inspected.analysis.report;
  });
}
