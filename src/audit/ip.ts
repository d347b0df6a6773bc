/**
 * The sending IP, when given: its reverse DNS with forward confirmation and its blocklist listings, by the
 * same code and findings as a report's iprev and blocklist checks (iprev.*, blocklists.*), so an address
 * judged here is judged as it will be when mail arrives from it. Whether the domain's SPF authorizes the
 * IP is the SPF section's (it evaluates the record for the IP); `spf` stays null here.
 *
 * A private or reserved address is refused without a lookup: no receiver sees mail from it, no list holds
 * it, and the audit must not become a way to query our own network's reverse zones.
 */
import { lookUpIprev, nonPublicBlock, parseIp, reverseName } from '../checks/iprev.js';
import type { Finding } from '../checks/types.js';
import { lookUpTarget } from '../blocklists/lookup.js';
import type { BlocklistResult } from '../blocklists/types.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../blocklists/zones.js';
import { errorCode } from '../dns/types.js';
import type { AuditContext, AuditSection, IpAuditData } from './types.js';

/** Longest input looked at: an IPv6 address with a zone is well under this. */
const MAX_IP_INPUT = 100;

export async function auditIp(ctx: AuditContext): Promise<AuditSection<IpAuditData | null>> {
  const input = ctx.options.ip;
  if (input === undefined || input === null || input === '') return { data: null, findings: [] };
  const ip = typeof input === 'string' && input.length <= MAX_IP_INPUT ? parseIp(input.trim()) : null;
  if (!ip) {
    const shown = String(input).slice(0, MAX_IP_INPUT);
    return { data: null, findings: [{ id: 'iprev.sending-ip-invalid', params: { ip: shown } }] };
  }

  const base: IpAuditData = {
    ip: ip.text,
    ptr: [],
    fcrdns: false,
    blocklists: [],
    spf: null,
    iprev: 'none',
    confirmed: [],
    notPublic: null,
  };
  const range = nonPublicBlock(ip);
  if (range) {
    const params = { ip: ip.text, block: range.block, rfc: range.rfc };
    return {
      data: { ...base, notPublic: `${range.block} (${range.rfc})` },
      findings: [{ id: 'iprev.sending-ip-not-public', params }],
    };
  }

  const host = `mail.${ctx.domain}`;
  const [iprev, blocklists] = await Promise.all([
    lookUpIprev(ctx, ip, host, ctx.domain).catch((err: unknown) => ({
      // Never throw out of a section: an unexpected fault leaves the reverse DNS unknown.
      result: { result: 'temperror' as const, ptr: [], fcrdns: false, confirmed: [], generic: false },
      findings: [
        {
          id: 'iprev.temperror',
          params: { ip: ip.text, reverseName: reverseName(ip), error: errorCode(err) },
        },
      ] as Finding[],
    })),
    lookUpTarget(
      ctx.dns,
      { kind: 'ip', target: ip.text },
      ctx.options.blocklists ?? DEFAULT_BLOCKLIST_ZONES,
    ).catch(() => ({ results: [] as BlocklistResult[], findings: [] as Finding[] })),
  ]);
  return {
    data: {
      ...base,
      ptr: iprev.result.ptr,
      fcrdns: iprev.result.fcrdns,
      confirmed: iprev.result.confirmed,
      iprev: iprev.result.result,
      blocklists: blocklists.results,
    },
    findings: [...iprev.findings, ...blocklists.findings],
  };
}
