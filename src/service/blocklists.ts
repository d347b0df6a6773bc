/**
 * Blocklist lookups as both the API and the pages make them: the target checked first (free), then the
 * per-client rate (every lookup sends DNS queries to the lists on someone's behalf, and the lists limit
 * us by volume), then the lookup on the shared resolver with a report's DNS deadline.
 */
import { DEFAULT_BLOCKLIST_ZONES } from '../blocklists/zones.js';
import {
  checkTarget,
  lookUpBlocklists,
  type BlocklistAnalysis,
  type TargetProblem,
} from '../pipeline/blocklist.js';
import type { Lang } from '../report/types.js';
import { takeRate } from './rate-limit.js';
import type { ServiceContext } from './types.js';

export type ServiceBlocklistLookup =
  | { ok: true; analysis: BlocklistAnalysis }
  | { ok: false; reason: 'bad-target'; problem: TargetProblem }
  | { ok: false; reason: 'rate-limited'; limit: number; retryAfterSeconds: number };

/** The lookup of `input` for the client at `clientIp`, or why there is none. */
export async function lookUpForClient(
  ctx: ServiceContext,
  clientIp: string,
  input: string,
  lang: Lang,
): Promise<ServiceBlocklistLookup> {
  const checked = checkTarget(input);
  if (!checked.ok) return { ok: false, reason: 'bad-target', problem: checked.problem };
  const limited = takeRate(ctx, clientIp, 'blocklist', ctx.config.lookupsPerMinute);
  if (limited) return limited;
  const now = ctx.now();
  const analysis = await lookUpBlocklists(checked.target, {
    resolver: ctx.resolver,
    zones: ctx.blocklists ?? DEFAULT_BLOCKLIST_ZONES,
    lang,
    now,
  });
  ctx.metrics.dnsQueries.inc(analysis.report.dns.queries);
  return { ok: true, analysis };
}
