/** A service context for HTTP tests: a real SQLite store in a temp dir, a fixture DNS server, a clock tests move. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DnsResolver } from '../../src/dns/resolver.js';
import { analyze } from '../../src/pipeline/analyze.js';
import { loadConfig, type ServiceConfig } from '../../src/service/config.js';
import { TestEvents } from '../../src/service/events.js';
import { createMetrics } from '../../src/service/metrics.js';
import type { AnalysisWorker, ServiceContext } from '../../src/service/types.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { MessageRecord } from '../../src/store/types.js';
import type { FixtureDnsServer } from '../support/dns-server.js';

export const START = new Date('2030-03-04T05:06:07.000Z');

export const MESSAGE = Buffer.from(
  [
    'From: Sender <alice@example.com>',
    'To: someone@mailscore.test',
    'Subject: Hello from the API test',
    'Date: Mon, 4 Mar 2030 05:00:00 +0000',
    'Message-ID: <api-test@example.com>',
    '',
    'Hello.',
    '',
  ].join('\r\n'),
);

export const ZONE = {
  'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
  '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
};

/** The worker is driven by hand in these tests (see deliver/finish); the HTTP side only needs wake/close. */
export const IDLE_WORKER: AnalysisWorker = { wake() {}, close: async () => {} };

export interface TestService {
  ctx: ServiceContext;
  /** Moves the clock. */
  setNow(date: Date): void;
  /** Stores a message for a test as the SMTP intake would (and says so on the event bus). */
  deliver(testId: string, raw?: Buffer): Promise<MessageRecord>;
  /** Takes the next queued message and analyzes it, as the worker would, publishing each step. */
  analyzeNext(): Promise<void>;
  cleanup(): Promise<void>;
}

export function testService(dns: FixtureDnsServer, overrides: Partial<ServiceConfig> = {}): TestService {
  const dir = mkdtempSync(join(tmpdir(), 'mailscore-api-'));
  const config: ServiceConfig = {
    ...loadConfig({ env: {}, file: null }),
    dataDir: dir,
    httpPort: 0,
    smtpPort: 0,
    listen: '127.0.0.1',
    domain: 'mailscore.test',
    logLevel: 'silent',
    ...overrides,
  };
  let now = START;
  const ctx: ServiceContext = {
    config,
    logger: pino({ level: 'silent' }),
    store: openSqliteStore(join(dir, 'mailscore.sqlite')),
    // The fixture server answers in about a millisecond, but a CI machine under load has stalled it past
    // 300 ms (a DMARC answer lost, a test failed); 1.5 s keeps never-answering cases short enough.
    resolver: new DnsResolver({ servers: [dns.server], timeoutMs: 1_500, retries: 0 }),
    events: new TestEvents(),
    metrics: createMetrics(),
    now: () => now,
  };
  return {
    ctx,
    setNow: (date) => {
      now = date;
    },
    async deliver(testId, raw = MESSAGE) {
      const envelope = {
        clientIp: '192.0.2.10',
        helo: 'mail.example.com',
        mailFrom: 'alice@example.com',
        rcptTo: ['x@mailscore.test'],
        tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
      };
      const message = await ctx.store.addMessage(testId, envelope, raw, now);
      ctx.events.publish({ testId, state: 'received', messageId: message.id });
      return message;
    },
    async analyzeNext() {
      const claimed = await ctx.store.claimNext();
      if (!claimed) throw new Error('nothing queued');
      ctx.events.publish({ testId: claimed.testId, state: 'analyzing', messageId: claimed.id });
      const analysis = await analyze(claimed.raw, claimed.envelope, {
        resolver: ctx.resolver,
        lang: 'en',
        now,
      });
      await ctx.store.finishMessage(claimed.id, analysis, now);
      ctx.events.publish({ testId: claimed.testId, state: 'done', messageId: claimed.id });
    },
    async cleanup() {
      await ctx.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
