/**
 * The analysis worker with a real SQLite store and the real pipeline against the fixture DNS server:
 * stored messages become reports, the concurrency bound holds, failures are stored (never thrown),
 * interrupted work resumes, a message that keeps interrupting is given up, stopping waits (bounded).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DnsResolver } from '../../src/dns/resolver.js';
import { LIMITS } from '../../src/limits.js';
import type { Envelope } from '../../src/report/types.js';
import { loadConfig } from '../../src/service/config.js';
import { TestEvents, type TestEvent } from '../../src/service/events.js';
import { randomId } from '../../src/service/ids.js';
import { createMetrics } from '../../src/service/metrics.js';
import type { AnalysisWorker, ServiceContext } from '../../src/service/types.js';
import { startWorker, type WorkerOptions } from '../../src/service/worker.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildMessage, dkimKeyName, dkimKeyRecord, generateDkimKey, signMessage } from '../support/sign.js';

const key = generateDkimKey('rsa-2048');
let dns: FixtureDnsServer;
let silentDns: FixtureDnsServer;
const dataDir = mkdtempSync(join(tmpdir(), 'mailscore-worker-'));

beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
      [dkimKeyName('s1', 'example.com')]: { TXT: [dkimKeyRecord(key)] },
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
      'mail.example.com': { A: ['192.0.2.10'] },
      '10.2.0.192.in-addr.arpa': { PTR: ['mail.example.com'] },
    },
  });
  silentDns = await startFixtureDns({ silent: true });
});
afterAll(async () => {
  await Promise.all([dns.stop(), silentDns.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

const GOOD_ENVELOPE: Envelope = {
  clientIp: '192.0.2.10',
  helo: 'mail.example.com',
  mailFrom: 'bounce@example.com',
  rcptTo: ['x@mailscore.test'],
  tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
};

/** Dated now, so the report has nothing to deduct (the worker analyzes with the real clock). */
const signedMessage = () =>
  signMessage(
    buildMessage({ from: 'news@example.com', date: new Date().toUTCString().replace('GMT', '+0000') }),
    {
      domain: 'example.com',
      selector: 's1',
      key,
    },
  );

interface Harness {
  file: string;
  context: ServiceContext;
  store: Store;
  events: TestEvent[];
  testId: string;
  add(raw: Buffer, envelope?: Envelope): Promise<string>;
  start(options?: WorkerOptions): AnalysisWorker;
  /** Resolves when `count` events of `state` have been published. */
  waitFor(state: TestEvent['state'], count?: number): Promise<void>;
  metric(name: string, outcome?: string): Promise<number>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(
  options: { workers?: number; dnsServer?: FixtureDnsServer; file?: string } = {},
): Promise<Harness> {
  const file = options.file ?? join(dataDir, `${randomId()}.sqlite`);
  const store = openSqliteStore(file);
  cleanups.push(() => store.close());
  const context: ServiceContext = {
    config: loadConfig({ flags: { workers: String(options.workers ?? 2), dataDir }, env: {} }),
    logger: pino({ level: 'silent' }),
    store,
    resolver: new DnsResolver({ servers: [(options.dnsServer ?? dns).server], timeoutMs: 300, retries: 0 }),
    events: new TestEvents(),
    metrics: createMetrics(),
    now: () => new Date(),
  };
  const testId = randomId();
  const localPart = randomId();
  const now = new Date();
  await store.createTest(
    {
      id: testId,
      localPart,
      address: `${localPart}@mailscore.test`,
      creatorIp: '127.0.0.1',
      createdAt: now,
      expiresAt: new Date(now.getTime() + 3_600_000),
    },
    { dailyLimit: 0, since: now },
  );
  const events: TestEvent[] = [];
  const waiters: Array<() => void> = [];
  context.events.subscribe(testId, (event) => {
    events.push(event);
    for (const check of [...waiters]) check();
  });
  return {
    file,
    context,
    store,
    events,
    testId,
    add: async (raw, envelope = GOOD_ENVELOPE) =>
      (await store.addMessage(testId, envelope, raw, new Date())).id,
    start(workerOptions) {
      const worker = startWorker(context, workerOptions);
      cleanups.push(() => worker.close());
      return worker;
    },
    waitFor: (state, count = 1) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (events.filter((e) => e.state === state).length < count) return;
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        };
        waiters.push(check);
        check();
      }),
    async metric(name, outcome) {
      const metric = await context.metrics.registry.getSingleMetric(name)?.get();
      const values =
        metric?.values.filter((v) => outcome === undefined || v.labels.outcome === outcome) ?? [];
      // A histogram's observation count is its *_count sample.
      const count = values.find((v) => 'metricName' in v && String(v.metricName).endsWith('_count'));
      return count ? count.value : values.reduce((sum, v) => sum + v.value, 0);
    },
  };
}

