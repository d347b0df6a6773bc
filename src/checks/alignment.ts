/** Aligned sending: From, envelope, DKIM d= and PTR in one organizational domain — STUB. */
import type { Auth } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export function checkAlignment(_ctx: CheckContext, _auth: Auth): CheckOutput<null> {
  return { result: null, findings: [] };
}
