/**
 * The HELO/EHLO name (RFC 5321 4.1.1.1): the client's fully qualified domain name, or, when it has
 * none, its address literal in brackets (4.1.3). Receivers expect the name to resolve, and ideally
 * to be the name the IP's PTR gives (the iprev result).
 */
import { errorCode, isTransient } from '../dns/types.js';
import { normalizeDomain } from '../names/org-domain.js';
import type { IprevAuth } from '../report/types.js';
import {
  hostnameProblem,
  parseIp,
  reverseName,
  sameIp,
  suggestedHost,
  type HostnameProblem,
  type ParsedIp,
} from './iprev.js';
import type { CheckContext, CheckOutput, Finding, FindingParams } from './types.js';

/** Why a HELO name is bad (the `reason` param of helo.bad). */
export type HeloProblem = HostnameProblem | 'bare-ip' | 'invalid-literal' | 'literal-mismatch' | 'no-address';

/** Longest HELO shown in params: RFC 5321 4.5.3.1 caps a command line at 512 octets; names at 255. */
const MAX_SHOWN = 255;

const shown = (helo: string) => (helo.length > MAX_SHOWN ? `${helo.slice(0, MAX_SHOWN)}…` : helo);

/**
 * An address literal: [192.0.2.1] or [IPv6:2001:db8::1] (RFC 5321 4.1.3). Returns the address, or
 * null when the brackets hold anything else (general literals name no address we can compare).
 */
export function parseAddressLiteral(helo: string): ParsedIp | null {
  const match = /^\[(?:ipv6:([0-9a-f:.]+)|([0-9.]+))\]$/i.exec(helo);
  if (!match) return null;
  const [, v6, v4] = match;
  // After the tag only IPv6 text (IPv4-mapped included); without it only a dotted quad.
  if (v6 !== undefined && !v6.includes(':')) return null;
  const ip = parseIp(v6 ?? v4!);
  return ip && (v4 === undefined || ip.family === 4) ? ip : null;
}

/** A problem found without DNS, or null when the name must be looked up. */
function heloSyntaxProblem(helo: string): HeloProblem | null {
  if (parseIp(helo)) return 'bare-ip';
  return hostnameProblem(helo);
}

type Resolution = { addresses: string[] } | { error: 'no-address' | string };

/** A and AAAA at once: a HELO name may be served by either family, whatever the client's. */
async function resolveName(ctx: CheckContext, name: string): Promise<Resolution> {
  const answers = await Promise.allSettled([ctx.dns.records(name, 'A'), ctx.dns.records(name, 'AAAA')]);
  const addresses = answers.flatMap((a) => (a.status === 'fulfilled' ? a.value : []));
  if (addresses.length) return { addresses: addresses.slice(0, 8) };
  const failure = answers.find(
    (a): a is PromiseRejectedResult => a.status === 'rejected' && isTransient(a.reason),
  );
  return { error: failure ? errorCode(failure.reason) : 'no-address' };
}

const emptyIprev: IprevAuth = { result: 'none', ptr: [], fcrdns: false, confirmed: [], generic: false };

/**
 * Takes the iprev result or its promise, so the pipeline can start this check at once: the HELO
 * lookups go out now, in parallel with iprev's, and only the PTR comparison waits for iprev.
 */
export async function checkHelo(
  ctx: CheckContext,
  iprevResult: IprevAuth | PromiseLike<IprevAuth>,
): Promise<CheckOutput<null>> {
  // Settled before anything can return early, so a failed iprev is never an unhandled rejection.
  const iprevSettled = Promise.resolve(iprevResult).then(
    (value) => value,
    () => emptyIprev,
  );
  const helo = ctx.envelope.helo?.trim() ?? '';
  const client = parseIp(ctx.envelope.clientIp);
  const ip = client?.text ?? ctx.envelope.clientIp;
  if (!helo) return { result: null, findings: [{ id: 'helo.missing', params: { ip } }] };

  const literal = helo.startsWith('[');
  const syntax: HeloProblem | null = literal ? null : heloSyntaxProblem(helo);
  const name = normalizeDomain(helo);
  const resolution = literal || syntax ? null : resolveName(ctx, name);

  try {
    const iprev = await iprevSettled;
    // The host to suggest: the confirmed PTR name, so HELO and PTR agree, unless it looks generic.
    const host = iprev.confirmed[0] && !iprev.generic ? iprev.confirmed[0] : suggestedHost(ctx);
    const base: FindingParams = {
      helo: shown(helo),
      ip,
      reverseName: client ? reverseName(client) : null,
      host,
      addressType: client?.family === 6 ? 'AAAA' : 'A',
    };
    const bad = (reason: HeloProblem, extra: FindingParams = {}): CheckOutput<null> => ({
      result: null,
      findings: [{ id: 'helo.bad', params: { ...base, reason, ...extra } }],
    });

    if (literal) {
      const address = parseAddressLiteral(helo);
      if (!address) return bad('invalid-literal');
      if (!client || !sameIp(address, client)) return bad('literal-mismatch', { literal: address.text });
      return { result: null, findings: [{ id: 'helo.literal', params: { ...base, literal: address.text } }] };
    }
    if (syntax) return bad(syntax);

    const resolved = await resolution!;
    if ('error' in resolved) {
      if (resolved.error === 'no-address') return bad('no-address');
      return {
        result: null,
        findings: [{ id: 'helo.temperror', params: { ...base, error: resolved.error } }],
      };
    }

    const findings: Finding[] = [{ id: 'helo.pass', params: { ...base, addresses: resolved.addresses } }];
    // Compared only with a PTR name worth adopting (confirmed, not generic): otherwise the iprev
    // findings already ask for a new PTR, and their fix proposes this HELO name when it is the sender's.
    const ptrNames = iprev.ptr.map((ptr) => normalizeDomain(ptr));
    const adoptable = iprev.generic ? undefined : iprev.confirmed[0];
    if (adoptable && !ptrNames.includes(name)) {
      findings.push({ id: 'helo.ptr-mismatch', params: { ...base, ptr: iprev.ptr, name: adoptable } });
    }
    return { result: null, findings };
  } catch (err) {
    // Never throw out of a check.
    const params = { helo: shown(helo), ip, error: errorCode(err) };
    return { result: null, findings: [{ id: 'helo.temperror', params }] };
  }
}
