/** The HELO/EHLO name (RFC 5321 4.1.1.1) — STUB: to be implemented. */
import type { IprevAuth } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export async function checkHelo(_ctx: CheckContext, _iprev: IprevAuth): Promise<CheckOutput<null>> {
  return { result: null, findings: [] };
}
