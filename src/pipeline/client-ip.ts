/**
 * The sending IP of a message whose caller did not give it (the CLI without --ip, POST /api/analyze without
 * ?ip=), read from its Received fields across a trust boundary.
 *
 * The rule. Every server that passes a message on adds a Received field on top, saying whom it received the
 * message from. The uploader's own systems (their MX, filters, mailbox store) added the top fields; the
 * server we want — the first one outside those systems — is the `from` of the lowest field they wrote.
 * Everything below that field was written before the message reached the uploader, so the sender could have
 * put anything there: it is never read. Walking down from the top field:
 *   - a field naming no sending address (Gmail's "by 2002:… with SMTP id …", qmail's "invoked from network",
 *     a local pickup) is a hand-off inside the receiving side: skipped;
 *   - a sending address that is private, loopback, link-local, CGNAT or reserved is an internal relay: skipped;
 *   - a sender the user named as their own (--trusted-relay, ?trustedRelay=: relays on public addresses,
 *     Microsoft 365's servers handing mail to each other) is skipped;
 *   - the first other field is the one: its `from` address is the client IP and, when the caller did not
 *     give them, its HELO name and what it recorded about TLS complete the envelope.
 * No such field (no Received field at all, or only skipped ones): NoClientIpError, and the caller is asked
 * for the IP. The report says which field was used (envelope.clientIpSource, finding envelope.from-received).
 */
import { nonPublicBlock, parseIp, type ParsedIp } from '../checks/iprev.js';
import type { CheckContext, CheckOutput, Finding } from '../checks/types.js';
import { LIMITS } from '../limits.js';
import { receivedChain, type ReceivedChain, type ReceivedHop } from '../message/received.js';
import type { ParsedMessage } from '../message/types.js';
import type { ClientIpSource, Envelope, TlsInfo } from '../report/types.js';

// ---------------------------------------------------------------------------------------------
// Trusted relays

/** One --trusted-relay entry: an address or CIDR block, or a host name (".example.com": every name under it). */
export type TrustedRelay =
  | { kind: 'network'; network: ParsedIp; prefix: number }
  | { kind: 'host'; name: string; subdomains: boolean };

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

function parseRelay(entry: string): TrustedRelay | null {
  const slash = entry.indexOf('/');
  const address = parseIp(slash < 0 ? entry : entry.slice(0, slash));
  if (address) {
    const max = address.family === 4 ? 32 : 128;
    if (slash < 0) return { kind: 'network', network: address, prefix: max };
    const prefixText = entry.slice(slash + 1);
    const prefix = Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText) || prefix > max) return null;
    return { kind: 'network', network: address, prefix };
  }
  const subdomains = entry.startsWith('.');
  const name = entry
    .slice(subdomains ? 1 : 0)
    .replace(/\.$/, '')
    .toLowerCase();
  if (name.length === 0 || name.length > 253 || !name.split('.').every((l) => LABEL.test(l))) return null;
  return { kind: 'host', name, subdomains };
}

/**
 * --trusted-relay values (each may be a comma list) as relays; `error` names the first entry that is neither
 * an address, a CIDR block nor a host name, or says there are too many.
 */
export function parseTrustedRelays(
  values: readonly string[],
): { relays: TrustedRelay[] } | { error: string } {
  const entries = values
    .flatMap((v) => v.split(','))
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length > LIMITS.maxTrustedRelays)
    return { error: `at most ${LIMITS.maxTrustedRelays} trusted relays` };
  const relays: TrustedRelay[] = [];
  for (const entry of entries) {
    const relay = parseRelay(entry);
    if (!relay) {
      const shown = JSON.stringify(entry.length > 80 ? `${entry.slice(0, 80)}…` : entry);
      return { error: `not an IP address, CIDR block or host name: ${shown}` };
    }
    relays.push(relay);
  }
  return { relays };
}

const inNetwork = (ip: ParsedIp, network: ParsedIp, prefix: number): boolean => {
  if (ip.family !== network.family) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((ip.bytes[bit >> 3]! & mask) !== (network.bytes[bit >> 3]! & mask)) return false;
  }
  return true;
};

/**
 * A host name matches the name the receiving server recorded for the sender: its reverse DNS name when the
 * field has one, else the word after `from` (Microsoft records only the client's EHLO name). Both can be
 * chosen by a sender (its PTR, its HELO), so an address or a block is the safer way to name a relay.
 */
function isTrusted(hop: ReceivedHop, ip: ParsedIp, relays: readonly TrustedRelay[]): boolean {
  const name = (hop.from?.rdns ?? hop.from?.name ?? '').toLowerCase().replace(/\.$/, '');
  return relays.some((relay) =>
    relay.kind === 'network'
      ? inNetwork(ip, relay.network, relay.prefix)
      : relay.subdomains
        ? name.endsWith(`.${relay.name}`)
        : name === relay.name,
  );
}

// ---------------------------------------------------------------------------------------------
// The hop

/** Global unicast (RFC 4291 2.4): an IPv6 sender outside 2000::/3 is reserved, never a mail server. */
const GLOBAL_UNICAST: ParsedIp = parseIp('2000::')!;

/** Private, loopback, link-local, CGNAT, multicast or reserved (the documentation ranges count as public). */
export const isInternalAddress = (ip: ParsedIp): boolean =>
  nonPublicBlock(ip) !== null || (ip.family === 6 && !inNetwork(ip, GLOBAL_UNICAST, 3));

