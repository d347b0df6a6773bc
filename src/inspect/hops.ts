/**
 * The Received chain: hops, the first external hop, delays, TLS per hop where recorded.
 *
 * The hops come from src/message/received.ts and the first external hop from src/pipeline/client-ip.ts (the
 * same trust boundary the report uses for the sending IP). Only the fields at and above that hop were written
 * by the recipient's own side; the ones below were written before, by servers the sender chose or by the
 * sender itself, so their dates can be anything: a hop dated in the future, or much later than the hop above
 * it, is a sign of a forged chain. Delays are read from the dates; a large one is said, not judged.
 */
import type { Finding } from '../checks/types.js';
import { receivedChain, type ReceivedChain } from '../message/received.js';
import { chooseClientHop, parseTrustedRelays } from '../pipeline/client-ip.js';
import type { HopData, InspectContext, InspectPart } from './types.js';

/** Clocks of real servers drift by seconds to minutes; past this a date in the future is not drift. */
const FUTURE_TOLERANCE_S = 15 * 60;
/** A hop dated this much later than the hop above it (which received the message after it) is out of order. */
const OUT_OF_ORDER_TOLERANCE_S = 60 * 60;
/** Greylisting and queues delay mail by minutes; past an hour the recipient is told the message was held up. */
const LARGE_DELAY_S = 60 * 60;
/** Hop indexes named in one finding (the chain has at most LIMITS.maxReceivedFields). */
const MAX_NAMED_HOPS = 10;

/**
 * Microsoft 365 and Outlook.com hand a message between their own servers on public IPv6 addresses before it
 * reaches the mailbox; when the recipient's topmost hop is theirs, those hops are the recipient's side too.
 */
export const isMicrosoftHost = (host: string): boolean => /\.(?:outlook\.com|office365\.com)$/i.test(host);
const MICROSOFT_RELAYS = parseTrustedRelays(['.outlook.com', '.office365.com']);

/** Index (1 = topmost) of the first hop outside the recipient's systems, or null (none, or only internal hops). */
export function firstExternalHop(chain: ReceivedChain): number | null {
  const top = chain.hops[0]?.by?.host ?? '';
  const relays = isMicrosoftHost(top) && 'relays' in MICROSOFT_RELAYS ? MICROSOFT_RELAYS.relays : [];
  try {
    return chooseClientHop(chain, relays).hop.index;
  } catch {
    return null;
  }
}

/**
 * Seconds each hop took after the one below it (which handed the message to it): delays[i] belongs to
 * hops[i]; the lowest hop has none (null), and so does a hop whose date or whose lower neighbour's is unreadable.
 */
export function hopDelays(chain: ReceivedChain): Array<number | null> {
  return chain.hops.map((hop, i) => {
    const below = chain.hops[i + 1];
    if (hop.time === null || below?.time == null) return null;
    return Math.round((hop.time - below.time) / 1000);
  });
}

export function inspectHops(ctx: InspectContext): InspectPart<HopData> {
  try {
    const chain = receivedChain(ctx.message);
    const firstExternal = firstExternalHop(chain);
    const delays = hopDelays(chain);
    return {
      data: { hops: chain.hops, firstExternal, delays },
      findings: hopFindings(ctx, chain, firstExternal, delays),
    };
  } catch {
    return { data: { hops: [], firstExternal: null, delays: [] }, findings: [] };
  }
}

/** Hop names for a finding, at most MAX_NAMED_HOPS; the code 'none' (words in the catalogs) when there is none. */
const namedOrNone = (names: string[]): string[] | string =>
  names.length ? names.slice(0, MAX_NAMED_HOPS) : 'none';

function hopFindings(
  ctx: InspectContext,
  chain: ReceivedChain,
  firstExternal: number | null,
  delays: ReadonlyArray<number | null>,
): Finding[] {
  const findings: Finding[] = [];
  const external = firstExternal === null ? null : chain.hops[firstExternal - 1];
  // Only the hop into the recipient's systems crossed the internet under their provider's eyes.
  if (external && external.tls.encrypted === false) {
    findings.push({
      id: 'inspect.hop-no-tls',
      params: {
        hop: external.index,
        from: external.from?.name ?? external.from?.ip ?? '?',
        by: external.by?.host ?? '?',
      },
    });
  }

  const now = ctx.now.getTime();
  const future = chain.hops.filter(
    (hop) => hop.time !== null && (hop.time - now) / 1000 > FUTURE_TOLERANCE_S,
  );
  const outOfOrder = chain.hops.filter((_, i) => (delays[i] ?? 0) < -OUT_OF_ORDER_TOLERANCE_S);
  if (future.length || outOfOrder.length) {
    findings.push({
      id: 'inspect.hop-dates',
      params: {
        future: namedOrNone(future.map((hop) => String(hop.index))),
        outOfOrder: namedOrNone(outOfOrder.map((hop) => `${hop.index + 1}→${hop.index}`)),
      },
    });
  }

  let longest = -1;
  chain.hops.forEach((_, i) => {
    if ((delays[i] ?? 0) > LARGE_DELAY_S && (longest < 0 || delays[i]! > delays[longest]!)) longest = i;
  });
  if (longest >= 0) {
    const hop = chain.hops[longest]!;
    findings.push({
      id: 'inspect.hop-delay',
      params: { hop: hop.index, hours: Math.round(delays[longest]! / 360) / 10, by: hop.by?.host ?? '?' },
    });
  }
  return findings;
}
