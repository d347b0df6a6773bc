/**
 * MX audit: the domain's MX records (RFC 5321 5.1), each host's addresses, and their reverse DNS with
 * forward confirmation (the iprev check's own lookup); a null MX (RFC 7505); hosts that cannot receive
 * (no address, a private address, an IP literal or an alias as the exchange).
 *
 * Why a sending audit looks at MX: bounces and DMARC reports to the domain need it, receivers check that a
 * sender's domain can receive (Postfix reject_unknown_sender_domain wants an MX or A; RFC 7505 4.2 lets
 * them refuse senders whose domain has a null MX), and MX hosts often send too.
 *
 * Bounded: LIMITS.auditMxHosts hosts, LIMITS.auditMxAddresses addresses each, LIMITS.auditMxReverseChecks
 * reverse lookups in all. Lookups run in three waves (MX; every host's A, AAAA and CNAME; every reverse
 * check), so the section takes as long as its slowest chain, as a report does.
 */
import { hostnameProblem, lookUpIprev, nonPublicBlock, parseIp, type ParsedIp } from '../checks/iprev.js';
import type { Finding } from '../checks/types.js';
import { errorCode, isNoRecords, isTransient, type MxRecord } from '../dns/types.js';
import { LIMITS } from '../limits.js';
import type { AuditContext, AuditSection, MxAuditData, MxHostData } from './types.js';

const normalizeName = (name: string) => String(name).trim().toLowerCase().replace(/\.$/, '');

/** RFC 7505 3: the null MX is preference 0 and the root as exchange (decoders give "." or ""). */
const isNullExchange = (exchange: string) => normalizeName(exchange) === '';

/** An IP written where a host name belongs, bare or in brackets as in an address literal. */
const ipLiteral = (exchange: string): ParsedIp | null => parseIp(exchange.replace(/^\[(.*)\]$/, '$1'));

export type MxHostProblem = 'ip-literal' | 'invalid-name' | 'no-address' | 'private-address' | 'temperror';

/** One host after its address lookups, before reverse DNS. */
interface ResolvedHost {
  exchange: string;
  priority: number;
  addresses: ParsedIp[];
  privateAddresses: string[];
  cname: string | null;
  problems: MxHostProblem[];
  error: string | null;
}

export async function auditMx(ctx: AuditContext): Promise<AuditSection<MxAuditData>> {
  try {
    return await lookUpMx(ctx);
  } catch (err) {
    // Never throw out of a section: an unexpected fault leaves the MX unknown.
    return {
      data: empty(),
      findings: [
        { id: 'mx.temperror', params: { domain: ctx.domain, names: [ctx.domain], error: errorCode(err) } },
      ],
    };
  }
}

const empty = (): MxAuditData => ({ hosts: [], nullMx: false, implicit: false, records: 0 });

async function lookUpMx(ctx: AuditContext): Promise<AuditSection<MxAuditData>> {
  const { domain } = ctx;
  let records: MxRecord[];
  try {
    records = await ctx.dns.records(domain, 'MX');
  } catch (err) {
    if (isTransient(err)) {
      return {
        data: empty(),
        findings: [{ id: 'mx.temperror', params: { domain, names: [domain], error: errorCode(err) } }],
      };
    }
    return noMx(ctx);
  }

  const nulls = records.filter((r) => isNullExchange(r.exchange));
  const real = records.filter((r) => !isNullExchange(r.exchange));
  if (real.length === 0) {
    // RFC 7505: the domain says it accepts no mail.
    return {
      data: { ...empty(), nullMx: true, records: records.length },
      findings: [{ id: 'mx.null', params: { domain } }],
    };
  }
  const findings: Finding[] = [];
  if (nulls.length) {
    findings.push({
      id: 'mx.null-mixed',
      params: { domain, hosts: real.slice(0, LIMITS.auditMxHosts).map((r) => normalizeName(r.exchange)) },
    });
  }

  const unique = uniqueHosts(real);
  const checked = unique.slice(0, LIMITS.auditMxHosts);
  if (unique.length > checked.length) {
    findings.push({
      id: 'mx.too-many',
      params: {
        domain,
        count: unique.length,
        checked: checked.length,
        // Named up to the same bound: a hostile zone can publish thousands.
        skipped: unique.slice(checked.length, 2 * LIMITS.auditMxHosts).map((r) => r.exchange),
      },
    });
  }

  const resolved = await Promise.all(checked.map((r) => resolveHost(ctx, r)));
  const hosts = await withReverseDns(ctx, resolved);
  findings.push(...hostFindings(domain, resolved, hosts));
  return { data: { hosts, nullMx: false, implicit: false, records: records.length }, findings };
}

