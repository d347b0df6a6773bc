/**
 * A real DNS server for tests and benchmarks: UDP and TCP on 127.0.0.1 (random port), serving
 * fixture zones. It answers as a recursive resolver would (CNAME chains included in the answer),
 * truncates UDP answers that do not fit, and can delay or drop answers to test timeouts.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import * as packet from 'dns-packet';
import type { Answer, DecodedPacket, Question } from 'dns-packet';

export type FixtureType = 'A' | 'AAAA' | 'TXT' | 'MX' | 'PTR' | 'CNAME' | 'NS';

/** Records of one name. TXT: a string, or a list of character-strings for one record. MX: [priority, host]. */
export interface FixtureRecords {
  A?: string[];
  AAAA?: string[];
  TXT?: Array<string | string[]>;
  MX?: Array<[number, string]>;
  PTR?: string[];
  CNAME?: string;
  NS?: string[];
  /** Types whose lookups never get an answer; `true` for every type. */
  TIMEOUT?: FixtureType[] | true;
  /** Types whose lookups get SERVFAIL; `true` for every type. */
  SERVFAIL?: FixtureType[] | true;
  /** Types whose lookups get REFUSED (a server that answers only registered clients); `true` for every type. */
  REFUSED?: FixtureType[] | true;
  /** TTL of this name's records (default 300). */
  ttl?: number;
  /** Answers for this name carry the AD bit, as a validating resolver sets it for a signed zone (DNSSEC). */
  AD?: boolean;
}

export type FixtureZone = Record<string, FixtureRecords>;

export interface LoggedQuery {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
  at: number;
}

export interface FixtureDnsOptions {
  zone?: FixtureZone;
  /** Every answer waits this long (to measure round trips). */
  delayMs?: number;
  /** Never answer anything (a dead server). */
  silent?: boolean;
  /** Answer every query that carries an EDNS OPT record with a bare FORMERR, no question (an old server). */
  noEdns?: boolean;
}

const lower = (name: string) => name.toLowerCase().replace(/\.$/, '');

export class FixtureDnsServer {
  readonly queries: LoggedQuery[] = [];
  delayMs: number;
  silent: boolean;
  noEdns: boolean;
  private zone = new Map<string, FixtureRecords>();
  private udp?: dgram.Socket;
  private tcp?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(options: FixtureDnsOptions = {}) {
    this.delayMs = options.delayMs ?? 0;
    this.silent = options.silent ?? false;
    this.noEdns = options.noEdns ?? false;
    if (options.zone) this.setZone(options.zone);
  }

  /** "127.0.0.1:port", for --dns / MAILSCORE_DNS. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get server(): { host: string; port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  setZone(zone: FixtureZone): void {
    this.zone = new Map(Object.entries(zone).map(([name, records]) => [lower(name), records]));
  }

  addZone(zone: FixtureZone): void {
    for (const [name, records] of Object.entries(zone)) this.zone.set(lower(name), records);
  }

  async start(): Promise<this> {
    // One port for both transports: take a TCP port, then bind UDP to the same number (retry on clash).
    for (let attempt = 0; attempt < 20; attempt++) {
      const tcp = net.createServer((socket) => this.serveTcp(socket));
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(0, '127.0.0.1', () => resolve());
      });
      const port = (tcp.address() as net.AddressInfo).port;
      const udp = dgram.createSocket('udp4');
      const bound = await new Promise<boolean>((resolve) => {
        udp.once('error', () => resolve(false));
        udp.bind(port, '127.0.0.1', () => resolve(true));
      });
      if (!bound) {
        udp.close();
        await new Promise((resolve) => tcp.close(resolve));
        continue;
      }
      udp.on('message', (msg, rinfo) => this.serveUdp(msg, rinfo));
      this.udp = udp;
      this.tcp = tcp;
      this.port = port;
      return this;
    }
    throw new Error('could not bind the fixture DNS server');
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all([
      new Promise((resolve) => (this.udp ? this.udp.close(() => resolve(undefined)) : resolve(undefined))),
      new Promise((resolve) => (this.tcp ? this.tcp.close(() => resolve(undefined)) : resolve(undefined))),
    ]);
  }

  /** Queries received for one name (any case), for assertions. */
  queriesFor(name: string): LoggedQuery[] {
    return this.queries.filter((q) => lower(q.name) === lower(name));
  }

