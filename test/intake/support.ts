/** An SMTP intake on 127.0.0.1 with a real SQLite store in a temporary directory, and a recording worker. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DnsResolver } from '../../src/dns/resolver.js';
import { startSmtp } from '../../src/intake/smtp.js';
import { loadTls, type TlsMaterial } from '../../src/intake/tls.js';
import { loadConfig, type ServiceConfig } from '../../src/service/config.js';
import { TestEvents, type TestEvent } from '../../src/service/events.js';
import { randomId } from '../../src/service/ids.js';
import { createMetrics } from '../../src/service/metrics.js';
import type { AnalysisWorker, RunningServer, ServiceContext } from '../../src/service/types.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store, TestRecord } from '../../src/store/types.js';

export const DOMAIN = 'mailscore.test';

export interface RecordingWorker extends AnalysisWorker {
  wakes: number;
}

export interface Intake {
  port: number;
  config: ServiceConfig;
  context: ServiceContext;
  store: Store;
  worker: RecordingWorker;
  /** Every event published, in order. */
  events: TestEvent[];
  dataDir: string;
  server: RunningServer;
  /** A live test with a fresh address. */
  newTest(options?: { expiresInMs?: number }): Promise<TestRecord>;
  /** Value of mailscore_smtp_rejections_total for one reason. */
  rejections(reason: string): Promise<number>;
  received(): Promise<number>;
  close(): Promise<void>;
}

/** One self-signed certificate for every intake of a test file (an RSA key takes a few hundred ms to make). */
let sharedTls: Promise<TlsMaterial> | null = null;

export async function startIntake(
  flags: Partial<Record<keyof ServiceConfig, string | boolean>> = {},
  options: { wrapStore?: (store: Store) => Store } = {},
): Promise<Intake> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailscore-smtp-'));
  const config = loadConfig({
    flags: { smtpPort: '0', listen: '127.0.0.1', domain: DOMAIN, dataDir, ...flags },
    env: {},
  });
  const realStore = openSqliteStore(join(dataDir, 'mailscore.sqlite'));
  const store = options.wrapStore ? options.wrapStore(realStore) : realStore;
  const events = new TestEvents();
  const context: ServiceContext = {
    config,
    logger: pino({ level: 'silent' }),
    store,
    // The intake never resolves (iprev is the analysis's job); a closed local port keeps any slip off the network.
    resolver: new DnsResolver({ servers: [{ host: '127.0.0.1', port: 9 }] }),
    events,
    metrics: createMetrics(),
    now: () => new Date(),
  };
  const worker: RecordingWorker = {
    wakes: 0,
    wake() {
      this.wakes++;
    },
    async close() {},
  };
  const published: TestEvent[] = [];
  const tests: string[] = [];
  sharedTls ??= loadTls(config);
  const server = await startSmtp(context, await sharedTls, worker);
  const metricValue = async (name: string, reason?: string) => {
    const metric = await context.metrics.registry.getSingleMetric(name)?.get();
    const value = metric?.values.find((v) => reason === undefined || v.labels.reason === reason);
    return value?.value ?? 0;
  };
  return {
    port: server.port,
    config,
    context,
    store,
    worker,
    events: published,
    dataDir,
    server,
    async newTest({ expiresInMs = 3_600_000 } = {}) {
      const localPart = randomId();
      const now = new Date();
      const test = await realStore.createTest(
        {
          id: randomId(),
          localPart,
          address: `${localPart}@${DOMAIN}`,
          creatorIp: '192.0.2.1',
          createdAt: now,
          expiresAt: new Date(now.getTime() + expiresInMs),
        },
        { dailyLimit: 0, since: now },
      );
      if (!test) throw new Error('createTest refused');
      tests.push(test.id);
      events.subscribe(test.id, (event) => published.push(event));
      return test;
    },
    rejections: (reason) => metricValue('mailscore_smtp_rejections_total', reason),
    received: () => metricValue('mailscore_messages_received_total'),
    async close() {
      await server.close();
      await realStore.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A small RFC 5322 message. */
export function simpleMessage(to: string, options: { subject?: string; body?: string } = {}): Buffer {
  return Buffer.from(
    [
      'From: Sender <sender@example.org>',
      `To: ${to}`,
      `Subject: ${options.subject ?? 'Hello'}`,
      'Date: Mon, 01 Jan 2024 00:00:00 +0000',
      'Message-ID: <test@example.org>',
      '',
      options.body ?? 'Hello there.',
      '',
    ].join('\r\n'),
  );
}
