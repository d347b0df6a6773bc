/**
 * Blocklist lookups as both the API and the pages make them: the target checked first (free), then the
 * per-client rate (every lookup sends DNS queries to the lists on someone's behalf, and the lists limit
 * us by volume), then the lookup on the shared resolver with a report's DNS deadline.
 */
import { DEFAULT_BLOCKLIST_ZONES } from '../blocklists/zones.js';
import { LIMITS } from '../limits.js';
import {
  checkTarget,
  lookUpBlocklists,
  type BlocklistAnalysis,
  type TargetProblem,
} from '../pipeline/blocklist.js';
import type { Lang } from '../report/types.js';
import { PerMinuteRate } from './rate-limit.js';
import { rateLimitKey } from './tests.js';
import type { ServiceContext } from './types.js';

export type ServiceBlocklistLookup =
  | { ok: true; analysis: BlocklistAnalysis }
  | { ok: false; reason: 'bad-target'; problem: TargetProblem }
  | { ok: false; reason: 'rate-limited'; limit: number; retryAfterSeconds: number };

/** One rate per service (API and pages count together), made on first use. */
const RATES = new WeakMap<ServiceContext, PerMinuteRate>();

function rateOf(ctx: ServiceContext): PerMinuteRate {
  let rate = RATES.get(ctx);
  if (!rate) {
    rate = new PerMinuteRate(ctx.config.lookupsPerMinute, LIMITS.lookupRateClients);
    RATES.set(ctx, rate);
  }
  return rate;
}

/** The lookup of `input` for the client at `clientIp`, or why there is none. */
export async function lookUpForClient(
  ctx: ServiceContext,
  clientIp: string,
  input: string,
  lang: Lang,
): Promise<ServiceBlocklistLookup> {
  const checked = checkTarget(input);
  if (!checked.ok) return { ok: false, reason: 'bad-target', problem: checked.problem };
  const now = ctx.now();
  const decision = rateOf(ctx).take(rateLimitKey(clientIp), now.getTime());
  if (!decision.ok) {
    return {
      ok: false,
      reason: 'rate-limited',
      limit: ctx.config.lookupsPerMinute,
      retryAfterSeconds: decision.retryAfterSeconds,
    };
  }
  const analysis = await lookUpBlocklists(checked.target, {
    resolver: ctx.resolver,
    zones: ctx.blocklists ?? DEFAULT_BLOCKLIST_ZONES,
    lang,
    now,
  });
  ctx.metrics.dnsQueries.inc(analysis.report.dns.queries);
  return { ok: true, analysis };
}
