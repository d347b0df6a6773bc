/** Format (RFC 5322, Gmail's guidelines) — STUB: to be implemented. */
import type { DmarcAuth } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export function checkFormat(_ctx: CheckContext, _dmarc: DmarcAuth): CheckOutput<null> {
  return { result: null, findings: [] };
}
