/**
 * The shared resolver: one per process, used by every report. It owns the TTL cache and the
 * in-flight table, so concurrent reports asking the same question send it once.
 * Per-report concerns (deadline, counting) live in DnsSession.
 */
import type { DecodedPacket } from 'dns-packet';
import { LIMITS } from '../limits.js';
import { TtlCache } from './ttl-cache.js';
import { queryServer, type WireResponse } from './wire.js';
import { DnsError, type Answer, type RecordData, type RecordType, type ServerAddress } from './types.js';

export interface ResolverOptions {
  servers: ServerAddress[];
  timeoutMs?: number;
  retries?: number;
  cacheEntries?: number;
  now?: () => number;
}

type Outcome = { ok: true; answer: Answer } | { ok: false; error: DnsError };

/** Everything a lookup can tell the caller about how it was served. */
export interface LookupResult<T extends RecordType> {
  outcome: { ok: true; answer: Answer<T> } | { ok: false; error: DnsError };
  /** 'cache': answered from the cache; 'joined': waited for an identical question already in flight; 'network': sent. */
  source: 'cache' | 'joined' | 'network';
}

type AnyAnswer = DecodedPacket['answers'] extends (infer A)[] | undefined ? A : never;

const cacheKey = (name: string, type: RecordType) => `${type} ${name.toLowerCase().replace(/\.$/, '')}`;

const clampTtl = (ttl: number) => Math.min(Math.max(ttl, LIMITS.dnsMinTtlSeconds), LIMITS.dnsMaxTtlSeconds);

function recordValue(type: RecordType, rr: AnyAnswer): unknown {
  const data = (rr as { data: unknown }).data;
  switch (type) {
    case 'TXT': {
      const parts = Array.isArray(data) ? data : [data];
      return parts.map((part) => (Buffer.isBuffer(part) ? part.toString('utf8') : String(part)));
    }
    case 'MX': {
      const mx = data as { preference?: number; exchange: string };
      return { exchange: mx.exchange, priority: mx.preference ?? 0 };
    }
    default:
      return String(data);
  }
}

/**
 * Reads the records of the asked type from an answer section, following a CNAME chain that starts at
 * the question name (a recursive resolver returns the chain with the final records).
 */
function extractRecords<T extends RecordType>(name: string, type: T, response: WireResponse): Outcome {
  const { rcode, packet } = response;
  if (rcode === 'NXDOMAIN') return { ok: false, error: new DnsError('ENOTFOUND', name, type) };
  if (rcode === 'SERVFAIL') return { ok: false, error: new DnsError('ESERVFAIL', name, type) };
  if (rcode === 'REFUSED') return { ok: false, error: new DnsError('EREFUSED', name, type) };
  if (rcode !== 'NOERROR') return { ok: false, error: new DnsError('EBADRESP', name, type, rcode) };

  const answers = (packet.answers ?? []) as AnyAnswer[];
  let current = name.toLowerCase().replace(/\.$/, '');
  const records: unknown[] = [];
  let ttl = Infinity;
  for (let hop = 0; hop <= LIMITS.dnsMaxCnameHops; hop++) {
    const owned = answers.filter((rr) => rr.name.toLowerCase().replace(/\.$/, '') === current);
    const matching = owned.filter((rr) => rr.type === type);
    if (matching.length) {
      for (const rr of matching) {
        records.push(recordValue(type, rr));
        ttl = Math.min(ttl, (rr as { ttl?: number }).ttl ?? 0);
      }
      break;
    }
    const cname = owned.find((rr) => rr.type === 'CNAME');
    if (!cname || type === 'CNAME') break;
    ttl = Math.min(ttl, (cname as { ttl?: number }).ttl ?? 0);
    current = String((cname as { data: unknown }).data)
      .toLowerCase()
      .replace(/\.$/, '');
  }
  if (records.length === 0) {
    // NODATA: the negative TTL is the SOA's minimum (RFC 2308 5).
    return { ok: false, error: new DnsError('ENODATA', name, type) };
  }
  return {
    ok: true,
    answer: { records: records as RecordData[T], ttl: clampTtl(ttl), authenticated: response.authenticated },
  };
}

/** RFC 2308: a negative answer is cached for min(SOA TTL, SOA minimum). */
function negativeTtl(response: WireResponse | undefined): number {
  const soa = (response?.packet.authorities ?? []).find((rr) => rr.type === 'SOA') as
    { ttl?: number; data: { minimum?: number } } | undefined;
  if (!soa) return LIMITS.dnsNegativeTtlSeconds;
  return clampTtl(Math.min(soa.ttl ?? 0, soa.data?.minimum ?? 0));
}

export class DnsResolver {
  readonly servers: ServerAddress[];
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly cache: TtlCache<string, Outcome>;
  private readonly inFlight = new Map<string, Promise<Outcome>>();

  constructor(options: ResolverOptions) {
    if (options.servers.length === 0) throw new Error('no DNS servers');
    this.servers = options.servers;
    this.timeoutMs = options.timeoutMs ?? LIMITS.dnsQueryTimeoutMs;
    this.retries = options.retries ?? LIMITS.dnsRetries;
    this.cache = new TtlCache(options.cacheEntries ?? LIMITS.dnsCacheEntries, options.now);
  }

  /** Never rejects: the outcome says whether there was an answer. */
  async lookup<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
    const key = cacheKey(name, type);
    const cached = this.cache.get(key);
    if (cached) return { outcome: cached as LookupResult<T>['outcome'], source: 'cache' };
    const pending = this.inFlight.get(key);
    if (pending) return { outcome: (await pending) as LookupResult<T>['outcome'], source: 'joined' };

    const query = this.ask(name, type).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, query);
    return { outcome: (await query) as LookupResult<T>['outcome'], source: 'network' };
  }

  private async ask(name: string, type: RecordType): Promise<Outcome> {
    let lastError: DnsError = new DnsError('ETIMEOUT', name, type);
    const attempts = 1 + this.retries;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const server = this.servers[attempt % this.servers.length]!;
      let response: WireResponse;
      let outcome: Outcome;
      try {
        response = await queryServer({ name, type, server, timeoutMs: this.timeoutMs });
        outcome = extractRecords(name, type, response);
      } catch (err) {
        if (err instanceof DnsError && err.code === 'EBADNAME') return { ok: false, error: err };
        lastError = err instanceof DnsError ? err : new DnsError('ETIMEOUT', name, type, String(err));
        continue;
      }
      if (outcome.ok) {
        this.cache.set(cacheKey(name, type), outcome, outcome.answer.ttl * 1000);
        return outcome;
      }
      const code = outcome.error.code;
      if (code === 'ENOTFOUND' || code === 'ENODATA') {
        this.cache.set(cacheKey(name, type), outcome, negativeTtl(response) * 1000);
        return outcome;
      }
      // SERVFAIL / REFUSED / malformed: another server (or a retry) may do better; never cached.
      lastError = outcome.error;
    }
    return { ok: false, error: lastError };
  }
}