describe('the analysis worker', () => {
  it('turns a stored message into a report through the real pipeline, publishing its progress', async () => {
    const h = await harness();
    const worker = h.start();
    const messageId = await h.add(await signedMessage());
    worker.wake();
    await h.waitFor('done');

    expect(h.events).toEqual([
      { testId: h.testId, state: 'analyzing', messageId },
      { testId: h.testId, state: 'done', messageId },
    ]);
    const message = await h.store.getMessage(messageId);
    expect(message).toMatchObject({ status: 'done', error: null });
    const report = message!.analysis!.report;
    expect(report.score).toBe(10);
    expect(report.lang).toBe('en');
    expect(report.envelope).toEqual({ ...GOOD_ENVELOPE, clientIpSource: { kind: 'smtp' } });
    expect(report.auth.spf.result).toBe('pass');
    expect(report.auth.dkim.map((d) => d.result)).toEqual(['pass']);
    expect(report.auth.dmarc.result).toBe('pass');
    expect(message!.analysis!.findings.length).toBeGreaterThan(0);
    expect(message!.analyzedAt).toBeInstanceOf(Date);

    expect(await h.metric('mailscore_reports_total', 'done')).toBe(1);
    expect(await h.metric('mailscore_reports_total', 'failed')).toBe(0);
    expect(await h.metric('mailscore_analysis_seconds')).toBe(1);
    expect(report.dns.queries).toBeGreaterThan(0);
    expect(await h.metric('mailscore_dns_queries_total')).toBe(report.dns.queries);
  });

  it('drains what was queued before it started, oldest first, without a wake()', async () => {
    const h = await harness({ workers: 1 });
    const ids = [await h.add(await signedMessage()), await h.add(await signedMessage())];
    h.start();
    await h.waitFor('done', 2);
    expect(h.events.filter((e) => e.state === 'analyzing').map((e) => e.messageId)).toEqual(ids);
    for (const id of ids) expect((await h.store.getMessage(id))!.status).toBe('done');
  });

  it('picks up a message stored after it went idle, on wake()', async () => {
    const h = await harness();
    const worker = h.start();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the slots found the queue empty and stopped
    const id = await h.add(await signedMessage());
    worker.wake();
    await h.waitFor('done');
    expect((await h.store.getMessage(id))!.status).toBe('done');
  });

  it.each([1, 3])('runs at most %i analyses at once, and that many when there is work', async (workers) => {
    // Every DNS answer takes 40 ms, and each message asks about names of its own (nothing is cached),
    // so analyses overlap whenever the worker lets them.
    const slow = await startFixtureDns({ delayMs: 40 });
    cleanups.push(() => slow.stop());
    const h = await harness({ workers, dnsServer: slow });
    let inFlight = 0;
    let maxInFlight = 0;
    h.context.events.subscribe(h.testId, (event) => {
      inFlight += event.state === 'analyzing' ? 1 : -1;
      maxInFlight = Math.max(maxInFlight, inFlight);
    });
    const count = 2 * workers + 1;
    for (let i = 0; i < count; i++) {
      const raw = buildMessage({ from: `a@d${i}.example` });
      await h.add(raw, { ...GOOD_ENVELOPE, clientIp: `198.51.100.${i + 1}`, mailFrom: `b@d${i}.example` });
    }
    const worker = h.start();
    worker.wake();
    worker.wake();
    await h.waitFor('done', count);
    expect(maxInFlight).toBe(workers);
    const statuses = (await h.store.listMessages(h.testId)).map((m) => m.status);
    expect(statuses).toEqual(Array(count).fill('done'));
  });

  it('stores a failed analysis with one line, publishes done, and goes on with the next message', async () => {
    const h = await harness({ workers: 1 });
    // Junk an SMTP client may well send: no header fields at all.
    const junk = await h.add(Buffer.from('\x00\x01\x02 this is not a message\r\n'));
    const good = await h.add(await signedMessage());
    h.start();
    await h.waitFor('done', 2);
    const failed = await h.store.getMessage(junk);
    expect(failed).toMatchObject({ status: 'failed', analysis: null });
    expect(failed!.error).toMatch(/^NotAMessageError: .*not an email message/);
    expect(failed!.error).not.toMatch(/\n/);
    expect((await h.store.getMessage(good))!.status).toBe('done');
    expect(h.events.map((e) => [e.state, e.messageId])).toEqual([
      ['analyzing', junk],
      ['done', junk],
      ['analyzing', good],
      ['done', good],
    ]);
    expect(await h.metric('mailscore_reports_total', 'failed')).toBe(1);
    expect(await h.metric('mailscore_reports_total', 'done')).toBe(1);
  });

  it('fails a message whose stored row is corrupt instead of analyzing it', async () => {
    const h = await harness();
    const id = await h.add(await signedMessage());
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(h.file);
    db.prepare("UPDATE messages SET envelope = '{broken' WHERE id = ?").run(id);
    db.close();
    h.start();
    await h.waitFor('done');
    expect(await h.store.getMessage(id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/envelope is unreadable/),
    });
  });

  it('fails an analysis that takes longer than its time limit', async () => {
    const h = await harness({ dnsServer: silentDns });
    const id = await h.add(await signedMessage());
    h.start({ analysisTimeoutMs: 200 });
    await h.waitFor('done');
    expect(await h.store.getMessage(id)).toMatchObject({
      status: 'failed',
      error: 'AnalysisTimeout: analysis took longer than 0.2 s',
    });
  });
});

