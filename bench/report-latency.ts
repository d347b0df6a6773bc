/**
 * Time from the end of DATA to the report (issue 3, section 7): the whole service (startService: SQLite store,
 * analysis worker, SMTP, HTTP) with the content filter off and the fixture DNS server answering at once.
 *
 * Each message comes from its own sender domain (SPF with an include chain shared with the other senders, as
 * an email provider's is, DKIM, DMARC, MX), so every report starts with a cold cache for the sender's own
 * records. The clients speak the PROXY protocol, as a load balancer would: the service then sees a public
 * client address (192.0.2.10, with forward-confirmed reverse DNS) instead of 127.0.0.1, for which iprev
 * would skip its lookups. The clients use STARTTLS and keep one connection each.
 *
 * Measured points, all process.hrtime.bigint() (one monotonic clock for every thread of the process):
 * - the client's 250 (nodemailer in a worker thread: sendMail resolved),
 * - `received` (ctx.events in-process: the message is committed, the 250 is about to be written),
 * - `done` (ctx.events in-process: the report is stored). In-process events are more precise than polling
 *   GET /api/tests/:id; the API is asked afterwards for every test, and each must say done with a report.
 * Each sender waits for its report before it sends the next message (closed loop): latency without queueing,
 * then the same with several senders at once.
 *
 * Run alone: `node dist/bench/report-latency.js` after `npm run build`.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { startService } from '../src/service/app.js';
import { loadConfig } from '../src/service/config.js';
import { startFixtureDns, type FixtureZone } from '../test/support/dns-server.js';
import { dkimKeyRecord, generateDkimKey, signMessage, type DkimKey } from '../test/support/sign.js';
import { median, msBetween, quantile } from './stats.js';

const DOMAIN = 'bench.mailscore.test';
/** The sending MTA as the service sees it through the PROXY header: a documentation address, treated as public. */
const CLIENT_IP = '192.0.2.10';
const CLIENT_PTR = '10.2.0.192.in-addr.arpa';
const MTA = 'mta.mailer.example.net';

export interface LatencyBenchOptions {
  /** Messages in all (each to its own test, from its own sender domain). */
  messages?: number;
  /** Senders at once (each waits for its report before sending the next). */
  senders?: number;
  messageBytes?: number;
}

export interface LatencyBenchResult {
  messages: number;
  senders: number;
  messageBytes: number;
  /** Client's 250 → report stored (ms). */
  ackToDone: { median: number; p95: number; max: number };
  /** Committed (server side, just before the 250) → report stored (ms). */
  storedToDone: { median: number; p95: number };
  /** The client's whole transaction, MAIL FROM → 250 (ms). */
  transaction: { median: number; p95: number };
  /** Reports the API gave as done, and how many of them passed SPF, DKIM, DMARC and iprev (the setup works). */
  reportsDone: number;
  allPass: number;
  /** Rows in the SQLite file: every 250 has its message. */
  stored: number;
}

const senderDomain = (i: number) => `sender${i}.example`;

/** An email provider's SPF chain and sending host, shared by all senders; each sender's own records. */
function zone(senders: number, dkimTxt: string): FixtureZone {
  const records: FixtureZone = {
    '_spf.mailer.example.net': {
      TXT: ['v=spf1 ip4:198.51.100.0/24 include:_netblocks.mailer.example.net ~all'],
    },
    '_netblocks.mailer.example.net': { TXT: [`v=spf1 ip4:${CLIENT_IP.replace(/\d+$/, '0')}/24 ~all`] },
    [CLIENT_PTR]: { PTR: [MTA] },
    [MTA]: { A: [CLIENT_IP] },
  };
  for (let i = 0; i < senders; i++) {
    const domain = senderDomain(i);
    records[domain] = {
      TXT: ['v=spf1 include:_spf.mailer.example.net -all', 'google-site-verification=abc123'],
      MX: [[10, `mx.${domain}`]],
    };
    records[`s1._domainkey.${domain}`] = { TXT: [dkimTxt] };
    records[`_dmarc.${domain}`] = { TXT: [`v=DMARC1; p=reject; rua=mailto:dmarc@${domain}`] };
  }
  return records;
}