  private serveUdp(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const request = safeDecode(msg);
    if (!request) return;
    const reply = this.answer(request, 'udp');
    if (!reply) return;
    const opt = request.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number } | undefined;
    const limit = opt?.udpPayloadSize ? Math.max(512, opt.udpPayloadSize) : 512;
    let encoded = packet.encode(reply);
    if (encoded.length > limit) {
      encoded = packet.encode({
        ...reply,
        flags: (reply.flags ?? 0) | packet.TRUNCATED_RESPONSE,
        answers: [],
        authorities: [],
      });
    }
    this.send(() => this.udp?.send(encoded, rinfo.port, rinfo.address));
  }

  private serveTcp(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2) {
        const length = buffer.readUInt16BE(0);
        if (buffer.length < length + 2) return;
        const request = safeDecode(buffer.subarray(2, length + 2));
        buffer = buffer.subarray(length + 2);
        if (!request) continue;
        const reply = this.answer(request, 'tcp');
        if (!reply) continue;
        const encoded = packet.encode(reply);
        const framed = Buffer.concat([Buffer.from([encoded.length >> 8, encoded.length & 0xff]), encoded]);
        this.send(() => socket.writable && socket.write(framed));
      }
    });
  }

  private send(fn: () => unknown): void {
    if (this.delayMs > 0) setTimeout(fn, this.delayMs);
    else fn();
  }

  /** The reply packet, or null to stay silent (timeouts). */
  private answer(request: DecodedPacket, transport: 'udp' | 'tcp'): packet.Packet | null {
    const question = request.questions?.[0];
    if (!question) return null;
    this.queries.push({ name: question.name, type: question.type, transport, at: Date.now() });
    if (this.silent) return null;
    if (this.noEdns && request.additionals?.some((rr) => rr.type === 'OPT')) {
      return { type: 'response', id: request.id, flags: packet.RECURSION_AVAILABLE | 1 };
    }
    const base = {
      type: 'response' as const,
      id: request.id,
      flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE,
      questions: [question],
    };
    const resolved = this.resolve(question);
    if (resolved === 'timeout') return null;
    // A validating resolver vouches for an answer only when every name on its CNAME chain is signed.
    const authentic =
      Array.isArray(resolved) &&
      resolved.length > 0 &&
      resolved.every((rr) => this.zone.get(lower(rr.name))?.AD);
    if (authentic) base.flags |= packet.AUTHENTIC_DATA;
    if (resolved === 'servfail') return { ...base, flags: base.flags | 2 };
    if (resolved === 'refused') return { ...base, flags: base.flags | 5 };
    if (resolved === 'nxdomain') return { ...base, flags: base.flags | 3, authorities: [soa(question.name)] };
    return { ...base, answers: resolved, authorities: resolved.length ? [] : [soa(question.name)] };
  }

  private resolve(question: Question): Answer[] | 'timeout' | 'servfail' | 'refused' | 'nxdomain' {
    const type = question.type as FixtureType;
    const answers: Answer[] = [];
    let name = question.name;
    for (let hop = 0; hop < 10; hop++) {
      const records = this.zone.get(lower(name));
      if (!records) return hop === 0 ? 'nxdomain' : answers;
      if (records.TIMEOUT === true || records.TIMEOUT?.includes(type)) return 'timeout';
      if (records.SERVFAIL === true || records.SERVFAIL?.includes(type)) return 'servfail';
      if (records.REFUSED === true || records.REFUSED?.includes(type)) return 'refused';
      const ttl = records.ttl ?? 300;
      const own = toAnswers(name, type, records, ttl);
      if (own.length || type === 'CNAME' || !records.CNAME) return [...answers, ...own];
      answers.push({ type: 'CNAME', name, ttl, data: records.CNAME });
      name = records.CNAME;
    }
    return answers;
  }
}

function toAnswers(name: string, type: FixtureType, records: FixtureRecords, ttl: number): Answer[] {
  switch (type) {
    case 'A':
    case 'AAAA':
    case 'PTR':
    case 'NS':
      return (records[type] ?? []).map((data) => ({ type, name, ttl, data }) as Answer);
    case 'CNAME':
      return records.CNAME ? [{ type, name, ttl, data: records.CNAME }] : [];
    case 'TXT':
      return (records.TXT ?? []).map((value) => ({
        type,
        name,
        ttl,
        data: (Array.isArray(value) ? value : splitTxt(value)).map((s) => Buffer.from(s, 'utf8')),
      }));
    case 'MX':
      return (records.MX ?? []).map(([preference, exchange]) => ({
        type,
        name,
        ttl,
        data: { preference, exchange },
      }));
    default:
      return [];
  }
}

/** A long TXT value becomes several character-strings of at most 255 bytes, as a zone file would hold it. */
function splitTxt(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length <= 255) return [value];
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 255) parts.push(bytes.subarray(i, i + 255).toString('utf8'));
  return parts;
}

function soa(name: string): Answer {
  return {
    type: 'SOA',
    name,
    ttl: 60,
    data: {
      mname: 'ns.fixture.test',
      rname: 'hostmaster.fixture.test',
      serial: 1,
      refresh: 3600,
      retry: 600,
      expire: 86400,
      minimum: 60,
    },
  };
}

function safeDecode(buf: Buffer): DecodedPacket | null {
  try {
    return packet.decode(buf);
  } catch {
    return null;
  }
}

/** Starts a fixture server with a zone; stop it in afterAll. */
export async function startFixtureDns(options: FixtureDnsOptions = {}): Promise<FixtureDnsServer> {
  return new FixtureDnsServer(options).start();
}
