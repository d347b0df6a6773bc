/**
 * Domain audits as both the API and the pages make them: the input checked first (free), then the
 * per-client rate, then the audit on the shared resolver with a report's DNS deadline.
 *
 * The rate: an audit sends about 80 DNS queries (SPF tree, DMARC tree walk, the common DKIM selectors, MX
 * hosts and their PTRs, MTA-STS, TLS-RPT, BIMI, the IP on every blocklist) and may fetch two HTTPS
 * resources, all on someone else's behalf. It has its own bucket, sized from --lookups-per-minute at
 * LIMITS.auditLookupCost lookups each (default 30 / 5 = 6 audits a minute per client), so audits and
 * blocklist lookups do not starve each other; 0 leaves both unlimited.
 */
import { auditDomain, type DomainAuditAnalysis } from '../audit/audit.js';
import {
  parseAuditDomain,
  parseAuditIp,
  parseSelectors,
  type DomainProblem,
  type IpProblem,
  type SelectorProblem,
} from '../audit/target.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../blocklists/zones.js';
import { LIMITS } from '../limits.js';
import type { Lang } from '../report/types.js';
import { takeRate, type RateLimited } from './rate-limit.js';
import type { ServiceContext } from './types.js';

/** What the user asked, as given (every field is checked here). */
export interface AuditRequest {
  domain: string;
  /** Selector values as given (each may be a comma list). */
  selectors: readonly string[];
  ip: string | null;
}

export type { RateLimited } from './rate-limit.js';

export type ServiceDomainAudit =
  /** `selectors` and `ip`: the user's, as checked (canonical), for links that keep them. */
  | { ok: true; analysis: DomainAuditAnalysis; selectors: string[]; ip: string | null }
  | { ok: false; reason: 'bad-domain'; problem: DomainProblem }
  | { ok: false; reason: 'bad-selector'; problem: SelectorProblem }
  | { ok: false; reason: 'bad-ip'; problem: IpProblem }
  | RateLimited;

/** Audits a client may start per minute: 0 (unlimited) stays 0, and a low setting still allows one. */
export const auditsPerMinute = (lookupsPerMinute: number): number =>
  lookupsPerMinute <= 0 ? 0 : Math.max(1, Math.floor(lookupsPerMinute / LIMITS.auditLookupCost));

/** The input checked as the audit needs it, or the first problem (nothing is looked up for a bad request). */
export function checkAuditRequest(
  request: AuditRequest,
):
  | { ok: true; domain: string; selectors: string[]; ip: string | null }
  | Exclude<ServiceDomainAudit, { ok: true } | RateLimited> {
  const domain = parseAuditDomain(request.domain);
  if (!domain.ok) return { ok: false, reason: 'bad-domain', problem: domain.problem };
  const selectors = parseSelectors(request.selectors, domain.domain);
  if (!selectors.ok) return { ok: false, reason: 'bad-selector', problem: selectors.problem };
  let ip: string | null = null;
  if (request.ip !== null && request.ip.trim() !== '') {
    const parsed = parseAuditIp(request.ip);
    if (!parsed.ok) return { ok: false, reason: 'bad-ip', problem: parsed.problem };
    ip = parsed.ip;
  }
  return { ok: true, domain: domain.domain, selectors: selectors.selectors, ip };
}

/** The audit of `request` for the client at `clientIp`, or why there is none. Never throws for DNS trouble. */
export async function auditForClient(
  ctx: ServiceContext,
  clientIp: string,
  request: AuditRequest,
  lang: Lang,
): Promise<ServiceDomainAudit> {
  const checked = checkAuditRequest(request);
  if (!checked.ok) return checked;
  const limited = takeRate(ctx, clientIp, 'audit', auditsPerMinute(ctx.config.lookupsPerMinute));
  if (limited) return limited;
  const analysis = await auditDomain(checked.domain, {
    resolver: ctx.resolver,
    lang,
    now: ctx.now(),
    selectors: checked.selectors,
    ip: checked.ip,
    blocklists: ctx.blocklists ?? DEFAULT_BLOCKLIST_ZONES,
  });
  ctx.metrics.dnsQueries.inc(analysis.audit.dns.queries);
  return { ok: true, analysis, selectors: checked.selectors, ip: checked.ip };
}
