/**
 * SMTP TLS Reporting (RFC 8460): the `_smtp._tls` TXT record that tells sending MTAs where to send their
 * daily reports of TLS failures (MTA-STS and DANE). Without it, a broken MTA-STS policy fails silently.
 */
import type { Finding } from '../checks/types.js';
import { errorCode } from '../dns/types.js';
import { LIMITS } from '../limits.js';
import { tlsRptRecordLine } from './mta-sts.js';
import {
  isExtensionTag,
  parseTags,
  recordsWithVersion,
  shownRecord,
  tagValue,
  txtRecords,
} from './txt-records.js';
import type { AuditContext, AuditSection, TlsRptData } from './types.js';

const RECORD_VERSION = 'v=TLSRPTv1';
/** mailto: with one address (RFC 6068); the local part as DMARC and TLS-RPT senders accept it. */
const MAILTO =
  /^mailto:[^@\s,;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/i;

/** A report destination senders can use: mailto: an address, or an https: URL. */
export function isReportUri(uri: string): boolean {
  if (/^mailto:/i.test(uri)) return MAILTO.test(uri);
  if (!/^https:/i.test(uri)) return false;
  try {
    return new URL(uri).hostname !== '';
  } catch {
    return false;
  }
}

export type TlsRptParse = { rua: string[] } | { error: 'syntax' | 'no-rua' | 'bad-uri' };

/** RFC 8460 3: "v=TLSRPTv1; rua=<uri>[,<uri>...]" and extensions. */
export function parseTlsRpt(record: string): TlsRptParse {
  const tags = parseTags(record);
  if (!tags || tags.length < 2 || `${tags[0]!.name}=${tags[0]!.value}` !== RECORD_VERSION)
    return { error: 'syntax' };
  for (const tag of tags.slice(1)) {
    if (tag.name !== 'rua' && !isExtensionTag(tag)) return { error: 'syntax' };
  }
  const value = tagValue(tags.slice(1), 'rua');
  if (value === undefined || value === '') return { error: 'no-rua' };
  const rua = value.split(',').map((uri) => uri.replace(/^[ \t]+|[ \t]+$/g, ''));
  if (!rua.every(isReportUri)) return { error: 'bad-uri' };
  return { rua: rua.slice(0, LIMITS.tlsRptUris) };
}

/** True when the domain receives no mail (null MX, RFC 7505): there is no inbound TLS to report on. */
async function hasNullMx(ctx: AuditContext): Promise<boolean> {
  try {
    const records = await ctx.dns.records(ctx.domain, 'MX');
    return records.every((mx) => mx.exchange.replace(/\.$/, '') === '');
  } catch {
    return false;
  }
}

export async function auditTlsRpt(ctx: AuditContext): Promise<AuditSection<TlsRptData>> {
  const { domain } = ctx;
  const name = `_smtp._tls.${domain}`;
  const data: TlsRptData = { record: null, rua: [], error: null };
  const findings: Finding[] = [];
  try {
    const [txt, nullMx] = await Promise.all([txtRecords(ctx.dns, name), hasNullMx(ctx)]);
    if ('error' in txt) {
      data.error = txt.error;
      findings.push({ id: 'tlsRpt.error', params: { domain, code: txt.error } });
      return { data, findings };
    }
    const records = recordsWithVersion(txt.records, RECORD_VERSION);
    const suggested = tlsRptRecordLine(domain);
    if (records.length === 0) {
      if (!nullMx) findings.push({ id: 'tlsRpt.none', params: { domain, suggested } });
      return { data, findings };
    }
    data.record = shownRecord(records[0]!);
    if (records.length > 1) {
      data.error = 'multiple';
      findings.push({
        id: 'tlsRpt.record-multiple',
        params: { domain, count: records.length, records: records.map(shownRecord), suggested },
      });
      return { data, findings };
    }
    const parsed = parseTlsRpt(records[0]!);
    if ('error' in parsed) {
      data.error = parsed.error;
      findings.push({
        id: 'tlsRpt.record-syntax',
        params: { domain, record: data.record, reason: parsed.error, suggested },
      });
      return { data, findings };
    }
    data.rua = parsed.rua;
    findings.push({ id: 'tlsRpt.pass', params: { domain, rua: parsed.rua } });
  } catch (err) {
    data.error = errorCode(err);
    findings.push({ id: 'tlsRpt.error', params: { domain, code: data.error } });
  }
  return { data, findings };
}
