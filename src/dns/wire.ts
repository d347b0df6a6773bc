/**
 * One DNS question to one server over the wire: UDP with EDNS0, TCP when the answer is truncated.
 * The only code that opens DNS sockets. It knows nothing of caches or deadlines.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { randomInt } from 'node:crypto';
import * as packet from 'dns-packet';
import type { DecodedPacket } from 'dns-packet';
import { LIMITS } from '../limits.js';
import { DnsError, type RecordType, type ServerAddress } from './types.js';

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR' | string;

export interface WireResponse {
  rcode: Rcode;
  authenticated: boolean;
  packet: DecodedPacket;
}

export interface WireQuery {
  name: string;
  type: RecordType;
  server: ServerAddress;
  timeoutMs: number;
  /** Send an EDNS0 OPT record (dropped on a FORMERR from an old server). */
  edns?: boolean;
}

const MAX_TCP_MESSAGE = 65_535;

/**
 * Rejects names no DNS server can be asked about (RFC 1035 2.3.4: labels ≤ 63 octets, names ≤ 255).
 * Other bytes (':', '/', spaces) are legal in DNS labels and are sent as they are, unlike Node's resolver.
 */
function checkQueryName(name: string, type: RecordType): string {
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (!trimmed) throw new DnsError('EBADNAME', name, type, 'empty name');
  const labels = trimmed.split('.');
  let octets = 1;
  for (const label of labels) {
    const length = Buffer.byteLength(label);
    if (length === 0 || length > 63) throw new DnsError('EBADNAME', name, type, 'bad label length');
    octets += length + 1;
  }
  if (octets > 255) throw new DnsError('EBADNAME', name, type, 'name too long');
  return trimmed;
}

function encodeQuery(id: number, name: string, type: RecordType, edns: boolean): Buffer {
  return packet.encode({
    type: 'query',
    id,
    flags: packet.RECURSION_DESIRED | packet.AUTHENTIC_DATA,
    questions: [{ type, name, class: 'IN' }],
    additionals: edns
      ? [
          {
            type: 'OPT',
            name: '.',
            udpPayloadSize: LIMITS.dnsUdpPayloadSize,
            extendedRcode: 0,
            ednsVersion: 0,
            flags: 0,
            flag_do: false,
            options: [],
          } as packet.Answer,
        ]
      : [],
  });
}

/**
 * A response belongs to our query only if the id and the question match (defends against spoofed or
 * stale answers). One exception: a FORMERR with our id and no question section, as some servers without
 * EDNS answer the OPT record (RFC 6891 7); all it can do is make us ask again without EDNS.
 */
function matches(response: DecodedPacket, id: number, name: string, type: RecordType): boolean {
  if (response.type !== 'response' || response.id !== id) return false;
  const question = response.questions?.[0];
  if (question === undefined) return rcodeOf(response) === 'FORMERR';
  return question.type === type && question.name.toLowerCase() === name.toLowerCase();
}

const rcodeOf = (decoded: DecodedPacket): Rcode =>
  (decoded as DecodedPacket & { rcode?: string }).rcode ?? 'NOERROR';

function decode(buf: Buffer): DecodedPacket | null {
  try {
    return packet.decode(buf);
  } catch {
    return null;
  }
}

function toResponse(decoded: DecodedPacket): WireResponse {
  return { rcode: rcodeOf(decoded), authenticated: decoded.flag_ad, packet: decoded };
}

function udpQuery(query: WireQuery, id: number, edns: boolean): Promise<DecodedPacket> {
  const { name, type, server, timeoutMs } = query;
  const message = encodeQuery(id, name, type, edns);
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(server.host) ? 'udp6' : 'udp4');
    let done = false;
    const finish = (err: Error | null, value?: DecodedPacket) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve(value!);
    };
    const timer = setTimeout(() => finish(new DnsError('ETIMEOUT', name, type)), timeoutMs);
    socket.on('error', (err) => finish(new DnsError('ETIMEOUT', name, type, err.message)));
    socket.on('message', (buf) => {
      // Answers for another question are ignored (the connected socket hears only the server we asked).
      const decoded = decode(buf);
      if (!decoded || !matches(decoded, id, name, type)) return;
      finish(null, decoded);
    });
    // A connected socket hears ICMP "port unreachable" (ECONNREFUSED) at once instead of waiting out
    // the timeout, and the kernel drops datagrams from any other address.
    socket.connect(server.port, server.host, () => {
      socket.send(message, (err) => {
        if (err) finish(new DnsError('ETIMEOUT', name, type, err.message));
      });
    });
  });
}

function tcpQuery(query: WireQuery, id: number, edns: boolean): Promise<DecodedPacket> {
  const { name, type, server, timeoutMs } = query;
  const message = encodeQuery(id, name, type, edns);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: server.host, port: server.port });
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (err: Error | null, value?: DecodedPacket) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value!);
    };
    const timer = setTimeout(() => finish(new DnsError('ETIMEOUT', name, type, 'tcp')), timeoutMs);
    socket.on('error', (err) => finish(new DnsError('ETIMEOUT', name, type, err.message)));
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(message.length);
      socket.write(Buffer.concat([length, message]));
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_TCP_MESSAGE + 2) return finish(new DnsError('EBADRESP', name, type, 'oversized'));
      chunks.push(chunk);
      const buf = Buffer.concat(chunks);
      if (buf.length < 2) return;
      const length = buf.readUInt16BE(0);
      if (buf.length < length + 2) return;
      const decoded = decode(buf.subarray(2, length + 2));
      if (!decoded || !matches(decoded, id, name, type)) {
        return finish(new DnsError('EBADRESP', name, type, 'tcp answer does not match'));
      }
      finish(null, decoded);
    });
    socket.on('end', () => finish(new DnsError('EBADRESP', name, type, 'tcp closed early')));
  });
}

/**
 * Asks one server one question. UDP first; TCP when the answer is truncated (RFC 7766).
 * A server that rejects EDNS with FORMERR is asked again without it (RFC 6891 7).
 */
export async function queryServer(query: WireQuery): Promise<WireResponse> {
  const name = checkQueryName(query.name, query.type);
  const q = { ...query, name };
  let edns = query.edns !== false;
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = randomInt(0, 65_536);
    let decoded = await udpQuery(q, id, edns);
    if (decoded.flag_tc) decoded = await tcpQuery(q, randomInt(0, 65_536), edns);
    const response = toResponse(decoded);
    if (response.rcode === 'FORMERR' && edns) {
      edns = false;
      continue;
    }
    return response;
  }
  throw new DnsError('EBADRESP', name, query.type, 'FORMERR');
}
