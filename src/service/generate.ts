/**
 * The fix generators as the API and the pages run them: the input checked (free), then the per-client
 * rate, then the builder. The SPF builder walks every include's tree through the DNS (up to 20 includes),
 * so it counts against the domain audits' bucket; a DKIM key (RSA 2048: tens of milliseconds of CPU) and a
 * DMARC record count against their own bucket of --lookups-per-minute.
 */
import type { DmarcBuildProblem } from '../generate/dmarc.js';
import { parseAuditDomain, parseSelectors } from '../audit/target.js';
import type { Finding } from '../checks/types.js';
import { normalizeSpfBuildInput } from '../generate/spf.js';
import { DKIM_KEY_TYPES, type DkimKeyRequestProblem } from '../generate/dkim.js';
import {
  dkimInputFrom,
  dmarcInputFrom,
  runDkimKey,
  runDmarcBuild,
  runSpfBuild,
  spfInputFrom,
  type DkimDocument,
  type DkimInput,
  type DmarcDocument,
  type SpfDocument,
} from '../pipeline/generate.js';
import type { Lang } from '../report/types.js';
import { auditsPerMinute } from './domains.js';
import { takeRate, type RateLimited } from './rate-limit.js';
import type { ServiceContext } from './types.js';

export type ServiceSpfBuild =
  | { ok: true; document: SpfDocument }
  /** `problems`: spf.build-bad-input findings (what could not be used, and why). */
  | { ok: false; reason: 'bad-input'; problems: Finding[] }
  | RateLimited;
export type ServiceDmarcBuild =
  | { ok: true; document: DmarcDocument }
  | { ok: false; reason: 'bad-input'; problems: DmarcBuildProblem[] }
  | RateLimited;
export type ServiceDkimKey =
  | { ok: true; document: DkimDocument }
  | { ok: false; reason: 'bad-input'; problem: DkimKeyRequestProblem }
  | RateLimited;

/** `fields`: loosely typed (a JSON body, a query, form fields); GenerateInputError for a wrong type. */
export async function buildSpfForClient(
  ctx: ServiceContext,
  clientIp: string,
  fields: unknown,
  lang: Lang,
): Promise<ServiceSpfBuild> {
  const input = spfInputFrom(fields);
  // A request with values the builder would leave out is refused whole, before any lookup.
  const { problems } = normalizeSpfBuildInput(input);
  if (problems.length) return { ok: false, reason: 'bad-input', problems };
  const limited = takeRate(ctx, clientIp, 'audit', auditsPerMinute(ctx.config.lookupsPerMinute));
  if (limited) return limited;
  const now = ctx.now();
  const document = await runSpfBuild(input, { resolver: ctx.resolver, lang, now });
  ctx.metrics.dnsQueries.inc(document.dns.queries);
  return { ok: true, document };
}

export function buildDmarcForClient(
  ctx: ServiceContext,
  clientIp: string,
  fields: unknown,
  lang: Lang,
): ServiceDmarcBuild {
  // Building is cheap and pure: a refused input costs nothing from the rate.
  const built = runDmarcBuild(dmarcInputFrom(fields), { lang });
  if (!built.ok) return { ok: false, reason: 'bad-input', problems: built.problems };
  return takeRate(ctx, clientIp, 'generate', ctx.config.lookupsPerMinute) ?? built;
}

/** What the generator would refuse, checked before the rate is spent (it checks again itself). */
function dkimInputProblem(input: DkimInput): DkimKeyRequestProblem | null {
  if (!(DKIM_KEY_TYPES as readonly string[]).includes(input.type)) return 'bad-type';
  const domain = parseAuditDomain(input.domain);
  if (!domain.ok) return 'bad-domain';
  const selectors = /^[^\s,]+$/.test(input.selector) ? parseSelectors([input.selector], domain.domain) : null;
  return selectors?.ok && selectors.selectors.length === 1 ? null : 'bad-selector';
}

/** The key is returned to the caller only: nothing here logs or keeps it. */
export async function makeDkimKeyForClient(
  ctx: ServiceContext,
  clientIp: string,
  fields: unknown,
  lang: Lang,
): Promise<ServiceDkimKey> {
  const input = dkimInputFrom(fields);
  const problem = dkimInputProblem(input);
  if (problem) return { ok: false, reason: 'bad-input', problem };
  const limited = takeRate(ctx, clientIp, 'generate', ctx.config.lookupsPerMinute);
  if (limited) return limited;
  const made = await runDkimKey(input, { lang });
  return made.ok ? made : { ok: false, reason: 'bad-input', problem: made.problem };
}
