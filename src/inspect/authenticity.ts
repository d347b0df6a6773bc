/**
 * Who really sent it: the receiving provider's Authentication-Results (RFC 8601 parser, not regexes) and
 * ARC, trusted only for the authserv-ids the user names or the well-known providers' and only above every
 * hop the sender could have written; DKIM re-verified now and explained when it broke in transit.
 *
 * STUB (issue 7, helper A).
 */
import type { AuthenticityData, InspectContext, InspectPart } from './types.js';

export async function inspectAuthenticity(ctx: InspectContext): Promise<InspectPart<AuthenticityData>> {
  void ctx;
  return { data: { trusted: null, headers: [], arc: null, brokenSince: [] }, findings: [] };
}
