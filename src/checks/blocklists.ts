/**
 * The blocklist check: the connecting IP on the IP lists, and the sender's domains (From, MAIL FROM,
 * DKIM d=) on the domain lists, every query at once from the start of the report (it needs nothing
 * another check computes, so it adds no round trip). Fills the report's `blocklists` block.
 *
 * Which domain names are asked: what receivers ask. Every domain list holds registered domains, so each
 * sender domain's registered (organizational) domain is asked everywhere; lists that also hold host names
 * (Spamhaus DBL, DNSWL's domain list) are asked the exact name too. The DKIM d= domains are read from the
 * DKIM-Signature fields, verified or not: the message is the sender's own test, and waiting for the DKIM
 * check would cost a round trip.
 */
import { lookUpTargets, registeredDomain, zonesFor } from '../blocklists/lookup.js';
import { blocklistFindings } from '../blocklists/findings.js';
import { blocklistDomain, nonPublicAddress, type BlocklistTarget } from '../blocklists/query.js';
import type { BlocklistResult, BlocklistZone } from '../blocklists/types.js';
import { LIMITS } from '../limits.js';
import { fieldsNamed } from '../message/parse.js';
import { domainOf } from '../names/org-domain.js';
import { signatureTags } from './dkim.js';
import { parseIp } from './iprev.js';
import type { CheckContext, CheckOutput, Finding } from './types.js';

/** The sender's domains, each with where it appears, in order of weight: From, MAIL FROM, DKIM d= (bounded). */
export function senderDomains(ctx: CheckContext): Map<string, string[]> {
  const found: Array<[domain: string, source: string]> = [
    [ctx.message.from[0]?.domain ?? '', 'From'],
    [domainOf(ctx.envelope.mailFrom), 'MAIL FROM'],
    ...fieldsNamed(ctx.message, 'dkim-signature')
      .slice(0, LIMITS.maxDkimSignatures)
      .map((field): [string, string] => [signatureTags(field.raw).d, 'DKIM d=']),
  ];
  const domains = new Map<string, string[]>();
  for (const [raw, source] of found) {
    const domain = blocklistDomain(raw);
    if (!domain) continue;
    const sources = domains.get(domain);
    if (sources) {
      if (!sources.includes(source)) sources.push(source);
    } else if (domains.size < LIMITS.blocklistSenderDomains) domains.set(domain, [source]);
  }
  return domains;
}

/** The names asked of each domain zone, with the sources each name stands for. */
function domainQueries(
  domains: ReadonlyMap<string, readonly string[]>,
  zones: readonly BlocklistZone[],
): { queries: Array<{ target: BlocklistTarget; zones: BlocklistZone[] }>; sources: Map<string, string[]> } {
  const zonesByName = new Map<string, BlocklistZone[]>();
  const sources = new Map<string, string[]>();
  const add = (name: string, zone: BlocklistZone, from: readonly string[]) => {
    const asked = zonesByName.get(name) ?? [];
    if (!asked.includes(zone)) asked.push(zone);
    zonesByName.set(name, asked);
    const known = sources.get(name) ?? [];
    for (const source of from) if (!known.includes(source)) known.push(source);
    sources.set(name, known);
  };
  const domainZones = zones.filter((zone) => zone.kind === 'domain');
  for (const [domain, from] of domains) {
    const registered = registeredDomain(domain);
    for (const zone of domainZones) {
      add(registered, zone, from);
      if (zone.subdomains && registered !== domain) add(domain, zone, from);
    }
  }
  const queries = [...zonesByName].map(([name, asked]) => ({
    target: { kind: 'domain' as const, target: name },
    zones: asked,
  }));
  return { queries, sources };
}

/** Why the connecting IP is not looked up, or null when it is. */
function ipNotChecked(ip: string): Finding | null {
  if (!parseIp(ip))
    return { id: 'blocklists.ip-not-checked', params: { ip, reason: 'not-an-ip', block: null } };
  const block = nonPublicAddress(ip);
  return block ? { id: 'blocklists.ip-not-checked', params: { ip, reason: 'not-public', block } } : null;
}

/**
 * `ip` is the address judged: the SMTP client, or the hop the caller chose from the Received fields for
 * an uploaded message. Never throws.
 */
export async function checkBlocklists(
  ctx: CheckContext,
  zones: readonly BlocklistZone[],
  ip: string = ctx.envelope.clientIp,
): Promise<CheckOutput<BlocklistResult[]>> {
  if (!zones.length) return { result: [], findings: [] };
  try {
    const skipped = ipNotChecked(ip);
    const ipTarget: BlocklistTarget | null = skipped ? null : { kind: 'ip', target: parseIp(ip)!.text };
    const domains = domainQueries(senderDomains(ctx), zones);
    const results = await lookUpTargets(ctx.dns, [
      ...(ipTarget ? [{ target: ipTarget, zones: zonesFor(ipTarget, zones) }] : []),
      ...domains.queries,
    ]);
    const findings = blocklistFindings(results, { sources: domains.sources });
    return { result: results, findings: skipped ? [skipped, ...findings] : findings };
  } catch (err) {
    return {
      result: [],
      findings: [
        {
          id: 'blocklists.error',
          params: {
            reason: 'internal',
            advice: 'internal',
            lists: [],
            count: 0,
            error: String(err).slice(0, 200),
          },
        },
      ],
    };
  }
}
