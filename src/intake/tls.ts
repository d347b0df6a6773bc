/** STARTTLS material — STUB: to be implemented. */
import type { ServiceConfig } from '../service/config.js';

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** True when we made it ourselves (no MAILSCORE_TLS_CERT). */
  selfSigned: boolean;
}

export async function loadTls(_config: ServiceConfig): Promise<TlsMaterial> {
  throw new Error('not implemented');
}
