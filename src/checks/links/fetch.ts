/**
 * One HTTP request of the link checker, to an address that was resolved and checked beforehand: the
 * socket goes to that IP (no second resolution can swap it for a private one), while the Host header
 * and TLS SNI carry the name and the certificate is verified against the name. Only the status line and
 * headers are read (the socket is closed once they are in), unless the caller asks for a bounded body.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { LIMITS } from '../../limits.js';
import type { ParsedIp } from '../iprev.js';

export type HttpMethod = 'HEAD' | 'GET';

export type RequestOutcome =
  /** contentType and body only when maxBodyBytes asked for the body of a 2xx answer. */
  | { status: number; location: string | null; contentType?: string | null; body?: Buffer }
  /** A code: ETIMEOUT, ECONNREFUSED, CERT_HAS_EXPIRED, ...; EABORTED when the checker's deadline passed. */
  | { error: string };

export interface RequestOptions {
  timeoutMs: number;
  /** Aborts the request (the checker's overall deadline). */
  signal?: AbortSignal;
  /** PEM certificates to trust instead of the system's (tests only). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Read the body of a 2xx answer, up to this many bytes (more ends as ETOOLARGE); by default only headers are read. */
  maxBodyBytes?: number;
  /** The User-Agent to send instead of the link checker's. */
  userAgent?: string;
}

/** Says who we are, so a site owner seeing the request in a log knows what it was. */
const USER_AGENT = 'mailscore-linkcheck/1 (checks that the links of a test message answer; no body is read)';

const errorCode = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'EUNEXPECTED';
};

const firstHeader = (value: string | string[] | undefined): string | null =>
  (Array.isArray(value) ? value[0] : value) ?? null;

/** The body, or null once it passes maxBytes (Content-Length is not trusted, only counted bytes). */
function readBody(response: http.IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    response.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) {
        response.destroy();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
    // Closed before the end: the connection was cut (settles nothing if the body was already complete).
    response.on('close', () => reject(Object.assign(new Error('closed early'), { code: 'ECONNRESET' })));
  });
}

/** Sends one request for `url` to `address`; never throws. */
export function requestPinned(
  url: URL,
  address: ParsedIp,
  method: HttpMethod,
  options: RequestOptions,
): Promise<RequestOutcome> {
  const secure = url.protocol === 'https:';
  const name = url.hostname.replace(/^\[|\]$/g, '');
  const common: http.RequestOptions = {
    method,
    // An IP literal: Node connects to it without any lookup.
    host: address.text,
    family: address.family,
    port: Number(url.port) || (secure ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    headers: {
      host: url.host,
      'user-agent': options.userAgent ?? USER_AGENT,
      accept: '*/*',
      'accept-encoding': 'identity',
      connection: 'close',
    },
    agent: false,
    maxHeaderSize: LIMITS.linkCheckHeaderBytes,
  };
  return new Promise((resolve) => {
    let settled = false;
    let request: http.ClientRequest | undefined;
    const finish = (outcome: RequestOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      request?.destroy();
      resolve(outcome);
    };
    const onAbort = () => finish({ error: 'EABORTED' });
    const timer = setTimeout(() => finish({ error: 'ETIMEOUT' }), options.timeoutMs);
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      request = secure
        ? https.request({
            ...common,
            // SNI is the name (never an IP: RFC 6066); the certificate is checked against it.
            servername: isIP(name) ? '' : name,
            ...(options.ca ? { ca: options.ca } : {}),
          })
        : http.request(common);
    } catch (err) {
      return finish({ error: errorCode(err) });
    }
    request.on('response', (response) => {
      const head = { status: response.statusCode ?? 0, location: firstHeader(response.headers.location) };
      const maxBytes = options.maxBodyBytes;
      if (maxBytes === undefined || head.status < 200 || head.status > 299) {
        finish(head);
        response.destroy();
        return;
      }
      const contentType = firstHeader(response.headers['content-type']);
      readBody(response, maxBytes).then(
        (body) => finish(body ? { ...head, contentType, body } : { error: 'ETOOLARGE' }),
        (err: unknown) => finish({ error: errorCode(err) }),
      );
    });
    request.on('error', (err) => finish({ error: errorCode(err) }));
    request.end();
  });
}
