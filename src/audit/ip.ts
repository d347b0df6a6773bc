/**
 * The sending IP, when given: PTR / FCrDNS, blocklists, and whether the domain's SPF authorizes it.
 *
 * STUB (issue 6, helper 3).
 */
import type { AuditContext, AuditSection, IpAuditData } from './types.js';

export async function auditIp(ctx: AuditContext): Promise<AuditSection<IpAuditData | null>> {
  void ctx;
  return { data: null, findings: [] };
}
