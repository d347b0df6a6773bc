/**
 * The audit's HTTPS fetches (the MTA-STS policy, the BIMI logo). The URL comes from the audited domain's
 * DNS, so it is hostile: the host is resolved through the audit's DNS session, every address it has is
 * checked and a host with any private, loopback or reserved address is refused, and the request goes to a
 * checked address (src/checks/links/fetch.ts pins it; Host and SNI carry the name, the certificate is
 * verified against the name with Node's CA store). No redirect is followed (RFC 8461 3.3 forbids it for
 * MTA-STS; BIMI receivers do not follow them either), only port 443, the body and the time are bounded.
 */
import { rootCertificates } from 'node:tls';
import { specialBlock } from '../checks/links/address.js';
import { requestPinned, type RequestOutcome } from '../checks/links/fetch.js';
import { resolveHost } from '../checks/links/reachability.js';
import type { ParsedIp } from '../checks/iprev.js';
import { LIMITS } from '../limits.js';
import type { AuditFetchOptions } from './types.js';
import type { DnsSession } from '../dns/session.js';

/** Why a fetch gave no body, coded (the catalogs have words for each); `detail` says more, never null but for 'disabled'. */
export type FetchFailure =
  | 'disabled' // fetching is off for this audit
  | 'bad-url' // not https, a port other than 443, credentials, or too long
  | 'dns' // the host has no address (detail: the DNS error code)
  | 'private-address' // the host has a non-public address (detail: the address): never fetched
  | 'certificate' // the TLS certificate is not valid for the host (detail: Node's code)
  | 'timeout'
  | 'connection' // refused, reset, TLS handshake failure (detail: the code)
  | 'redirect' // a 3xx answer (detail: its Location)
  | 'http-status' // any other non-200 answer (detail: the status)
  | 'too-large'; // more bytes than the caller allows

export type FetchResult =
  | { ok: true; body: Buffer; contentType: string | null }
  | { ok: false; error: FetchFailure; detail: string | null };

export interface FetchRequest {
  maxBytes: number;
  options: AuditFetchOptions | undefined;
}

/** Says who we are, so a site owner seeing the request in a log knows what it was. */
const USER_AGENT = 'mailscore-audit/1 (domain audit: MTA-STS policy and BIMI logo checks)';

/**
 * Node's codes for a certificate that does not verify: OpenSSL's X509_V_ERR_* names (expired, self-signed,
 * unknown issuer, ...) and Node's own name check (ERR_TLS_CERT_ALTNAME_INVALID).
 */
const CERTIFICATE_ERROR =
  /CERT|SELF_SIGNED|UNABLE_TO_(?:GET|VERIFY|DECRYPT)|INVALID_CA|HOSTNAME_MISMATCH|INVALID_PURPOSE/;

/** Connection errors after which the host's other address family is tried. */
const TRY_NEXT_ADDRESS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Characters of a failure's detail shown (a hostile Location header can be long). */
const DETAIL_CHARS = 200;

const LOOPBACK_BLOCKS = new Set(['127.0.0.0/8', '::1/128']);

const failure = (error: FetchFailure, detail: string | number | null = null): FetchResult => ({
  ok: false,
  error,
  detail: detail === null ? null : String(detail).slice(0, DETAIL_CHARS),
});

/** An https URL we may fetch: no credentials, the default port, bounded; null otherwise. */
export function fetchableUrl(text: string): URL | null {
  if (text.length > LIMITS.auditUrlChars) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return null;
  return url.hostname ? url : null;
}

/** Node's CA store, plus the test CA when one is given (Node's `ca` option replaces the store otherwise). */
const trustedCas = (options: AuditFetchOptions | undefined): Array<string | Buffer> | undefined => {
  const extra = options?.ca;
  if (extra === undefined) return undefined;
  return [...rootCertificates, ...(Array.isArray(extra) ? extra : [extra])];
};

/** The first address that may not be fetched, or null; loopback is allowed only when a test asks for it. */
function refusedAddress(
  addresses: readonly ParsedIp[],
  options: AuditFetchOptions | undefined,
): string | null {
  for (const ip of addresses) {
    const block = specialBlock(ip);
    if (block && !(options?.allowLoopback === true && LOOPBACK_BLOCKS.has(block.block))) return ip.text;
  }
  return null;
}

/** The first IPv4 address, then the first IPv6 one: at most two connection attempts. */
const connectOrder = (addresses: readonly ParsedIp[]): ParsedIp[] =>
  [addresses.find((ip) => ip.family === 4), addresses.find((ip) => ip.family === 6)].filter(
    (ip): ip is ParsedIp => ip !== undefined,
  );

function outcomeToResult(outcome: RequestOutcome, maxBytes: number): FetchResult {
  if ('error' in outcome) {
    if (outcome.error === 'ETIMEOUT') return failure('timeout', `${LIMITS.auditFetchTimeoutMs / 1000} s`);
    if (outcome.error === 'EABORTED') return failure('timeout', 'audit deadline');
    if (outcome.error === 'ETOOLARGE') return failure('too-large', `${maxBytes} bytes`);
    if (CERTIFICATE_ERROR.test(outcome.error)) return failure('certificate', outcome.error);
    return failure('connection', outcome.error);
  }
  if (outcome.status >= 300 && outcome.status < 400)
    return failure('redirect', outcome.location ?? outcome.status);
  if (outcome.status !== 200 || !outcome.body) return failure('http-status', outcome.status);
  return { ok: true, body: outcome.body, contentType: outcome.contentType ?? null };
}

/** GETs `url` (already checked with fetchableUrl); never throws. */
export async function fetchHttps(dns: DnsSession, url: URL, request: FetchRequest): Promise<FetchResult> {
  const { options } = request;
  if (options?.enabled === false) return failure('disabled');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  try {
    const resolution = await resolveHost(dns, host);
    if ('error' in resolution) return failure('dns', resolution.error);
    const refused = refusedAddress(resolution.addresses, options);
    if (refused) return failure('private-address', refused);
    // Tests serve on a random port; production always asks 443.
    const target = new URL(url.href);
    if (options?.port) target.port = String(options.port);
    const ca = trustedCas(options);
    let outcome: RequestOutcome = { error: 'ENOADDRESS' };
    for (const address of connectOrder(resolution.addresses)) {
      outcome = await requestPinned(target, address, 'GET', {
        timeoutMs: LIMITS.auditFetchTimeoutMs,
        // The audit's deadline ends a fetch still running, as it ends pending lookups.
        signal: dns.deadlineSignal,
        maxBodyBytes: request.maxBytes,
        userAgent: USER_AGENT,
        ...(ca ? { ca } : {}),
      });
      if (!('error' in outcome) || !TRY_NEXT_ADDRESS.has(outcome.error)) break;
    }
    return outcomeToResult(outcome, request.maxBytes);
  } catch {
    return failure('connection', 'EUNEXPECTED');
  }
}

/** The media type of a Content-Type value, lower-case, without parameters. */
export const mediaType = (contentType: string | null): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase();