/** Exchanges once each (the lowest preference kept), ordered as senders try them. */
function uniqueHosts(records: MxRecord[]): MxRecord[] {
  const byName = new Map<string, MxRecord>();
  for (const record of records) {
    const exchange = normalizeName(record.exchange).slice(0, 253);
    const priority = Number.isFinite(record.priority) ? record.priority : 0;
    const seen = byName.get(exchange);
    if (!seen || priority < seen.priority) byName.set(exchange, { exchange, priority });
  }
  return [...byName.values()].sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));
}

/** No MX record: RFC 5321 5.1 falls back to the domain's own A/AAAA records (the implicit MX). */
async function noMx(ctx: AuditContext): Promise<AuditSection<MxAuditData>> {
  const { domain } = ctx;
  const answers = await Promise.all(
    (['A', 'AAAA'] as const).map((type) =>
      ctx.dns.records(domain, type).then(
        (addresses) => ({ addresses, error: null }),
        (err: unknown) => ({ addresses: [] as string[], error: isNoRecords(err) ? null : errorCode(err) }),
      ),
    ),
  );
  const addresses = answers.flatMap((a) => a.addresses).slice(0, LIMITS.auditMxAddresses);
  if (addresses.length) {
    return {
      data: { ...empty(), implicit: true },
      findings: [{ id: 'mx.implicit', params: { domain, addresses } }],
    };
  }
  const error = answers.find((a) => a.error !== null)?.error;
  if (error)
    return { data: empty(), findings: [{ id: 'mx.temperror', params: { domain, names: [domain], error } }] };
  return { data: empty(), findings: [{ id: 'mx.none', params: { domain } }] };
}

/** A host's addresses (A and AAAA, bounded) and whether its name is an alias. */
async function resolveHost(ctx: AuditContext, record: MxRecord): Promise<ResolvedHost> {
  const host: ResolvedHost = {
    exchange: record.exchange,
    priority: record.priority,
    addresses: [],
    privateAddresses: [],
    cname: null,
    problems: [],
    error: null,
  };
  if (ipLiteral(record.exchange)) return { ...host, problems: ['ip-literal'] };
  if (hostnameProblem(record.exchange) !== null) return { ...host, problems: ['invalid-name'] };

  const [a, aaaa, cname] = await Promise.all([
    addressesOf(ctx, record.exchange, 'A'),
    addressesOf(ctx, record.exchange, 'AAAA'),
    ctx.dns.records(record.exchange, 'CNAME').then(
      (targets) => (targets[0] ? normalizeName(targets[0]).slice(0, 253) || null : null),
      () => null,
    ),
  ]);
  const seen = new Set<string>();
  const all: ParsedIp[] = [];
  for (const ip of [...a.addresses, ...aaaa.addresses]) {
    if (seen.has(ip.text) || all.length >= LIMITS.auditMxAddresses) continue;
    seen.add(ip.text);
    all.push(ip);
  }
  const problems: MxHostProblem[] = [];
  const privateAddresses = all.filter((ip) => nonPublicBlock(ip) !== null).map((ip) => ip.text);
  const error = a.error ?? aaaa.error;
  if (all.length === 0) problems.push(error ? 'temperror' : 'no-address');
  if (privateAddresses.length) problems.push('private-address');
  return {
    ...host,
    addresses: all.filter((ip) => nonPublicBlock(ip) === null),
    privateAddresses,
    cname,
    problems,
    error: all.length === 0 ? error : null,
  };
}

async function addressesOf(
  ctx: AuditContext,
  name: string,
  type: 'A' | 'AAAA',
): Promise<{ addresses: ParsedIp[]; error: string | null }> {
  try {
    const records = await ctx.dns.records(name, type);
    const addresses = records.map((r) => parseIp(String(r))).filter((ip): ip is ParsedIp => ip !== null);
    // Only the family asked for: a hostile answer cannot slip an IPv6 address into an A answer.
    return { addresses: addresses.filter((ip) => ip.family === (type === 'A' ? 4 : 6)), error: null };
  } catch (err) {
    return { addresses: [], error: isTransient(err) ? errorCode(err) : null };
  }
}

