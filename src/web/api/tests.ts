/** /api/tests: create a test address, read its state and report, download its raw message and JSON report. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { LIMITS } from '../../limits.js';
import { isRandomId } from '../../service/ids.js';
import { createTestFor, isMessageId, startOfUtcDay, testView } from '../../service/tests.js';
import type { ServiceContext } from '../../service/types.js';
import type { MessageRecord } from '../../store/types.js';
import { ApiError, notFound } from './errors.js';
import { baseUrlOf, queryValue, requestLang } from './request.js';

interface IdParams {
  Params: { id: string };
}

/** `?message=<id>` when given (validated), else null. */
function messageParam(query: unknown): string | null {
  const value = queryValue(query, 'message');
  if (value === undefined) return null;
  if (!isMessageId(value)) throw notFound('no such message');
  return value;
}

/** Seconds until the daily limit resets (next UTC midnight), for Retry-After. */
const secondsUntilTomorrow = (now: Date) =>
  Math.max(1, Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 1000));

export function registerTestRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  /** The test with this id, or a 404 — the id's shape is checked before the store is asked. */
  async function requireTest(id: string) {
    const test = isRandomId(id) ? await ctx.store.getTest(id) : null;
    if (!test) throw notFound();
    return test;
  }

  /** The message `?message=` names (it must belong to the test), else the newest one; 404 without mail. */
  async function pickMessage(testId: string, query: unknown): Promise<MessageRecord> {
    const wanted = messageParam(query);
    if (wanted !== null) {
      const message = await ctx.store.getMessage(wanted);
      if (!message || message.testId !== testId) throw notFound('no such message');
      return message;
    }
    const [newest] = await ctx.store.listMessages(testId);
    if (!newest) throw new ApiError(404, 'no_message', 'no message has arrived at this address yet');
    return newest;
  }

  app.post('/tests', { bodyLimit: LIMITS.httpSmallBodyBytes }, async (request, reply) => {
    const created = await createTestFor(ctx, request.clientIp);
    if (!created.ok) {
      throw new ApiError(
        429,
        'daily_limit',
        `at most ${created.limit} new tests per client IP per day; try again tomorrow (UTC)`,
        { 'retry-after': String(secondsUntilTomorrow(ctx.now())) },
      );
    }
    const { test } = created;
    const base = baseUrlOf(request, ctx.config.publicUrl);
    return reply
      .code(201)
      .header('location', `/api/tests/${test.id}`)
      .send({
        id: test.id,
        address: test.address,
        expiresAt: test.expiresAt.toISOString(),
        reportUrl: `${base}/tests/${test.id}`,
      });
  });

  app.get<IdParams>('/tests/:id', async (request, reply) => {
    const lang = requestLang(request);
    const view = await testView(ctx, request.params.id, lang, {
      messageId: messageParam(request.query),
      baseUrl: baseUrlOf(request, ctx.config.publicUrl),
    });
    if (!view) throw notFound();
    languageHeaders(reply, lang);
    return view;
  });

  app.get<IdParams>('/tests/:id/raw', async (request, reply) => {
    const test = await requireTest(request.params.id);
    const message = await pickMessage(test.id, request.query);
    const raw = await ctx.store.getRaw(message.id);
    if (!raw) throw notFound('no such message');
    // An attachment, never rendered: the message is the sender's content, not ours.
    return reply
      .type('message/rfc822')
      .header('content-disposition', `attachment; filename="mailscore-${fileNamePart(message.id)}.eml"`)
      .send(raw);
  });

  app.get<IdParams>('/tests/:id/report.json', async (request, reply) => {
    const lang = requestLang(request);
    const view = await testView(ctx, request.params.id, lang, { messageId: messageParam(request.query) });
    if (!view) throw notFound();
    if (!view.report) throw new ApiError(404, 'no_report', 'the report is not ready yet');
    languageHeaders(reply, lang);
    return reply
      .type('application/json; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="mailscore-report-${fileNamePart(view.messageId ?? view.id)}.json"`,
      )
      .send(`${JSON.stringify(view.report, null, 2)}\n`);
  });
}

/** A store id as it may appear in a Content-Disposition file name (plain characters only). */
const fileNamePart = (id: string) => (isMessageId(id) ? id : 'message');

function languageHeaders(reply: FastifyReply, lang: string) {
  reply.header('content-language', lang).header('vary', 'Accept-Language');
}
