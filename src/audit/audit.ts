/**
 * The domain audit: every section at once (each waits only for the data it needs), within one DNS
 * deadline, into the contract's mailscore.domain/1 with the checks in the requested language.
 */
import type { Finding } from '../checks/types.js';
import type { DnsResolver } from '../dns/resolver.js';
import { DnsSession } from '../dns/session.js';
import { LIMITS } from '../limits.js';
import type { Lang } from '../report/types.js';
import { scoreOf, toCheckResults } from '../scoring/score.js';
import { auditDkim } from './dkim.js';
import { auditDmarc } from './dmarc.js';
import { auditIp } from './ip.js';
import { auditMx } from './mx.js';
import { auditSpf } from './spf.js';
import { auditBimi, auditDnssec, auditMtaSts, auditTlsRpt } from './transport.js';
import type { AuditOptions, DomainAudit } from './types.js';

export interface AuditDomainOptions extends AuditOptions {
  resolver: DnsResolver;
  lang: Lang;
  now?: Date;
  deadlineMs?: number;
}

/** A domain audit and the findings it was rendered from (kept, to render it again in another language). */
export interface DomainAuditAnalysis {
  audit: DomainAudit;
  findings: Finding[];
}

/** `domain` must already be a normalized name (see parseAuditDomain). Never throws for DNS faults. */
export async function auditDomain(domain: string, options: AuditDomainOptions): Promise<DomainAuditAnalysis> {
  const now = options.now ?? new Date();
  const dns = new DnsSession(options.resolver, options.deadlineMs ?? LIMITS.dnsDeadlineMs);
  try {
    const ctx = { domain, dns, now, options };
    const dmarcPromise = auditDmarc(ctx);
    const [spf, dmarc, dkim, mx, mtaSts, tlsRpt, bimi, dnssec, ip] = await Promise.all([
      auditSpf(ctx),
      dmarcPromise,
      auditDkim(ctx),
      auditMx(ctx),
      auditMtaSts(ctx),
      auditTlsRpt(ctx),
      auditBimi(ctx, dmarcPromise),
      auditDnssec(ctx),
      auditIp(ctx),
    ]);
    const findings = [spf, dmarc, dkim, mx, mtaSts, tlsRpt, bimi, dnssec, ip].flatMap((s) => s.findings);
    const checks = toCheckResults(findings, options.lang);
    return {
      findings,
      audit: {
        schema: 'mailscore.domain/1',
        domain,
        spf: spf.data,
        dmarc: dmarc.data,
        dkim: dkim.data,
        mx: mx.data.hosts,
        checks,
        score: scoreOf(checks),
        nullMx: mx.data.nullMx,
        mtaSts: mtaSts.data,
        tlsRpt: tlsRpt.data,
        bimi: bimi.data,
        dnssec: dnssec.data,
        // The SPF section evaluates the IP (one evaluation): the IP section shows its result.
        ip: ip.data && { ...ip.data, spf: spf.data.ipResult },
        lang: options.lang,
        generatedAt: now.toISOString(),
        dns: dns.stats(),
      },
    };
  } finally {
    dns.close();
  }
}
