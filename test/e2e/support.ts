/**
 * End-to-end helpers: a real `mailscore serve` process (the built binary; `npm test` builds first), a sender
 * domain in the fixture DNS, delivery with nodemailer's own SMTP client, and the HTTP API over real sockets.
 *
 * Everything is async on purpose: the fixture DNS server runs in the test's process, so a blocking spawn or
 * wait would stall the very answers the service is waiting for.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { SELF_SIGNED_CERT_FILE, SELF_SIGNED_KEY_FILE } from '../../src/intake/tls.js';
import type { Report } from '../../src/report/types.js';
import type { FixtureDnsServer, FixtureZone } from '../support/dns-server.js';
import { buildMessage, dkimKeyName, dkimKeyRecord, generateDkimKey, signMessage } from '../support/sign.js';

export const BIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
export const DOMAIN = 'mailscore.test';

/** Bounds of the helpers: generous for a loaded CI machine, short enough that a hang fails the test. */
const START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 8_000;

// ---------------------------------------------------------------------------------------------------------
// The serve process

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface ServeProcess {
  smtpPort: number;
  httpPort: number;
  /** http://127.0.0.1:<httpPort> */
  base: string;
  dataDir: string;
  pid: number;
  /** Every JSON line written to stdout so far (pino's log). */
  logs: LogLine[];
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) when the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL if it has not ended within the grace period; resolves with how it ended. */
  stop(): Promise<number | string>;
  /** kill -9: no chance to finish anything. */
  kill9(): Promise<number | string>;
}

export interface ServeOptions {
  dns: FixtureDnsServer;
  /** Reuse a data dir (a restart); default: a fresh temporary one, removed by stopAll(). */
  dataDir?: string;
  /** Extra flags, e.g. ['--daily-tests', '0']. */
  args?: string[];
}

const running = new Set<ServeProcess>();
const tempDirs = new Set<string>();

/**
 * The self-signed certificate the first process of a test file made: later fresh data dirs start with it,
 * so each start does not spend CPU on a new RSA key (on a 2-core machine running test files side by side).
 * Making one is still exercised by the first start of every file.
 */
let seedCertificate: { cert: Buffer; key: Buffer } | null = null;

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailscore-e2e-'));
  tempDirs.add(dir);
  if (seedCertificate) {
    writeFileSync(join(dir, SELF_SIGNED_KEY_FILE), seedCertificate.key, { mode: 0o600 });
    writeFileSync(join(dir, SELF_SIGNED_CERT_FILE), seedCertificate.cert);
  }
  return dir;
}

function keepCertificate(dataDir: string): void {
  if (seedCertificate) return;
  try {
    seedCertificate = {
      cert: readFileSync(join(dataDir, SELF_SIGNED_CERT_FILE)),
      key: readFileSync(join(dataDir, SELF_SIGNED_KEY_FILE)),
    };
  } catch {
    // a configured certificate, or none written: the next start makes its own
  }
}

type Child = ChildProcessByStdio<null, Readable, Readable>;

function endedPromise(child: Child): Promise<number | string> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.exitCode ?? child.signalCode!);
      return;
    }
    // 'close', not 'exit': by then stdout is read to its end, so `logs` holds every line the process wrote.
    child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
}

/** Starts `mailscore serve` on random ports and resolves once it logged "mailscore is listening". */
export async function startServe(options: ServeOptions): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? tempDataDir();
  const args = [
    BIN,
    'serve',
    '--listen',
    '127.0.0.1',
    '--smtp-port',
    '0',
    '--http-port',
    '0',
    '--data',
    dataDir,
    '--dns',
    options.dns.address,
    '--domain',
    DOMAIN,
    '--log-level',
    'info',
    ...(options.args ?? []),
  ];
  // Only PATH from our environment: a MAILSCORE_* variable of whoever runs the tests must not change them.
  const child: Child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', MAILSCORE_SPAMD: 'off', MAILSCORE_RSPAMD: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = endedPromise(child);

  const listening = new Promise<LogLine>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`mailscore serve did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)),
      START_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      let entry: LogLine;
      try {
        entry = JSON.parse(line) as LogLine;
      } catch {
        return; // not a log line
      }
      logs.push(entry);
      if (entry.msg === 'mailscore is listening') {
        clearTimeout(timer);
        resolve(entry);
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`mailscore serve ended (${how}) before listening: ${stderr.trim()}`));
    });
  });

  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const serve: ServeProcess = {
    smtpPort: 0,
    httpPort: 0,
    base: '',
    dataDir,
    pid: child.pid!,
    logs,
    stderr: () => stderr,
    exited,
    async stop() {
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      try {
        return await kill('SIGTERM');
      } finally {
        clearTimeout(timer);
        running.delete(serve);
      }
    },
    async kill9() {
      try {
        return await kill('SIGKILL');
      } finally {
        running.delete(serve);
      }
    },
  };
  running.add(serve);
  try {
    const ready = await listening;
    serve.smtpPort = ready.smtpPort as number;
    serve.httpPort = ready.httpPort as number;
    serve.base = `http://127.0.0.1:${serve.httpPort}`;
    keepCertificate(dataDir);
    return serve;
  } catch (err) {
    await serve.kill9();
    throw err;
  }
}