/** Why the fields above the chosen one were skipped, counted. */
export interface SkippedHops {
  noAddress: number;
  internal: number;
  trusted: number;
}

export class NoClientIpError extends Error {
  readonly code = 'no_client_ip';
  constructor(
    /** Received fields in the message, and how many of those read were skipped for each reason. */
    readonly received: number,
    readonly skipped: SkippedHops,
  ) {
    super(describeNoClientIp(received, skipped));
  }
}

function describeNoClientIp(received: number, skipped: SkippedHops): string {
  if (received === 0) return 'the message has no Received header to take the sending IP from';
  const parts = [
    skipped.noAddress && `${skipped.noAddress} without an address`,
    skipped.internal && `${skipped.internal} from a private or reserved address`,
    skipped.trusted && `${skipped.trusted} from a trusted relay`,
  ].filter(Boolean);
  return `no Received header names a public sending IP outside your own systems (${parts.join(', ')})`;
}

export interface ChosenHop {
  hop: ReceivedHop;
  /** Its sending address, canonical (RFC 5952 for IPv6; IPv4-mapped IPv6 as IPv4). */
  ip: string;
  skipped: SkippedHops;
}

/** The first field from the top that passes the trust boundary (see the file comment); throws NoClientIpError. */
export function chooseClientHop(chain: ReceivedChain, relays: readonly TrustedRelay[] = []): ChosenHop {
  const skipped: SkippedHops = { noAddress: 0, internal: 0, trusted: 0 };
  for (const hop of chain.hops) {
    const ip = hop.from?.ip ? parseIp(hop.from.ip) : null;
    if (!ip) skipped.noAddress++;
    else if (isInternalAddress(ip)) skipped.internal++;
    else if (isTrusted(hop, ip, relays)) skipped.trusted++;
    else return { hop, ip: ip.text, skipped };
  }
  throw new NoClientIpError(chain.total, skipped);
}

// ---------------------------------------------------------------------------------------------
// The envelope's sending side

export interface SendingInput {
  /** Absent (or blank): read it from the Received fields. */
  clientIp?: string | null;
  /** Where a given clientIp came from (default: the caller gave it). */
  clientIpKind?: 'smtp' | 'given';
  helo?: string | null;
  /** undefined: not given (taken from the Received field when the IP is); null: no TLS. */
  tls?: TlsInfo | null;
  trustedRelays?: readonly TrustedRelay[];
}

export type Sending = Pick<Envelope, 'clientIp' | 'helo' | 'tls'> & { clientIpSource: ClientIpSource };

/** C0 controls and DEL (the field text is quoted in reports, pages and terminals). */
const CONTROL = /[\x00-\x1f\x7f]/g;
const shown = (text: string) => {
  const clean = text.replace(CONTROL, '\ufffd');
  return clean.length > LIMITS.receivedShownChars ? `${clean.slice(0, LIMITS.receivedShownChars)}…` : clean;
};

/** What a hop recorded about TLS, as the envelope holds it; undefined when it does not say. */
function hopTls(hop: ReceivedHop): TlsInfo | null | undefined {
  const { encrypted, protocol, cipher } = hop.tls;
  if (encrypted === null) return undefined;
  // ESMTPS without a version note: encrypted, version unknown ("TLS" is not an outdated version).
  return encrypted ? { protocol: protocol ?? 'TLS', cipher } : null;
}

/** Client IP, HELO and TLS: as given, or from the chosen Received field. Throws NoClientIpError. */
export function resolveSending(input: SendingInput, message: Pick<ParsedMessage, 'headers'>): Sending {
  const givenIp = input.clientIp?.trim();
  const givenHelo = input.helo?.trim() || null;
  if (givenIp) {
    return {
      clientIp: givenIp,
      helo: givenHelo,
      tls: input.tls ?? null,
      clientIpSource: { kind: input.clientIpKind ?? 'given' },
    };
  }
  const { hop, ip, skipped } = chooseClientHop(receivedChain(message), input.trustedRelays);
  const taken: Array<'helo' | 'tls'> = [];
  let helo = givenHelo;
  if (!helo && hop.from?.helo) {
    helo = hop.from.helo;
    taken.push('helo');
  }
  let tls = input.tls;
  if (tls === undefined) {
    tls = hopTls(hop);
    if (tls !== undefined) taken.push('tls');
  }
  return {
    clientIp: ip,
    helo,
    tls: tls ?? null,
    clientIpSource: {
      kind: 'received',
      header: hop.index,
      text: shown(hop.text),
      taken,
      skipped: skipped.noAddress + skipped.internal + skipped.trusted,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The finding

const TAKEN_CODES = { '': 'none', helo: 'helo', tls: 'tls', 'helo,tls': 'helo-tls' } as const;

/** envelope.from-received when the IP was read from a Received field; nothing otherwise. */
export function checkEnvelope(ctx: Pick<CheckContext, 'envelope'>): CheckOutput<null> {
  const source = ctx.envelope.clientIpSource;
  if (source?.kind !== 'received') return { result: null, findings: [] };
  const taken = (source.taken ?? []).join(',') as keyof typeof TAKEN_CODES;
  const finding: Finding = {
    id: 'envelope.from-received',
    params: {
      ip: ctx.envelope.clientIp,
      header: source.header ?? null,
      field: source.text ?? null,
      taken: TAKEN_CODES[taken] ?? 'none',
      skipped: source.skipped ?? 0,
    },
  };
  return { result: null, findings: [finding] };
}
