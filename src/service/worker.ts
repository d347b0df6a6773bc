/** The analysis queue — STUB: to be implemented. */
import type { AnalysisWorker, ServiceContext } from './types.js';

export function startWorker(_ctx: ServiceContext): AnalysisWorker {
  throw new Error('not implemented');
}