/** For afterEach/afterAll: stops every process still running and removes the temporary data dirs. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((serve) => serve.stop()));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Runs the binary to its end (for --help and bad settings), with a bound. */
export function runBin(
  args: string[],
  timeoutMs = 15_000,
  env: Record<string, string> = {},
): Promise<{ code: number | string; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', MAILSCORE_SPAMD: 'off', MAILSCORE_RSPAMD: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code: code ?? signal ?? 'unknown', stdout, stderr, ms: Date.now() - started }),
    );
  });
}

// ---------------------------------------------------------------------------------------------------------
// The sender: a domain whose SPF, DKIM and DMARC are all in order for mail from 127.0.0.1 (reverse DNS is
// not asked for a loopback client: the analysis reports iprev.not-public without a lookup)

export const SENDER_DOMAIN = 'sender.test';
export const SENDER_HELO = 'mail.sender.test';
export const SENDER_SELECTOR = 'sel';
export const SENDER_MAIL_FROM = `bounce@${SENDER_DOMAIN}`;
export const SENDER_FROM = `alice@${SENDER_DOMAIN}`;

export interface Sender {
  zone: FixtureZone;
  /** A DKIM-signed message from alice@sender.test to `to`. */
  message(to: string, options?: { subject?: string; body?: string }): Promise<Buffer>;
}

