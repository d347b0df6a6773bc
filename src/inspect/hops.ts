/**
 * The Received chain: hops, the first external hop, delays, TLS per hop where recorded.
 *
 * STUB (issue 7, helper A).
 */
import type { HopData, InspectContext, InspectPart } from './types.js';

export function inspectHops(ctx: InspectContext): InspectPart<HopData> {
  void ctx;
  return { data: { hops: [], firstExternal: null, delays: [] }, findings: [] };
}
