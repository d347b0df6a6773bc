/**
 * The client IP of an HTTP request: the socket's peer address, or — only when the operator named a header
 * with --trust-proxy — the address a trusted reverse proxy put in that header.
 *
 * Which hop: a proxy appends the address it saw to X-Forwarded-For (and adds an element to Forwarded),
 * so the LAST entry is the one our proxy wrote; everything left of it came from the client and can be
 * forged. We therefore take the last entry (one trusted proxy in front of us, the usual deployment). An
 * entry that is not an IP address means the header did not come from the proxy as configured: it is
 * ignored and the socket address is used, never an earlier (client-written) entry.
 * Headers with a single value (X-Real-IP, CF-Connecting-IP, ...) work the same way.
 */
import { isIP } from 'node:net';

/** Bound on the header text examined (a hostile client can send a long X-Forwarded-For). */
const MAX_HEADER_CHARS = 4096;

/** Used when the socket has no peer address any more (it closed while the request was read). */
export const UNKNOWN_IP = '0.0.0.0';

/** An IP as we compare and store it: IPv4-mapped IPv6 (::ffff:1.2.3.4) as plain IPv4, no zone, lower case. */
export function normalizeIp(value: string): string | null {
  const ip = value.trim().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIP(mapped[1]!) === 4) return mapped[1]!;
  if (isIP(ip) === 4) return ip;
  if (isIP(ip) === 6) return ip.toLowerCase();
  return null;
}

/**
 * One entry of a forwarding header as an IP: `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443`, `2001:db8::1`,
 * or a Forwarded element's `for=` parameter (RFC 7239: `for="[2001:db8::1]:80";proto=https`).
 */
export function entryToIp(entry: string): string | null {
  let value = entry.trim();
  if (value.includes('=')) {
    const forParam = value
      .split(';')
      .map((p) => p.trim())
      .find((p) => p.toLowerCase().startsWith('for='));
    if (!forParam) return null;
    value = forParam
      .slice(4)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return normalizeIp(bracketed[1]!);
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(value);
  if (v4WithPort) return normalizeIp(v4WithPort[1]!);
  return normalizeIp(value);
}

/** The last entry of a forwarding header (see the file comment for why the last), or null. */
export function lastHopOf(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  // Repeated header lines are one list, in order (RFC 9110 5.3).
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.length > MAX_HEADER_CHARS) return null;
  const entries = text.split(',');
  return entryToIp(entries[entries.length - 1] ?? '');
}

export function clientIpOf(
  socketAddress: string | undefined,
  headers: Record<string, string | string[] | undefined>,
  trustProxyHeader: string | null,
): string {
  if (trustProxyHeader) {
    const forwarded = lastHopOf(headers[trustProxyHeader.toLowerCase()]);
    if (forwarded) return forwarded;
  }
  return (socketAddress && normalizeIp(socketAddress)) || UNKNOWN_IP;
}
