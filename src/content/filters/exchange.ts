/**
 * The bounds every exchange with an external filter keeps: a connect timeout, a total timeout, the
 * analysis's abort signal, a size cap, and one settlement whatever fires first. spamc (raw TCP) and
 * the rspamd client (HTTP) differ only in how bytes move, so they share this.
 */
import { FilterError, type FilterErrorCode } from './errors.js';

export interface ExchangeBounds {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal | undefined;
}

export interface BoundedExchange<T> {
  /** Settles with a result or an error; later calls do nothing. */
  finish(outcome: T | FilterError): void;
  fail(code: FilterErrorCode, text: string): void;
  /** The connection is up: the connect timeout stops, later errors mean "closed", not "unreachable". */
  connected(): void;
  /** A connection error, named by whether the connection had come up. */
  failConnection(err: NodeJS.ErrnoException): void;
  /** Collects a chunk of the answer; fails when the answer grows past the cap. */
  collect(chunk: Buffer): void;
  /** The answer so far. */
  body(): Buffer;
  readonly settled: boolean;
}

/**
 * Arms the timers and the abort listener. `label` starts every error message ("spamd 127.0.0.1:783");
 * `release` frees the socket or request when the exchange settles.
 */
export function boundExchange<T>(
  label: string,
  bounds: ExchangeBounds,
  release: () => void,
  resolve: (value: T) => void,
  reject: (err: FilterError) => void,
): BoundedExchange<T> {
  let settled = false;
  let isConnected = false;
  let received = 0;
  const chunks: Buffer[] = [];
  const finish = (outcome: T | FilterError) => {
    if (settled) return;
    settled = true;
    clearTimeout(connectTimer);
    clearTimeout(totalTimer);
    bounds.signal?.removeEventListener('abort', onAbort);
    release();
    if (outcome instanceof FilterError) reject(outcome);
    else resolve(outcome);
  };
  const fail = (code: FilterErrorCode, text: string) => finish(new FilterError(code, `${label}: ${text}`));
  const onAbort = () => fail('aborted', 'the analysis stopped waiting');
  // Already aborted: still settle through finish() so the socket is released.
  if (bounds.signal?.aborted) queueMicrotask(onAbort);
  bounds.signal?.addEventListener('abort', onAbort, { once: true });
  const connectTimer = setTimeout(
    () => fail('timeout', `no connection within ${bounds.connectTimeoutMs} ms`),
    bounds.connectTimeoutMs,
  );
  const totalTimer = setTimeout(
    () => fail('timeout', `no complete answer within ${bounds.totalTimeoutMs} ms`),
    bounds.totalTimeoutMs,
  );
  return {
    finish,
    fail,
    connected() {
      isConnected = true;
      clearTimeout(connectTimer);
    },
    failConnection(err) {
      const why = err.code ?? err.message;
      if (!isConnected) fail('unreachable', `cannot connect (${why})`);
      else fail('closed', `connection failed during the exchange (${why})`);
    },
    collect(chunk) {
      received += chunk.length;
      if (received > bounds.maxResponseBytes) {
        fail('too-large', `answer larger than ${bounds.maxResponseBytes} bytes`);
        return;
      }
      chunks.push(chunk);
    },
    body: () => Buffer.concat(chunks),
    get settled() {
      return settled;
    },
  };
}
