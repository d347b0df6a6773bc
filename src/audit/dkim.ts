/**
 * DKIM key audit: the selectors the user names and the common ones; key type and size, revoked keys,
 * t=y, h=sha1 only.
 *
 * STUB (issue 6, helper 3).
 */
import type { AuditContext, AuditSection, DkimKeyData } from './types.js';

export async function auditDkim(ctx: AuditContext): Promise<AuditSection<DkimKeyData[]>> {
  void ctx;
  return { data: [], findings: [] };
}
