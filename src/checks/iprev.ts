/** Reverse DNS of the client IP (RFC 8601 iprev, FCrDNS) — STUB: to be implemented. */
import type { IprevAuth } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export async function checkIprev(_ctx: CheckContext): Promise<CheckOutput<IprevAuth>> {
  return { result: { result: 'none', ptr: [], fcrdns: false, confirmed: [], generic: false }, findings: [] };
}