/** PTR names and forward confirmation of the public addresses, the first auditMxReverseChecks of them. */
async function withReverseDns(ctx: AuditContext, resolved: ResolvedHost[]): Promise<MxHostData[]> {
  const budget = { left: LIMITS.auditMxReverseChecks };
  const plans = resolved.map((host) => host.addresses.filter(() => budget.left-- > 0));
  return Promise.all(
    resolved.map(async (host, i) => {
      const checks = await Promise.all(
        plans[i]!.map(async (ip) => {
          try {
            const { result } = await lookUpIprev(ctx, ip, host.exchange, ctx.domain);
            return { ip: ip.text, ptr: result.ptr, fcrdns: result.fcrdns };
          } catch {
            return { ip: ip.text, ptr: [], fcrdns: false };
          }
        }),
      );
      return {
        exchange: host.exchange,
        priority: host.priority,
        addresses: [...host.addresses.map((ip) => ip.text), ...host.privateAddresses],
        fcrdns: checks.length > 0 && checks.every((c) => c.fcrdns),
        ptr: Object.fromEntries(checks.map((c) => [c.ip, c.ptr])),
        confirmed: checks.filter((c) => c.fcrdns).map((c) => c.ip),
        cname: host.cname,
        problems: host.problems,
      };
    }),
  );
}

function hostFindings(domain: string, resolved: ResolvedHost[], hosts: MxHostData[]): Finding[] {
  const findings: Finding[] = [];
  const having = (problem: MxHostProblem) => resolved.filter((h) => h.problems.includes(problem));
  const names = (list: ResolvedHost[]) => list.map((h) => h.exchange);
  const usable = resolved.filter((h) => h.addresses.length > 0);

  const literal = having('ip-literal');
  if (literal[0])
    findings.push({
      id: 'mx.ip-literal',
      params: { domain, host: literal[0].exchange, hosts: names(literal) },
    });
  const invalid = having('invalid-name');
  if (invalid[0])
    findings.push({
      id: 'mx.invalid-name',
      params: { domain, host: invalid[0].exchange, hosts: names(invalid) },
    });
  const noAddress = having('no-address');
  if (noAddress[0]) {
    findings.push({
      id: 'mx.host-no-address',
      params: { domain, host: noAddress[0].exchange, hosts: names(noAddress) },
    });
  }
  const privateHosts = having('private-address');
  if (privateHosts[0]) {
    findings.push({
      id: 'mx.private-address',
      params: {
        domain,
        host: privateHosts[0].exchange,
        hosts: names(privateHosts),
        addresses: privateHosts.flatMap((h) => h.privateAddresses),
      },
    });
  }
  const aliases = resolved.filter((h) => h.cname !== null);
  if (aliases[0]) {
    findings.push({
      id: 'mx.cname',
      params: {
        domain,
        host: aliases[0].exchange,
        target: aliases[0].cname,
        hosts: aliases.map((h) => `${h.exchange} → ${h.cname}`),
      },
    });
  }
  const failed = having('temperror');
  if (failed[0])
    findings.push({ id: 'mx.temperror', params: { domain, names: names(failed), error: failed[0].error } });

  if (usable.length === 0 && failed.length === 0) {
    findings.push({ id: 'mx.no-usable-host', params: { domain, hosts: names(resolved) } });
  } else if (usable.length > 0 && findings.length === 0) {
    findings.push({
      id: 'mx.pass',
      params: { domain, count: hosts.length, hosts: hosts.map((h) => `${h.priority} ${h.exchange}`) },
    });
  }

  const unconfirmed = hosts.flatMap((h) => Object.keys(h.ptr).filter((ip) => !h.confirmed.includes(ip)));
  if (unconfirmed.length) {
    const host = hosts.find((h) => Object.keys(h.ptr).some((ip) => !h.confirmed.includes(ip)))!;
    const ip = Object.keys(host.ptr).find((address) => !host.confirmed.includes(address))!;
    findings.push({
      id: 'mx.no-fcrdns',
      params: { domain, host: host.exchange, ip, ptr: host.ptr[ip] ?? [], addresses: unconfirmed },
    });
  }
  return findings;
}
