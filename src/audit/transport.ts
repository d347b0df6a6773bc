/**
 * MTA-STS (record, policy over HTTPS with a real certificate check), TLS-RPT, BIMI (record, SVG, SVG Tiny PS
 * basics, DMARC strong enough) and DNSSEC (the AD bit of a validating resolver).
 *
 * STUB (issue 6, helper 4). Split into mta-sts.ts, tls-rpt.ts, bimi.ts, dnssec.ts as fits.
 */
import type {
  AuditContext,
  AuditSection,
  BimiData,
  DmarcAuditData,
  DnssecData,
  MtaStsData,
  TlsRptData,
} from './types.js';

export async function auditMtaSts(ctx: AuditContext): Promise<AuditSection<MtaStsData>> {
  void ctx;
  return { data: { record: null, id: null, policy: null, error: null }, findings: [] };
}

export async function auditTlsRpt(ctx: AuditContext): Promise<AuditSection<TlsRptData>> {
  void ctx;
  return { data: { record: null, rua: [] }, findings: [] };
}

/** BIMI needs the DMARC result (a logo is shown only under an enforcing policy). */
export async function auditBimi(
  ctx: AuditContext,
  dmarc: Promise<AuditSection<DmarcAuditData>>,
): Promise<AuditSection<BimiData>> {
  void ctx;
  void dmarc;
  return {
    data: {
      record: null,
      logoUrl: null,
      authorityUrl: null,
      svgOk: null,
      svgProblems: [],
      dmarcEligible: false,
    },
    findings: [],
  };
}

export async function auditDnssec(ctx: AuditContext): Promise<AuditSection<DnssecData>> {
  void ctx;
  return { data: { validated: null }, findings: [] };
}
