/**
 * SMTP intake throughput (issue 3, section 7): 50 concurrent nodemailer clients sending 10 KB messages over
 * loopback, to our intake (real SQLite store, synchronous FULL, no analysis worker) and to a bare smtp-server
 * that discards mail, alternating in one run. Zero loss: every 250 must have its stored message.
 *
 * Two ways of sending: each client keeps one connection for all its messages (the intake's own cost), and one
 * connection per message (what most test senders do; smtp-server's fixed 100 ms greeting delay then dominates).
 *
 * With `whole`, our side is the whole service (startService) instead: every message is also analyzed, on the
 * same event loop, and the row says how many analyses kept up. Its ratio means little: the backlog's analyses
 * run during the bare server's rounds too (one process), so the row gives the rates only.
 *
 * The clients run in a worker thread, so the servers' event loop is theirs alone (as it is in production).
 * The machine is shared and noisy: the figure is the median of the per-round ratios, each round measuring
 * the bare server and ours back to back (in turn first).
 *
 * Run alone: `node dist/bench/smtp-intake.js [whole]` after `npm run build`.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { DnsResolver } from '../src/dns/resolver.js';
import { startSmtp } from '../src/intake/smtp.js';
import { LIMITS } from '../src/limits.js';
import { loadTls } from '../src/intake/tls.js';
import { startService } from '../src/service/app.js';
import { loadConfig, type ServiceConfig } from '../src/service/config.js';
import { TestEvents } from '../src/service/events.js';
import { randomId } from '../src/service/ids.js';
import { createMetrics } from '../src/service/metrics.js';
import type { ServiceContext } from '../src/service/types.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/types.js';
import { startFixtureDns } from '../test/support/dns-server.js';

const DOMAIN = 'bench.mailscore.test';

export interface IntakeBenchOptions {
  clients?: number;
  messageBytes?: number;
  /** Messages per client per round (one connection each). */
  perClient?: number;
  rounds?: number;
  /** The whole service (startService: analyses run too) instead of the intake alone. */
  whole?: boolean;
}

export interface IntakeBenchResult {
  clients: number;
  messageBytes: number;
  whole: boolean;
  /** Messages per second (medians of the rounds) and the median ratio: one connection per client. */
  reused: { bare: number; ours: number; ratio: number };
  /** The same with one connection per message (intake alone only). */
  perMessage: { bare: number; ours: number; ratio: number } | null;
  accepted: number;
  stored: number;
  /** Messages whose analysis finished (the whole service only), in `seconds` from the first message to the stop. */
  analyzed: number;
  seconds: number;
}

function message(bytes: number, to: string): Buffer {
  const head = [
    'From: Bench <bench@example.com>',
    `To: ${to}`,
    'Subject: intake benchmark',
    'Date: Mon, 01 Jan 2024 00:00:00 +0000',
    'Message-ID: <bench@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    '',
  ].join('\r\n');
  const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n';
  return Buffer.from(head + line.repeat(Math.ceil((bytes - head.length) / line.length))).subarray(0, bytes);
}

interface DriveJob {
  port: number;
  addresses: string[];
  perClient: number;
  bytes: number;
  pooled: boolean;
}