describe('after a crash', () => {
  it('resumes the analyses a previous process left unfinished', async () => {
    const first = await harness();
    const id = await first.add(await signedMessage());
    // The previous process claimed it and died before storing a report.
    expect(await first.store.claimNext()).toMatchObject({ id, attempts: 1 });
    await first.store.close();

    const second = await harness({ file: first.file });
    const store = second.store;
    expect(await store.requeueInterrupted()).toBe(1);
    const events: TestEvent[] = [];
    second.context.events.subscribe(first.testId, (e) => events.push(e));
    const done = new Promise<void>((resolve) =>
      second.context.events.subscribe(first.testId, (e) => e.state === 'done' && resolve()),
    );
    second.start();
    await done;
    expect(events.map((e) => e.state)).toEqual(['analyzing', 'done']);
    expect(await store.getMessage(id)).toMatchObject({ status: 'done' });
  });

  it(`gives up a message whose analysis was interrupted ${LIMITS.maxAnalysisAttempts} times`, async () => {
    const h = await harness();
    const id = await h.add(await signedMessage());
    for (let i = 0; i < LIMITS.maxAnalysisAttempts; i++) {
      await h.store.claimNext(); // the process died during this analysis
      await h.store.requeueInterrupted(); // and was started again
    }
    h.start();
    await h.waitFor('done');
    expect(await h.store.getMessage(id)).toMatchObject({
      status: 'failed',
      error: `analysis interrupted ${LIMITS.maxAnalysisAttempts} times (the process stopped during it); not tried again`,
    });
    expect(await h.metric('mailscore_analysis_seconds')).toBe(0);
  });
});

describe('stopping', () => {
  it('waits for the analysis in progress and takes no new work', async () => {
    const slow = await startFixtureDns({ delayMs: 100 });
    cleanups.push(() => slow.stop());
    const h = await harness({ workers: 1, dnsServer: slow });
    const [first, second] = [await h.add(await signedMessage()), await h.add(await signedMessage())];
    const worker = h.start();
    await h.waitFor('analyzing');
    await worker.close();
    expect((await h.store.getMessage(first))!.status).toBe('done');
    expect((await h.store.getMessage(second))!.status).toBe('queued');
    worker.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await h.store.getMessage(second))!.status).toBe('queued');
  });

  it('gives up waiting after its bound, leaving the message to resume at the next start', async () => {
    const h = await harness({ dnsServer: silentDns });
    const id = await h.add(await signedMessage());
    const worker = h.start({ closeWaitMs: 150 });
    await h.waitFor('analyzing');
    const started = Date.now();
    await worker.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await h.store.getMessage(id))!.status).toBe('analyzing');
    expect(await h.store.requeueInterrupted()).toBe(1);
  });
});
