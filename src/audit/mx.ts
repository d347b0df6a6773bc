/**
 * MX audit: the records, each host's addresses, PTR and forward confirmation; null MX (RFC 7505).
 *
 * STUB (issue 6, helper 3).
 */
import type { AuditContext, AuditSection, MxAuditData } from './types.js';

export async function auditMx(ctx: AuditContext): Promise<AuditSection<MxAuditData>> {
  void ctx;
  return { data: { hosts: [], nullMx: false }, findings: [] };
}
