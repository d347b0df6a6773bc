/** The human pages (start page, test page, limit page) — STUB: to be implemented. */
import type { FastifyInstance } from 'fastify';
import type { AnalysisWorker, ServiceContext } from '../../service/types.js';

export function registerPageRoutes(_app: FastifyInstance, _ctx: ServiceContext, _worker: AnalysisWorker): void {}
