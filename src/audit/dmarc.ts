/**
 * DMARC record audit: the tree walk (where the record was found), syntax, p / sp / np, aspf / adkim,
 * deprecated tags, rua / ruf and the external reporting authorization, and the staged plan to reject.
 *
 * STUB (issue 6, helper 2).
 */
import type { AuditContext, AuditSection, DmarcAuditData } from './types.js';

export async function auditDmarc(ctx: AuditContext): Promise<AuditSection<DmarcAuditData>> {
  void ctx;
  return {
    data: {
      record: null,
      foundAt: null,
      policy: null,
      tags: {},
      subdomainPolicy: null,
      nonexistentPolicy: null,
      reporting: [],
      plan: [],
    },
    findings: [],
  };
}