/** One RSA key per test file (making one takes a while). */
export function makeSender(): Sender {
  const key = generateDkimKey('rsa-2048');
  const spf = 'v=spf1 ip4:127.0.0.1 -all';
  const zone: FixtureZone = {
    [SENDER_DOMAIN]: { TXT: [spf], MX: [[10, SENDER_HELO]] },
    [SENDER_HELO]: { A: ['127.0.0.1'], TXT: [spf] },
    [dkimKeyName(SENDER_SELECTOR, SENDER_DOMAIN)]: { TXT: [dkimKeyRecord(key)] },
    [`_dmarc.${SENDER_DOMAIN}`]: { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@sender.test'] },
  };
  let counter = 0;
  return {
    zone,
    async message(to, options = {}) {
      const raw = buildMessage({
        from: SENDER_FROM,
        to,
        subject: options.subject ?? 'End-to-end test',
        date: new Date().toUTCString().replace('GMT', '+0000'),
        messageId: `<e2e.${process.pid}.${++counter}@${SENDER_DOMAIN}>`,
        body: options.body,
      });
      return signMessage(raw, { domain: SENDER_DOMAIN, selector: SENDER_SELECTOR, key });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// SMTP with nodemailer's client

export interface Delivery {
  /** The server's reply to the end of DATA. */
  response: string;
  /** What the client's own TLS socket negotiated; null when the session stayed in plain text. */
  tls: { protocol: string; cipher: string } | null;
}

export interface DeliverOptions {
  tls: 'none' | 'starttls';
  mailFrom?: string;
  helo?: string;
  /** Declare the message's size in MAIL FROM (SIZE=, RFC 1870). */
  declareSize?: boolean;
  /** Extra node:tls options for the client (minVersion, ciphers, ...). */
  tlsOptions?: Record<string, unknown>;
}

/**
 * Sends one message with nodemailer's SMTPConnection (the client under nodemailer's SMTP transport), so the
 * test can read the TLS socket it negotiated. Rejects with nodemailer's error (responseCode, response).
 */
export async function deliver(
  port: number,
  to: string[],
  raw: Buffer,
  options: DeliverOptions,
): Promise<Delivery> {
  const connection = new SMTPConnection({
    host: '127.0.0.1',
    port,
    secure: false,
    name: options.helo ?? SENDER_HELO,
    ignoreTLS: options.tls === 'none',
    requireTLS: options.tls === 'starttls',
    tls: { rejectUnauthorized: false, ...options.tlsOptions }, // the service's certificate is self-signed
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  connection.on('error', () => {
    // reported through connect()/send() callbacks
  });
  try {
    await new Promise<void>((resolve, reject) =>
      connection.connect((err) => (err ? reject(err) : resolve())),
    );
    const envelope = {
      from: options.mailFrom ?? SENDER_MAIL_FROM,
      to,
      ...(options.declareSize ? { size: raw.length } : {}),
    };
    const info = await new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) =>
      connection.send(envelope, raw, (err, sent) => (err ? reject(err) : resolve(sent))),
    );
    const socket = connection._socket as TLSSocket;
    const tls =
      connection.secure && typeof socket.getProtocol === 'function'
        ? { protocol: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher().name }
        : null;
    return { response: info.response, tls };
  } finally {
    connection.quit();
  }
}

// ---------------------------------------------------------------------------------------------------------
// HTTP

export interface Created {
  id: string;
  address: string;
  expiresAt: string;
  reportUrl: string;
}

export interface TestState {
  id: string;
  address: string;
  status: 'waiting' | 'analyzing' | 'done' | 'expired';
  progress: string;
  report: Report | null;
  messageId: string | null;
  failed: boolean;
  messages: Array<{ id: string; receivedAt: string; status: string; score: number | null }>;
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body's bytes, and as UTF-8 text. */
  raw: Buffer;
  body: string;
  json<T = unknown>(): T;
}

/** One HTTP request over a real socket; `localAddress` lets a test come from another loopback IP. */
export function request(
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; localAddress?: string } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const body = raw.toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            raw,
            body,
            json: <T>() => JSON.parse(body) as T,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function createTest(serve: ServeProcess): Promise<Created> {
  const res = await request(`${serve.base}/api/tests`, { method: 'POST' });
  if (res.status !== 201) throw new Error(`POST /api/tests: ${res.status} ${res.body}`);
  return res.json<Created>();
}

export async function getTest(serve: ServeProcess, id: string, query = ''): Promise<TestState> {
  const res = await request(`${serve.base}/api/tests/${id}${query}`);
  if (res.status !== 200) throw new Error(`GET /api/tests/${id}: ${res.status} ${res.body}`);
  return res.json<TestState>();
}

/** Polls GET /api/tests/:id until `ready` holds for it (by default: its report is there). */
export async function waitForTest(
  serve: ServeProcess,
  id: string,
  ready: (state: TestState) => boolean = (state) => state.status === 'done' && state.report !== null,
  timeoutMs = 20_000,
): Promise<TestState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await getTest(serve, id);
    if (ready(state)) return state;
    if (Date.now() > deadline) {
      throw new Error(`test ${id} not ready within ${timeoutMs} ms: ${JSON.stringify(state).slice(0, 500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The states of GET /api/tests/:id/events, read from a real socket until `until` arrives (or the bound).
 * Resolves once the stream is open and its first state was read, so the caller can then act.
 */
export async function openEventStream(
  serve: ServeProcess,
  id: string,
): Promise<{ states: string[]; until(state: string, timeoutMs?: number): Promise<string[]>; close(): void }> {
  const states: string[] = [];
  const waiters: Array<() => void> = [];
  let ended = false;
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  const req = http.get(`${serve.base}/api/tests/${id}/events`, { headers: { accept: 'text/event-stream' } });
  const opened = new Promise<void>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`events: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const data = lines.find((line) => line.startsWith('data: '));
          if (lines.includes('event: state') && data) {
            states.push((JSON.parse(data.slice(6)) as { state: string }).state);
            resolve();
            notify();
          }
        }
      });
      res.on('close', () => {
        ended = true;
        notify();
      });
    });
  });
  await opened;
  return {
    states,
    async until(state, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!states.includes(state)) {
        if (ended) throw new Error(`event stream ended; states: ${states.join(', ')}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${state}" within ${timeoutMs} ms; states: ${states.join(', ')}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return states;
    },
    close: () => req.destroy(),
  };
}