/** A newsletter of about `bytes`: multipart/alternative, text and HTML, DKIM-signed by the sender's domain. */
async function newsletter(i: number, to: string, bytes: number, key: DkimKey): Promise<Buffer> {
  const domain = senderDomain(i);
  const line = 'Our autumn collection is here: warm coats, wool scarves and boots for every day.\r\n';
  const text = line.repeat(Math.max(1, Math.floor(bytes / 2 / line.length)));
  const html = `<html><body><h1>Autumn</h1>${text.replace(/\r\n/g, '<br>\r\n')}<a href="https://${domain}/unsubscribe">Unsubscribe</a></body></html>`;
  const message = [
    `From: Shop ${i} <news@${domain}>`,
    `To: ${to}`,
    `Subject: Autumn collection ${i}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <bench.${i}@${domain}>`,
    `List-Unsubscribe: <https://${domain}/unsubscribe>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--b1--',
    '',
  ].join('\r\n');
  return signMessage(Buffer.from(message), { domain, selector: 's1', key });
}

// ----------------------------------------------------------------------------------------------
// Load generator (worker thread)

interface SendJob {
  port: number;
  senders: number;
  /** Message i goes from sender domain i to addresses[i]. */
  addresses: string[];
  raws: Uint8Array[];
}

/** Worker → main: one message's 250. */
interface Acked {
  index: number;
  startedAt: bigint;
  ackedAt: bigint;
  response: string;
}

/** A socket to the service that has already sent its PROXY header (the service's client IP is then CLIENT_IP). */
function proxiedSocket(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.off('error', reject);
      const { localPort } = socket;
      socket.write(`PROXY TCP4 ${CLIENT_IP} 127.0.0.1 ${localPort} ${port}\r\n`);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Sender lanes: lane k sends messages k, k + senders, …, each after the report of its previous one. */
async function sendAll(job: SendJob): Promise<void> {
  const reported = new Map<number, () => void>();
  const early = new Set<number>();
  parentPort!.on('message', (index: number) => {
    const wake = reported.get(index);
    if (wake) wake();
    else early.add(index);
  });
  const reportOf = (index: number) =>
    new Promise<void>((resolve) => {
      if (early.delete(index)) resolve();
      else reported.set(index, resolve);
    });

  await Promise.all(
    Array.from({ length: job.senders }, async (_, lane) => {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: job.port,
        name: MTA,
        pool: true,
        maxConnections: 1,
        maxMessages: Infinity,
        tls: { rejectUnauthorized: false }, // the service's self-signed certificate
        getSocket: (
          _options: unknown,
          callback: (err: Error | null, socketOptions?: { connection: net.Socket }) => void,
        ) =>
          void proxiedSocket(job.port).then(
            (connection) => callback(null, { connection }),
            (err: Error) => callback(err),
          ),
      });
      for (let index = lane; index < job.addresses.length; index += job.senders) {
        const to = job.addresses[index]!;
        const startedAt = process.hrtime.bigint();
        const info = await transport.sendMail({
          envelope: { from: `bounce@${senderDomain(index)}`, to: [to] },
          raw: Buffer.from(job.raws[index]!),
        });
        const acked: Acked = { index, startedAt, ackedAt: process.hrtime.bigint(), response: info.response };
        parentPort!.postMessage(acked);
        await reportOf(index);
      }
      transport.close();
    }),
  );
  parentPort!.postMessage('finished');
}

// ----------------------------------------------------------------------------------------------
// Main thread

export async function benchReportLatency(options: LatencyBenchOptions = {}): Promise<LatencyBenchResult> {
  const { messages = 300, senders = 1, messageBytes = 10 * 1024 } = options;
  const key = generateDkimKey('rsa-2048');
  const dns = await startFixtureDns({ zone: zone(messages, dkimKeyRecord(key)), delayMs: 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'mailscore-bench-latency-'));
  const config = loadConfig({
    flags: {
      smtpPort: '0',
      httpPort: '0',
      listen: '127.0.0.1',
      domain: DOMAIN,
      dataDir,
      dns: dns.address,
      dailyTests: '0',
      smtpProxyProtocol: true,
      maxConnectionsPerIp: String(Math.max(10, senders * 2)),
    },
    env: {},
  });
  const service = await startService(config, { logger: pino({ level: 'silent' }) });
  try {
    const api = `http://127.0.0.1:${service.httpPort}/api/tests`;
    const tests: Array<{ id: string; address: string }> = [];
    for (let i = 0; i < messages; i++) {
      const response = await fetch(api, { method: 'POST' });
      if (response.status !== 201) throw new Error(`POST /api/tests answered ${response.status}`);
      tests.push((await response.json()) as { id: string; address: string });
    }
    const raws = await Promise.all(tests.map((test, i) => newsletter(i, test.address, messageBytes, key)));

    // Event times, recorded the moment the service publishes them.
    const storedAt = new Map<string, bigint>();
    const doneAt = new Map<string, bigint>();
    const indexOf = new Map(tests.map((test, i) => [test.id, i]));
    const job: SendJob = { port: service.smtpPort, senders, addresses: tests.map((t) => t.address), raws };
    // The worker sends nothing before this synchronous block ends, so no event is missed.
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    const unsubscribe = tests.map((test) =>
      service.context.events.subscribe(test.id, (event) => {
        const at = process.hrtime.bigint();
        if (event.state === 'received') storedAt.set(test.id, at);
        if (event.state === 'done') {
          doneAt.set(test.id, at);
          worker.postMessage(indexOf.get(test.id));
        }
      }),
    );
    const acks: Acked[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: Acked | 'finished') => {
        if (message === 'finished') resolve();
        else acks.push(message);
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
    });
    await worker.terminate();
    unsubscribe.forEach((off) => off());

    const accepted = acks.filter((ack) => ack.response.startsWith('250'));
    if (accepted.length !== messages) throw new Error(`${messages - accepted.length} messages were refused`);
    const ackToDone: number[] = [];
    const storedToDone: number[] = [];
    const transaction: number[] = [];
    for (const ack of accepted) {
      const id = tests[ack.index]!.id;
      ackToDone.push(msBetween(ack.ackedAt, doneAt.get(id)!));
      storedToDone.push(msBetween(storedAt.get(id)!, doneAt.get(id)!));
      transaction.push(msBetween(ack.startedAt, ack.ackedAt));
    }

    // Through the API, as the page sees it: every test done, with a report whose checks passed.
    let reportsDone = 0;
    let allPass = 0;
    for (const test of tests) {
      const view = (await (await fetch(`${api}/${test.id}`)).json()) as {
        status: string;
        report: { auth: Record<string, { result?: string } | Array<{ result: string }>> } | null;
      };
      if (view.status !== 'done' || !view.report) continue;
      reportsDone++;
      const { spf, dkim, dmarc, iprev } = view.report.auth as Record<string, { result: string }> & {
        dkim: Array<{ result: string }>;
      };
      if ([spf!.result, dkim[0]?.result, dmarc!.result, iprev!.result].every((r) => r === 'pass')) allPass++;
    }
    const ms = (values: number[]) => ({ median: median(values), p95: quantile(values, 0.95) });
    return {
      messages,
      senders,
      messageBytes: raws[0]!.length,
      ackToDone: { ...ms(ackToDone), max: Math.max(...ackToDone) },
      storedToDone: ms(storedToDone),
      transaction: ms(transaction),
      reportsDone,
      allPass,
      stored: countStored(join(dataDir, 'mailscore.sqlite')),
    };
  } finally {
    await service.close();
    await dns.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Message rows in the file, through a second connection (WAL: it sees every committed row). */
function countStored(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number;
  } finally {
    db.close();
  }
}

