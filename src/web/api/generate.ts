/**
 * POST /api/generate/spf, /api/generate/dmarc, /api/generate/dkim — the fix generators with a JSON body
 * (mailscore.generate.{spf,dmarc,dkim}/1). A body that is not a JSON object, or a field of the wrong
 * type, is a 400 `bad_request`; input the builder refuses is a 400 `bad_input`; past the per-client rate,
 * 429 with Retry-After. The DKIM answer carries the only copy of a new private key: `Cache-Control:
 * no-store`, and neither the body nor the key is ever logged.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dmarcBuildProblemMessage } from '../../generate/dmarc.js';
import { dkimProblemMessage, GenerateInputError } from '../../pipeline/generate.js';
import type { RateLimited } from '../../service/domains.js';
import { buildDmarcForClient, buildSpfForClient, makeDkimKeyForClient } from '../../service/generate.js';
import type { ServiceContext } from '../../service/types.js';
import { toCheckResults } from '../../scoring/score.js';
import { ApiError, badRequest } from './errors.js';
import { requestLang } from './request.js';

/** The body as a JSON object (our content-type parser hands every body over as bytes). */
export function jsonBody(request: FastifyRequest): unknown {
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('the body must be a JSON object');
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw badRequest('the body is not valid JSON');
  }
}

const rateLimited = (limited: RateLimited, what: string) =>
  new ApiError(
    429,
    'rate_limited',
    `at most ${limited.limit} ${what} per minute from one client; try again shortly`,
    {
      'retry-after': String(limited.retryAfterSeconds),
    },
  );

/** Field type errors from the input readers are the caller's 400s. */
async function guarded<T>(make: () => Promise<T> | T): Promise<T> {
  try {
    return await make();
  } catch (err) {
    if (err instanceof GenerateInputError) throw badRequest(err.message);
    throw err;
  }
}

export function registerGenerateRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.post('/generate/spf', async (request) => {
    const lang = requestLang(request);
    const built = await guarded(() => buildSpfForClient(ctx, request.clientIp, jsonBody(request), lang));
    if (built.ok) return built.document;
    if (built.reason === 'rate-limited') throw rateLimited(built, 'SPF builds or domain audits');
    throw badRequest(
      toCheckResults(built.problems, 'en')
        .map((check) => check.detail)
        .join(' '),
      'bad_input',
    );
  });

  app.post('/generate/dmarc', async (request) => {
    const lang = requestLang(request);
    const built = await guarded(() => buildDmarcForClient(ctx, request.clientIp, jsonBody(request), lang));
    if (built.ok) return built.document;
    if (built.reason === 'rate-limited') throw rateLimited(built, 'records or keys');
    throw badRequest(built.problems.map(dmarcBuildProblemMessage).join('; '), 'bad_input');
  });

  app.post('/generate/dkim', async (request, reply: FastifyReply) => {
    const lang = requestLang(request);
    const made = await guarded(() => makeDkimKeyForClient(ctx, request.clientIp, jsonBody(request), lang));
    if (made.ok) {
      // The only copy of the private key: no cache may keep it (the server's default says so too).
      reply.header('cache-control', 'no-store');
      return made.document;
    }
    if (made.reason === 'rate-limited') throw rateLimited(made, 'records or keys');
    throw badRequest(dkimProblemMessage(made.problem), 'bad_input');
  });
}
