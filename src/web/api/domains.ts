/**
 * GET /api/domains/:domain?selector=&ip=&lang= — the domain audit (mailscore.domain/1), the same document
 * as `mailscore domain --json`. A bad domain, selector or IP is a 400 (`bad_domain`, `bad_selector`,
 * `bad_ip`); past the per-client rate, 429 with Retry-After.
 */
import type { FastifyInstance } from 'fastify';
import { domainProblemMessage, ipProblemMessage, selectorProblemMessage } from '../../audit/target.js';
import { auditForClient, type ServiceDomainAudit } from '../../service/domains.js';
import type { ServiceContext } from '../../service/types.js';
import { ApiError, badRequest } from './errors.js';
import { queryValue, requestLang } from './request.js';

/** `?selector=a,b` or `?selector=a&selector=b`: each value bounded, their number too. */
export function selectorValues(query: unknown): string[] {
  if (!query || typeof query !== 'object' || !Object.hasOwn(query, 'selector')) return [];
  const value = (query as Record<string, unknown>).selector;
  const values = Array.isArray(value) ? value : [value];
  if (values.length > 20 || !values.every((v): v is string => typeof v === 'string'))
    throw badRequest('selector must be one or a few DKIM selectors', 'bad_selector');
  if (values.some((v) => v.length > 320)) throw badRequest('selector is too long', 'bad_selector');
  return values;
}

/** The refusal of a request as the API states it (for the developer calling it). */
export function auditRefusal(refused: Exclude<ServiceDomainAudit, { ok: true }>): ApiError {
  switch (refused.reason) {
    case 'bad-domain':
      return badRequest(domainProblemMessage(refused.problem), 'bad_domain');
    case 'bad-selector':
      return badRequest(selectorProblemMessage(refused.problem), 'bad_selector');
    case 'bad-ip':
      return badRequest(`ip: ${ipProblemMessage(refused.problem)}`, 'bad_ip');
    case 'rate-limited':
      return new ApiError(
        429,
        'rate_limited',
        `at most ${refused.limit} domain audits per minute from one client; try again shortly`,
        { 'retry-after': String(refused.retryAfterSeconds) },
      );
  }
}

export function registerDomainRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get<{ Params: { domain: string } }>('/domains/:domain', async (request) => {
    const lang = requestLang(request);
    const selectors = selectorValues(request.query);
    const ip = queryValue(request.query, 'ip') ?? null;
    const audited = await auditForClient(
      ctx,
      request.clientIp,
      { domain: request.params.domain, selectors, ip },
      lang,
    );
    if (audited.ok) return audited.analysis.audit;
    throw auditRefusal(audited);
  });
}
