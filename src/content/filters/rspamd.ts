/**
 * rspamd through its HTTP scan endpoint: POST /checkv2 with the message as the body and the envelope as
 * headers (IP, Helo, From, Rcpt, TLS); the JSON answer's symbols give each rule's score and description.
 *
 * `Hostname: unknown` is always sent: the client's reverse DNS is judged by mailscore's own iprev check
 * (with the real lookups); without the header rspamd would look the PTR up itself and score it again.
 * The answer is hostile until checked: read up to a size bound, within a connect and a total timeout.
 */
import http from 'node:http';
import https from 'node:https';
import { LIMITS } from '../../limits.js';
import type { Envelope, SpamFilterResult } from '../../report/types.js';
import { FilterError } from './errors.js';
import { boundExchange } from './exchange.js';
import { messageForFilter, type ExternalFilter } from './external.js';

/** The base URL of rspamd's scanner (http or https). Throws a one-line Error when it is not one. */
export function parseRspamdUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`not a URL: ${JSON.stringify(text.slice(0, 80))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`not an http(s) URL: ${JSON.stringify(text.slice(0, 80))}`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

export interface RspamdFilterOptions {
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxMessageBytes?: number;
  maxResponseBytes?: number;
}

/** A header value from the envelope: printable ASCII only (the envelope came from an SMTP client), bounded. */
const headerValue = (value: string) => value.replace(/[^\x20-\x7e]/g, '?').slice(0, 512);

/** The envelope as rspamd's protocol headers (one Rcpt line per recipient). */
export function rspamdHeaders(envelope: Envelope): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {
    IP: headerValue(envelope.clientIp),
    Hostname: 'unknown',
  };
  if (envelope.helo) headers.Helo = headerValue(envelope.helo);
  if (envelope.mailFrom !== null)
    headers.From = envelope.mailFrom === '' ? '<>' : headerValue(envelope.mailFrom);
  if (envelope.rcptTo.length) headers.Rcpt = envelope.rcptTo.slice(0, 100).map(headerValue);
  if (envelope.tls) {
    headers['TLS-Version'] = headerValue(envelope.tls.protocol);
    if (envelope.tls.cipher) headers['TLS-Cipher'] = headerValue(envelope.tls.cipher);
  }
  return headers;
}

interface ExchangeOptions {
  method: 'GET' | 'POST';
  headers?: http.OutgoingHttpHeaders;
  body?: Buffer;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxResponseBytes: number;
  signal: AbortSignal | undefined;
}

/** One HTTP exchange with every bound; resolves with the status and the whole (bounded) body. */
function exchange(url: URL, options: ExchangeOptions): Promise<{ status: number; body: Buffer }> {
  const where = url.origin;
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: options.method,
      headers: {
        ...options.headers,
        ...(options.body ? { 'Content-Length': options.body.length } : {}),
      },
      // A fresh connection each time: a kept-alive socket closed by rspamd would fail the next request.
      agent: false,
    });
    const exchange = boundExchange<{ status: number; body: Buffer }>(
      `rspamd ${where}`,
      options,
      () => request.destroy(),
      resolve,
      reject,
    );
    request.once('socket', (socket) => {
      if (!socket.connecting) exchange.connected();
      else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => exchange.connected());
    });
    // on, not once: a second error after the first must not go unhandled (finish ignores it).
    request.on('error', (err: NodeJS.ErrnoException) => exchange.failConnection(err));
    request.once('response', (response) => {
      const closed = () => exchange.fail('closed', 'the connection closed before the answer ended');
      response.on('data', (chunk: Buffer) => exchange.collect(chunk));
      response.once('end', () =>
        exchange.finish({ status: response.statusCode ?? 0, body: exchange.body() }),
      );
      response.once('aborted', closed);
      response.on('error', closed);
    });
    request.end(options.body);
  });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The /checkv2 JSON as our result; a FilterError('protocol') when it is not what rspamd sends. */
export function parseCheckV2(text: string, where = 'rspamd'): SpamFilterResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FilterError('protocol', `${where}: the answer is not JSON`);
  }
  if (!isObject(data)) throw new FilterError('protocol', `${where}: the answer is not a JSON object`);
  const { score, required_score: threshold, symbols, action } = data;
  if (typeof score !== 'number' || typeof threshold !== 'number' || !isObject(symbols)) {
    throw new FilterError('protocol', `${where}: the answer has no score, required_score and symbols`);
  }
  const rules = Object.entries(symbols).flatMap(([key, symbol]) => {
    if (!isObject(symbol) || typeof symbol.score !== 'number') return [];
    return [
      {
        name: typeof symbol.name === 'string' ? symbol.name : key,
        score: symbol.score,
        description: typeof symbol.description === 'string' ? symbol.description : '',
      },
    ];
  });
  return {
    engine: 'rspamd',
    score,
    threshold,
    rules,
    ...(typeof action === 'string' ? { action: action.slice(0, 40) } : {}),
  };
}

export function createRspamdFilter(baseUrl: URL, options: RspamdFilterOptions = {}): ExternalFilter {
  const timeoutMs = options.timeoutMs ?? LIMITS.spamFilterTimeoutMs;
  const bounds = (signal: AbortSignal | undefined, totalMs: number) => ({
    connectTimeoutMs: Math.min(options.connectTimeoutMs ?? LIMITS.spamFilterConnectTimeoutMs, totalMs),
    totalTimeoutMs: totalMs,
    maxResponseBytes: options.maxResponseBytes ?? LIMITS.spamFilterMaxResponseBytes,
    signal,
  });
  const location = baseUrl.href;
  return {
    name: 'rspamd',
    location,
    async check(input, signal) {
      const body = messageForFilter(
        input.message.raw,
        options.maxMessageBytes ?? LIMITS.spamFilterMaxMessageBytes,
      );
      const url = new URL('checkv2', baseUrl);
      const response = await exchange(url, {
        method: 'POST',
        headers: rspamdHeaders(input.envelope),
        body,
        ...bounds(signal, timeoutMs),
      });
      if (response.status !== 200) {
        throw new FilterError('refused', `rspamd ${url.origin}: answered HTTP ${response.status}`);
      }
      return parseCheckV2(response.body.toString('utf8'), `rspamd ${url.origin}`);
    },
    async ping(signal) {
      const url = new URL('ping', baseUrl);
      const response = await exchange(url, {
        method: 'GET',
        ...bounds(signal, LIMITS.spamFilterProbeTimeoutMs),
      });
      if (response.status !== 200 || !response.body.toString('utf8').includes('pong')) {
        throw new FilterError('protocol', `rspamd ${url.origin}: /ping answered HTTP ${response.status}`);
      }
    },
  };
}