/** Runs `drive` in a worker thread (the load generator off the servers' event loop). */
function driveInWorker(job: DriveJob): Promise<{ rate: number; accepted: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

/** Every client sends `perClient` messages to its own address; resolves with the rate and the 250s counted. */
async function drive(
  port: number,
  addresses: string[],
  perClient: number,
  bytes: number,
  pooled: boolean,
): Promise<{ rate: number; accepted: number }> {
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    addresses.map(async (to) => {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port,
        ignoreTLS: true,
        pool: pooled,
        maxConnections: 1,
        maxMessages: Infinity,
      });
      const raw = message(bytes, to);
      let accepted = 0;
      for (let i = 0; i < perClient; i++) {
        const info = await transport.sendMail({ envelope: { from: 'bench@example.com', to: [to] }, raw });
        if (info.response.startsWith('250')) accepted++;
      }
      transport.close();
      return accepted;
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const accepted = counts.reduce((a, b) => a + b, 0);
  return { rate: accepted / seconds, accepted };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Bare server and ours, `rounds` times: the medians, and the median of each round's ratio. */
async function compare(
  bare: number,
  ours: number,
  job: Omit<DriveJob, 'port' | 'addresses'>,
  rounds: number,
  addresses: () => Promise<string[]>,
): Promise<{ bare: number; ours: number; ratio: number; accepted: number }> {
  const rates = { bare: [] as number[], ours: [] as number[], ratio: [] as number[] };
  let accepted = 0;
  for (let round = 0; round < rounds; round++) {
    // Each goes first every other round, so neither always meets what the other left behind (GC, WAL).
    const run = async (port: number) => driveInWorker({ ...job, port, addresses: await addresses() });
    let b;
    let o;
    if (round % 2 === 0) {
      b = await run(bare);
      o = await run(ours);
    } else {
      o = await run(ours);
      b = await run(bare);
    }
    rates.bare.push(b.rate);
    rates.ours.push(o.rate);
    rates.ratio.push(o.rate / b.rate);
    accepted += o.accepted;
  }
  return { bare: median(rates.bare), ours: median(rates.ours), ratio: median(rates.ratio), accepted };
}

async function startBare(maxMessageBytes: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    disabledCommands: ['AUTH'],
    authOptional: true,
    disableReverseLookup: true,
    size: maxMessageBytes,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => callback());
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Our side: the intake alone (a real store, no analysis) or the whole service (analyses on the same event loop). */
interface OursUnderTest {
  port: number;
  store: Store;
  close(): Promise<void>;
}

async function startIntakeOnly(config: ServiceConfig, dataDir: string): Promise<OursUnderTest> {
  const store = openSqliteStore(join(dataDir, 'mailscore.sqlite'));
  const context: ServiceContext = {
    config,
    logger: pino({ level: 'silent' }),
    store,
    resolver: new DnsResolver({ servers: [{ host: '127.0.0.1', port: 9 }] }),
    events: new TestEvents(),
    metrics: createMetrics(),
    now: () => new Date(),
  };
  const smtp = await startSmtp(context, await loadTls(config), {
    wake: () => undefined,
    close: async () => {},
  });
  return {
    port: smtp.port,
    store,
    async close() {
      await smtp.close();
      await store.close();
    },
  };
}

async function startWholeService(config: ServiceConfig): Promise<OursUnderTest> {
  const service = await startService(config, { logger: pino({ level: 'silent' }) });
  return { port: service.smtpPort, store: service.context.store, close: () => service.close() };
}

export async function benchSmtpIntake(options: IntakeBenchOptions = {}): Promise<IntakeBenchResult> {
  const { clients = 50, messageBytes = 10 * 1024, perClient = 40, rounds = 5, whole = false } = options;
  if (perClient > LIMITS.maxMessagesPerTest) {
    throw new Error(`perClient ${perClient} is over the ${LIMITS.maxMessagesPerTest} messages a test takes`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'mailscore-bench-smtp-'));
  // The whole service analyzes what it receives: a DNS server that answers at once (nothing is published).
  const dns = whole ? await startFixtureDns({ zone: {} }) : null;
  const config = loadConfig({
    flags: {
      smtpPort: '0',
      httpPort: '0',
      listen: '127.0.0.1',
      domain: DOMAIN,
      dataDir,
      maxConnectionsPerIp: String(clients * 2),
      ...(dns ? { dns: dns.address } : {}),
    },
    env: {},
  });
  const ours = whole ? await startWholeService(config) : await startIntakeOnly(config, dataDir);
  const bare = await startBare(config.maxMessageBytes);
  const started = performance.now();
  try {
    // New test addresses for every run: a test takes at most LIMITS.maxMessagesPerTest messages.
    const addresses = () => newTests(ours.store, clients);
    let warmUp;
    let reused;
    let perMessage = null;
    try {
      // Warm-up: JIT, SQLite page cache, the WAL file.
      const warm = { bytes: messageBytes, perClient: 2, pooled: true };
      await driveInWorker({ ...warm, port: bare.port, addresses: await addresses() });
      warmUp = await driveInWorker({ ...warm, port: ours.port, addresses: await addresses() });
      const job = { bytes: messageBytes, perClient, pooled: true };
      reused = await compare(bare.port, ours.port, job, rounds, addresses);
      if (!whole) {
        const single = { bytes: messageBytes, perClient: 4, pooled: false };
        perMessage = await compare(bare.port, ours.port, single, rounds, addresses);
      }
    } finally {
      await bare.close();
      await ours.close();
    }
    return {
      clients,
      messageBytes,
      whole,
      reused,
      perMessage,
      accepted: warmUp.accepted + reused.accepted + (perMessage?.accepted ?? 0),
      ...countStored(join(dataDir, 'mailscore.sqlite')),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await dns?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `count` new test addresses, straight through the store (the daily limit does not apply). */
async function newTests(store: Store, count: number): Promise<string[]> {
  const now = new Date();
  const addresses: string[] = [];
  for (let i = 0; i < count; i++) {
    const localPart = randomId();
    const address = `${localPart}@${DOMAIN}`;
    const test = await store.createTest(
      {
        id: randomId(),
        localPart,
        address,
        creatorIp: '127.0.0.1',
        createdAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
      },
      { dailyLimit: 0, since: now },
    );
    if (!test) throw new Error('could not create a test address');
    addresses.push(address);
  }
  return addresses;
}

/** Every message row in the file, read afresh after the store was closed (listMessages shows only the newest). */
function countStored(file: string): { stored: number; analyzed: number } {
  const db = new Database(file, { readonly: true });
  try {
    const count = (where: string) =>
      db.prepare(`SELECT COUNT(*) FROM messages WHERE ${where}`).pluck().get() as number;
    return { stored: count('1'), analyzed: count("status IN ('done', 'failed')") };
  } finally {
    db.close();
  }
}

/** The benchmark's rows for docs/benchmarks.md. */
export function formatIntakeRows(r: IntakeBenchResult): string[] {
  const pct = (ratio: number) => (ratio * 100).toFixed(0);
  const size = `${(r.messageBytes / 1024).toFixed(0)} KB`;
  const loss = `${r.accepted} accepted, ${r.stored} stored (**${r.accepted - r.stored} lost**)`;
  if (r.whole) {
    // No ratio: the backlog's analyses run in this process during the bare server's rounds too.
    return [
      `| the first row's load through the whole service (startService: every message is also analyzed, on the same event loop) | ours **${r.reused.ours.toFixed(0)}/s** (bare ${r.reused.bare.toFixed(0)}/s, slowed as well by the analyses running beside it); ${loss}; ${r.analyzed} analyzed by the stop, ${r.seconds.toFixed(0)} s after the first message (${(r.analyzed / r.seconds).toFixed(0)}/s; the rest stays queued on disk) | (informational) |`,
    ];
  }
  return [
    `| SMTP intake, ${r.clients} concurrent nodemailer clients, ${size} messages, one connection per client | ours ${r.reused.ours.toFixed(0)}/s, bare smtp-server ${r.reused.bare.toFixed(0)}/s = **${pct(r.reused.ratio)} %**; ${loss} | ≥ 70 %, zero loss |`,
    ...(r.perMessage
      ? [
          `| the same, one connection per message | ours ${r.perMessage.ours.toFixed(0)}/s, bare ${r.perMessage.bare.toFixed(0)}/s = **${pct(r.perMessage.ratio)} %** | (informational) |`,
        ]
      : []),
  ];
}

if (!isMainThread) {
  const job = workerData as DriveJob;
  void drive(job.port, job.addresses, job.perClient, job.bytes, job.pooled).then((result) =>
    parentPort!.postMessage(result),
  );
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const whole = process.argv[2] === 'whole';
  benchSmtpIntake({ whole }).then(
    (result) => process.stdout.write(`${formatIntakeRows(result).join('\n')}\n`),
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
