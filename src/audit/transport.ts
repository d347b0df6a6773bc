/**
 * Transport security and brand: MTA-STS (record, policy over HTTPS with a real certificate check), TLS-RPT,
 * BIMI (record, SVG, SVG Tiny PS basics, DMARC strong enough) and DNSSEC (the AD bit of a validating resolver).
 * Each lives in its own module; audit.ts imports them from here.
 */
export { auditMtaSts } from './mta-sts.js';
export { auditTlsRpt } from './tls-rpt.js';
export { auditBimi } from './bimi.js';
export { auditDnssec } from './dnssec.js';
