/**
 * GET /api/tests/:id/events — live progress as server-sent events. The current state is sent at once,
 * then every change: waiting → received → analyzing → done (and `expired` when an unused address runs
 * out). Each event is `event: state` with data `{"state", "messageId"}`; comments keep the stream alive.
 * Streams are bounded per client and in total, and end after a while (the browser reconnects by itself
 * and gets the current state again), so a lost event only delays the page, never leaves it stale.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../../limits.js';
import type { TestEvent } from '../../service/events.js';
import { isRandomId } from '../../service/ids.js';
import { progressOf, rateLimitKey, type TestProgress } from '../../service/tests.js';
import type { ServiceContext } from '../../service/types.js';
import { ApiError, notFound } from './errors.js';
import { Slots } from './slots.js';

export interface StateEvent {
  state: TestProgress;
  messageId: string | null;
}

const SSE_HEADERS: OutgoingHttpHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  // nginx and similar proxies would otherwise hold the events back in their buffer.
  'x-accel-buffering': 'no',
};

export function registerEventRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const slots = new Slots(LIMITS.sseMaxStreams, LIMITS.sseMaxStreamsPerIp);
  /** Open streams, ended when the server closes (they would otherwise hold its close forever). */
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get<{ Params: { id: string } }>(
    '/tests/:id/events',
    // HEAD would run this handler and hold a stream open with no body to send.
    { exposeHeadRoute: false },
    async (request, reply) => {
      const test = isRandomId(request.params.id) ? await ctx.store.getTest(request.params.id) : null;
      if (!test) throw notFound();
      const slot = slots.tryAcquire(rateLimitKey(request.clientIp));
      if ('refused' in slot) {
        throw slot.refused === 'key'
          ? new ApiError(429, 'too_many_streams', 'too many live streams from this client; poll instead', {
              'retry-after': '10',
            })
          : new ApiError(503, 'unavailable', 'too many live streams; poll instead', { 'retry-after': '10' });
      }

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), ...SSE_HEADERS });
      open.add(res);

      let lastState: TestProgress | null = null;
      let ready = false;
      const early: TestEvent[] = [];
      const write = (text: string) => {
        // A client that stopped reading must not make us buffer without end.
        if (res.writableLength > LIMITS.sseMaxBufferedBytes) res.destroy();
        else res.write(text);
      };
      const sendState = (event: StateEvent) => {
        lastState = event.state;
        write(`event: state\ndata: ${JSON.stringify(event)}\n\n`);
      };
      const onEvent = (event: TestEvent) => {
        if (ready) sendState({ state: event.state, messageId: event.messageId ?? null });
        else early.push(event);
      };

      const heartbeat = setInterval(() => write(': keep-alive\n\n'), LIMITS.sseHeartbeatMs);
      const lifetime = setTimeout(() => res.end(), LIMITS.sseMaxLifetimeMs);
      // An unused address expiring is no event anyone publishes: the stream notices it itself.
      const untilExpiry = test.expiresAt.getTime() - ctx.now().getTime();
      const expiry =
        untilExpiry > 0 && untilExpiry < LIMITS.sseMaxLifetimeMs
          ? setTimeout(() => {
              if (lastState === 'waiting') sendState({ state: 'expired', messageId: null });
            }, untilExpiry)
          : null;
      // Subscribed before the state is read, so nothing that happens in between is missed.
      const unsubscribe = ctx.events.subscribe(test.id, onEvent);
      res.on('close', () => {
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        if (expiry) clearTimeout(expiry);
        unsubscribe();
        open.delete(res);
        slot.release();
      });

      write(`retry: ${LIMITS.sseRetryMs}\n\n`);
      try {
        const [newest] = await ctx.store.listMessages(test.id);
        sendState({ state: progressOf(test, newest, ctx.now()), messageId: newest?.id ?? null });
      } catch (err) {
        request.log.error({ err }, 'event stream: reading the test failed');
        res.end();
        return;
      }
      ready = true;
      for (const event of early.splice(0)) onEvent(event);
    },
  );
}
