/** Operations: /healthz (the store answers), /metrics (Prometheus text), /api/openapi.json. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../service/types.js';
import { openApiDocument } from '../openapi.js';
import { ApiError } from './errors.js';

/** An id no test has (well-formed, so the store runs a real query). */
const PROBE_ID = 'a'.repeat(26);

export function registerOpsRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/healthz', async () => {
    try {
      await ctx.store.getTest(PROBE_ID);
    } catch (err) {
      ctx.logger.error({ err }, 'health check: the store did not answer');
      throw new ApiError(503, 'unavailable', 'the store does not answer');
    }
    return { status: 'ok' };
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });

  const document = JSON.stringify(openApiDocument(ctx.config));
  app.get('/api/openapi.json', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(document),
  );
}
