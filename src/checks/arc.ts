/** ARC (RFC 8617) — STUB: to be implemented. */
import type { ArcAuth } from '../report/types.js';
import type { CheckContext, CheckOutput } from './types.js';

export async function checkArc(_ctx: CheckContext, _arcInput: unknown): Promise<CheckOutput<ArcAuth>> {
  return { result: { result: 'none', sets: 0, reason: null }, findings: [] };
}
