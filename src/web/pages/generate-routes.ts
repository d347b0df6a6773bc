/**
 * The generators' page routes: GET /generate (the three forms), GET /generate/spf and /generate/dmarc (a
 * form's GET: the page with that record built), POST /generate/dkim (the page with a new key; a POST, so the
 * private key is never in a URL). Rates and refusals as the API has them (400 / 429 with the form again).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GenerateInputError } from '../../pipeline/generate.js';
import type { Lang } from '../../report/types.js';
import { buildDmarcForClient, buildSpfForClient, makeDkimKeyForClient } from '../../service/generate.js';
import type { ServiceContext } from '../../service/types.js';
import { toCheckResults } from '../../scoring/score.js';
import type { SafeHtml } from '../html.js';
import { GENERATE_PATH } from './domain-link.js';
import { renderGeneratePage, type FormValues, type GenerateError } from './generate.js';

type SendPage = (reply: FastifyReply, status: number, lang: Lang, page: SafeHtml) => FastifyReply;

/** The DKIM form's body: three short fields. */
const FORM_BODY_BYTES = 2 * 1024;
/** Values of one query name taken (the services are about twenty checkboxes). */
const MAX_VALUES = 50;
const MAX_VALUE_CHARS = 1_000;

/** The query (or form) as strings and string lists, bounded; anything else is dropped. */
export function formValues(source: unknown): FormValues {
  const values: FormValues = {};
  if (!source || typeof source !== 'object') return values;
  for (const [name, value] of Object.entries(source as Record<string, unknown>).slice(0, MAX_VALUES)) {
    if (typeof value === 'string' && value.length <= MAX_VALUE_CHARS) values[name] = value;
    else if (Array.isArray(value))
      values[name] = value
        .filter((v): v is string => typeof v === 'string' && v.length <= MAX_VALUE_CHARS)
        .slice(0, MAX_VALUES);
  }
  return values;
}

/** A posted form (application/x-www-form-urlencoded; the server hands every body over as bytes). */
function postedForm(request: FastifyRequest): FormValues {
  const body = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  const params = new URLSearchParams(body);
  const values: Record<string, string> = {};
  for (const name of ['domain', 'selector', 'type']) {
    const value = params.get(name);
    if (value !== null) values[name] = value;
  }
  return formValues(values);
}

const fieldError = (err: unknown): GenerateError => {
  if (err instanceof GenerateInputError) return { kind: 'field', field: err.field };
  throw err;
};

export function registerGeneratePages(
  pages: FastifyInstance,
  ctx: ServiceContext,
  pageLang: (request: FastifyRequest) => Lang,
  sendPage: SendPage,
): void {
  const reportTtlDays = ctx.config.reportTtlDays;

  pages.get(GENERATE_PATH, async (request, reply) => {
    const lang = pageLang(request);
    return sendPage(reply, 200, lang, renderGeneratePage({ lang, reportTtlDays }));
  });

  pages.get(`${GENERATE_PATH}/spf`, async (request, reply) => {
    const lang = pageLang(request);
    const values = formValues(request.query);
    const built = await buildSpfForClient(ctx, request.clientIp, values, lang).catch(fieldError);
    if ('kind' in built)
      return sendPage(
        reply,
        400,
        lang,
        renderGeneratePage({ lang, reportTtlDays, spf: { values, error: built } }),
      );
    if (built.ok)
      return sendPage(
        reply,
        200,
        lang,
        renderGeneratePage({ lang, reportTtlDays, spf: { values, document: built.document } }),
      );
    if (built.reason === 'bad-input') {
      const error: GenerateError = { kind: 'spf', problems: toCheckResults(built.problems, lang) };
      return sendPage(reply, 400, lang, renderGeneratePage({ lang, reportTtlDays, spf: { values, error } }));
    }
    reply.header('retry-after', String(built.retryAfterSeconds));
    const error: GenerateError = {
      kind: 'rate-limited',
      limit: built.limit,
      retryAfterSeconds: built.retryAfterSeconds,
    };
    return sendPage(reply, 429, lang, renderGeneratePage({ lang, reportTtlDays, spf: { values, error } }));
  });

  pages.get(`${GENERATE_PATH}/dmarc`, async (request, reply) => {
    const lang = pageLang(request);
    const values = formValues(request.query);
    let built;
    try {
      built = buildDmarcForClient(ctx, request.clientIp, values, lang);
    } catch (err) {
      const error = fieldError(err);
      return sendPage(
        reply,
        400,
        lang,
        renderGeneratePage({ lang, reportTtlDays, dmarc: { values, error } }),
      );
    }
    if (built.ok)
      return sendPage(
        reply,
        200,
        lang,
        renderGeneratePage({ lang, reportTtlDays, dmarc: { values, document: built.document } }),
      );
    if (built.reason === 'bad-input') {
      const error: GenerateError = { kind: 'dmarc', problems: built.problems, values };
      return sendPage(
        reply,
        400,
        lang,
        renderGeneratePage({ lang, reportTtlDays, dmarc: { values, error } }),
      );
    }
    reply.header('retry-after', String(built.retryAfterSeconds));
    const error: GenerateError = {
      kind: 'rate-limited',
      limit: built.limit,
      retryAfterSeconds: built.retryAfterSeconds,
    };
    return sendPage(reply, 429, lang, renderGeneratePage({ lang, reportTtlDays, dmarc: { values, error } }));
  });

  pages.post(`${GENERATE_PATH}/dkim`, { bodyLimit: FORM_BODY_BYTES }, async (request, reply) => {
    const lang = pageLang(request);
    const values = postedForm(request);
    const made = await makeDkimKeyForClient(ctx, request.clientIp, values, lang).catch(fieldError);
    if ('kind' in made)
      return sendPage(
        reply,
        400,
        lang,
        renderGeneratePage({ lang, reportTtlDays, dkim: { values, error: made } }),
      );
    // The page holds the only copy of the private key: sendPage's no-store keeps every cache from storing it.
    if (made.ok)
      return sendPage(
        reply,
        200,
        lang,
        renderGeneratePage({ lang, reportTtlDays, dkim: { values, document: made.document } }),
      );
    if (made.reason === 'bad-input') {
      const error: GenerateError = { kind: 'dkim', problem: made.problem, values };
      return sendPage(reply, 400, lang, renderGeneratePage({ lang, reportTtlDays, dkim: { values, error } }));
    }
    reply.header('retry-after', String(made.retryAfterSeconds));
    const error: GenerateError = {
      kind: 'rate-limited',
      limit: made.limit,
      retryAfterSeconds: made.retryAfterSeconds,
    };
    return sendPage(reply, 429, lang, renderGeneratePage({ lang, reportTtlDays, dkim: { values, error } }));
  });
}
