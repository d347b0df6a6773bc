/**
 * SPF record audit: one v=spf1 record, syntax, the include/redirect tree with each node's lookup count
 * (limit 10) and void lookups (limit 2), the `all` qualifier, ptr, string and answer sizes, missing includes.
 * A dead branch ends as temperror in that branch only.
 *
 * STUB (issue 6, helper 1).
 */
import type { AuditContext, AuditSection, SpfAuditData } from './types.js';

export async function auditSpf(ctx: AuditContext): Promise<AuditSection<SpfAuditData>> {
  void ctx;
  return {
    data: { record: null, lookups: 0, voidLookups: 0, tree: null, all: null, ipResult: null },
    findings: [],
  };
}
