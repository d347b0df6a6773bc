/** Sender ID (RFC 4406/4407) — STUB: to be implemented. */
import type { SenderIdAuth } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export async function checkSenderId(_ctx: CheckContext): Promise<CheckOutput<SenderIdAuth>> {
  return { result: { result: 'none', pra: null, domain: null, record: null, scope: null }, findings: [] };
}
