/** DKIM (RFC 6376) — STUB: to be implemented. */
import type { DkimSignatureAuth } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

/** DKIM results, and what mailauth's verifier gathered for the ARC check (its hidden `arc` data). */
export interface DkimOutput extends CheckOutput<DkimSignatureAuth[]> {
  arcInput: unknown;
}

export async function checkDkim(_ctx: CheckContext): Promise<DkimOutput> {
  return { result: [], findings: [], arcInput: null };
}