export function formatLatencyRows(results: LatencyBenchResult[]): string[] {
  const f = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
  return results.map((r, i) => {
    const what =
      i === 0
        ? `End of DATA → report ready: whole service, content filter off, fixture DNS (0 ms), ${r.messages} × ${(r.messageBytes / 1024).toFixed(0)} KB DKIM-signed newsletters from ${r.messages} sender domains, ${r.senders === 1 ? 'one sender waiting for each report' : `${r.senders} senders at once`}`
        : `the same, ${r.senders} senders at once (each waits for its report)`;
    const figure =
      `client's 250 → \`done\` event: median **${f(r.ackToDone.median)} ms**, p95 **${f(r.ackToDone.p95)} ms** (max ${f(r.ackToDone.max)}); ` +
      `commit → done ${f(r.storedToDone.median)} / ${f(r.storedToDone.p95)} ms; SMTP transaction ${f(r.transaction.median)} / ${f(r.transaction.p95)} ms; ` +
      `API: ${r.reportsDone}/${r.messages} done, ${r.allPass} with SPF, DKIM, DMARC, iprev pass; ${r.stored} stored`;
    return `| ${what} | ${figure} | ${i === 0 ? '(measure)' : '(informational)'} |`;
  });
}

if (!isMainThread) {
  void sendAll(workerData as SendJob);
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  (async () => {
    const rows = [await benchReportLatency(), await benchReportLatency({ senders: 10 })];
    process.stdout.write(`${formatLatencyRows(rows).join('\n')}\n`);
  })().catch((err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
