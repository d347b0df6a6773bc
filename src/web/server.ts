/** HTTP: API, pages, SSE, metrics — STUB: to be implemented. */
import type { AnalysisWorker, RunningServer, ServiceContext } from '../service/types.js';

export async function startHttp(_ctx: ServiceContext, _worker: AnalysisWorker): Promise<RunningServer> {
  throw new Error('not implemented');
}
