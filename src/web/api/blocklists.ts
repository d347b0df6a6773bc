/**
 * GET /api/blocklists/:target — an IP address or a domain on every list in use (mailscore.blocklist/1).
 * A bad target is a 400 `bad_target`; past the per-client rate (--lookups-per-minute), 429 with Retry-After.
 */
import type { FastifyInstance } from 'fastify';
import { lookUpForClient } from '../../service/blocklists.js';
import type { ServiceContext } from '../../service/types.js';
import type { TargetProblem } from '../../pipeline/blocklist.js';
import { ApiError, badRequest } from './errors.js';
import { requestLang } from './request.js';

/** For the developer calling the API (pages show their own words). */
function problemMessage(problem: TargetProblem): string {
  if (problem.reason === 'special-address') {
    return `the target is a special-purpose address (${problem.block}, ${problem.rfc}); blocklists list only public addresses`;
  }
  return 'the target must be an IP address (IPv4 or IPv6) or a domain name';
}

export function registerBlocklistRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get<{ Params: { target: string } }>('/blocklists/:target', async (request) => {
    const lang = requestLang(request);
    const looked = await lookUpForClient(ctx, request.clientIp, request.params.target, lang);
    if (looked.ok) return looked.analysis.report;
    if (looked.reason === 'bad-target') throw badRequest(problemMessage(looked.problem), 'bad_target');
    throw new ApiError(
      429,
      'rate_limited',
      `at most ${looked.limit} blocklist lookups per minute from one client; try again shortly`,
      { 'retry-after': String(looked.retryAfterSeconds) },
    );
  });
}
