/**
 * The blocklist page's routes. GET /blocklists shows the form; the form's GET with ?target= is checked
 * (free) and redirected to /blocklists/<target>, the shareable results URL, which makes the lookup under
 * the per-client rate. A refused target or rate shows the form again with the reason (400 / 429).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../../report/types.js';
import { checkTarget } from '../../pipeline/blocklist.js';
import { lookUpForClient } from '../../service/blocklists.js';
import type { ServiceContext } from '../../service/types.js';
import type { SafeHtml } from '../html.js';
import { BLOCKLISTS_PATH, blocklistResultsPath } from './blocklist-link.js';
import { renderBlocklistFormPage, renderBlocklistResultsPage } from './blocklists.js';

type SendPage = (reply: FastifyReply, status: number, lang: Lang, page: SafeHtml) => FastifyReply;

/** Longest target read from the query (a domain name is at most 253 characters). */
const MAX_TARGET_CHARS = 300;

/** `?target=`, given once as a string of a sane length; anything else counts as absent. */
function targetParam(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const value = query && Object.hasOwn(query, 'target') ? query.target : undefined;
  return typeof value === 'string' && value.length <= MAX_TARGET_CHARS ? value : undefined;
}

export function registerBlocklistPages(
  pages: FastifyInstance,
  ctx: ServiceContext,
  pageLang: (request: FastifyRequest) => Lang,
  sendPage: SendPage,
): void {
  const reportTtlDays = ctx.config.reportTtlDays;

  pages.get(BLOCKLISTS_PATH, async (request, reply) => {
    const lang = pageLang(request);
    const input = targetParam(request)?.trim();
    if (!input) return sendPage(reply, 200, lang, renderBlocklistFormPage({ lang, reportTtlDays }));
    const checked = checkTarget(input);
    if (!checked.ok) {
      const error = { kind: 'target', input, problem: checked.problem } as const;
      const page = renderBlocklistFormPage({
        lang,
        reportTtlDays,
        value: input,
        error,
        keep: { target: input },
      });
      return sendPage(reply, 400, lang, page);
    }
    // 303: the results get their own URL (a link to share, a reload that looks up again).
    const location = `${blocklistResultsPath(checked.target.target)}?lang=${lang}`;
    return reply.code(303).header('location', location).send();
  });

  pages.get<{ Params: { target: string } }>(`${BLOCKLISTS_PATH}/:target`, async (request, reply) => {
    const lang = pageLang(request);
    const input = request.params.target;
    if (!input.trim()) return sendPage(reply, 200, lang, renderBlocklistFormPage({ lang, reportTtlDays }));
    const looked = await lookUpForClient(ctx, request.clientIp, input, lang);
    if (looked.ok) {
      const { report, findings } = looked.analysis;
      return sendPage(
        reply,
        200,
        lang,
        renderBlocklistResultsPage({ lang, reportTtlDays, report, findings }),
      );
    }
    const path = blocklistResultsPath(input);
    if (looked.reason === 'bad-target') {
      const error = { kind: 'target', input, problem: looked.problem } as const;
      return sendPage(
        reply,
        400,
        lang,
        renderBlocklistFormPage({ lang, reportTtlDays, value: input, error, path }),
      );
    }
    const { limit, retryAfterSeconds } = looked;
    reply.header('retry-after', String(retryAfterSeconds));
    const error = { kind: 'rate-limited', limit, retryAfterSeconds } as const;
    return sendPage(
      reply,
      429,
      lang,
      renderBlocklistFormPage({ lang, reportTtlDays, value: input, error, path }),
    );
  });
}
