/** SMTP intake (smtp-server) — STUB: to be implemented. */
import type { AnalysisWorker, RunningServer, ServiceContext } from '../service/types.js';
import type { TlsMaterial } from './tls.js';

export async function startSmtp(
  _ctx: ServiceContext,
  _tls: TlsMaterial,
  _worker: AnalysisWorker,
): Promise<RunningServer> {
  throw new Error('not implemented');
}
