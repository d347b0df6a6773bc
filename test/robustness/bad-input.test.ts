/**
 * Hostile input through the real pipeline (analyzeMessage, real DNS queries to the fixture server):
 * it never crashes, and each case stays bounded in wall time and memory. The bounds are generous on
 * purpose (a slow shared 2-core machine); what they catch is unbounded work: quadratic scans,
 * a decoder given 30 MB it should not see, a verifier run 200 times.
 *
 * The figures measured for each case are printed at the end of the run.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsResolver } from '../../src/dns/resolver.js';
import { LIMITS } from '../../src/limits.js';
import { NotAMessageError } from '../../src/message/parse.js';
import { analyzeMessage } from '../../src/pipeline/analyze.js';
import type { Report } from '../../src/report/types.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { dkimKeyName, dkimKeyRecord, generateDkimKey, signMessage, type DkimKey } from '../support/sign.js';

/** Per case, on a slow shared 2-core machine. Real cases take well under a second here. */
const MAX_WALL_MS = 15_000;
/**
 * Peak resident memory above the level before the call (the process's high-water mark, so an upper
 * bound: an earlier case's peak counts too). A 30 MB message may be copied a few times.
 */
const MAX_PEAK_RSS_GROWTH = 768 * 1024 * 1024;
/** Heap still held after the call and a full GC: nothing may be retained per report. */
const MAX_RETAINED_HEAP = 32 * 1024 * 1024;

// A full GC before each measurement, so that growth is this call's and not the previous case's garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const NOW = new Date('2025-07-01T00:30:00Z');
const HEAD = [
  'From: Sender <sender@example.com>',
  'To: test@mailscore.test',
  'Subject: robustness',
  'Date: Tue, 01 Jul 2025 09:00:00 +0900',
  'Message-ID: <robust.1@example.com>',
  'MIME-Version: 1.0',
].join('\r\n');

/** Deterministic junk bytes (xorshift32), so a failure can be replayed. */
function junk(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** `size` bytes of `line` repeated (CRLF included in `line`). */
const repeatLine = (line: string, size: number) => Buffer.alloc(size - (size % line.length), line);

const message = (headers: string, body: Buffer | string) =>
  Buffer.concat([Buffer.from(`${headers}\r\n\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body)]);

function nestedMultipart(depth: number, closed: boolean): Buffer {
  const parts: string[] = [];
  for (let i = 1; i < depth; i++)
    parts.push(`--n${i - 1}\r\nContent-Type: multipart/mixed; boundary="n${i}"\r\n\r\n`);
  parts.push(`--n${depth - 1}\r\nContent-Type: text/plain\r\n\r\ndeep\r\n`);
  if (closed) for (let i = depth - 1; i >= 0; i--) parts.push(`--n${i}--\r\n`);
  return message(`${HEAD}\r\nContent-Type: multipart/mixed; boundary="n0"`, parts.join(''));
}

let dns: FixtureDnsServer;
let key: DkimKey;
let resolver: DnsResolver;
const figures: string[] = [];

beforeAll(async () => {
  key = generateDkimKey('ed25519');
  dns = await startFixtureDns({
    zone: {
      'example.com': { TXT: ['v=spf1 ip4:192.0.2.1 -all'], MX: [[10, 'mx.example.com']] },
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
      [dkimKeyName('s1', 'example.com')]: { TXT: [dkimKeyRecord(key)] },
      '1.2.0.192.in-addr.arpa': { PTR: ['mail.example.com'] },
      'mail.example.com': { A: ['192.0.2.1'] },
    },
  });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 1_000, retries: 1 });
});

afterAll(async () => {
  await dns.stop();
  console.log(`bad input through analyzeMessage:\n${figures.join('\n')}`);
});

interface Measured {
  outcome: Report | Error;
  wallMs: number;
  /** Peak RSS above the level before the call: exact when the call raised the process's high-water mark. */
  peakRssGrowth: number;
  exactPeak: boolean;
  /** What the peak cannot exceed: the high-water mark after the call, above the level before it. */
  peakRssBound: number;
  retainedHeap: number;
}

/** The process's resident-memory high-water mark, in bytes. */
const highWaterRss = () => process.resourceUsage().maxRSS * 1024;

/**
 * Runs one analysis and measures wall time, peak RSS and the heap it leaves behind. The peak comes
 * from the high-water mark when the call raised it (exact), else from 5 ms samples (a lower bound,
 * with the earlier high-water mark as the upper bound).
 */
async function measure(raw: Buffer): Promise<Measured> {
  gc();
  const before = process.memoryUsage();
  const highBefore = highWaterRss();
  let sampled = before.rss;
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 5);
  const started = performance.now();
  let outcome: Report | Error;
  try {
    outcome = await analyzeMessage(
      raw,
      { clientIp: '192.0.2.1', helo: 'mail.example.com', mailFrom: 'sender@example.com', tls: null },
      { resolver, lang: 'en', now: NOW },
    );
  } catch (err) {
    outcome = err instanceof Error ? err : new Error(String(err));
  }
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  sampled = Math.max(sampled, process.memoryUsage().rss);
  const highAfter = highWaterRss();
  const exactPeak = highAfter > highBefore;
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - before.heapUsed;
  return {
    outcome,
    wallMs,
    peakRssGrowth: (exactPeak ? highAfter : sampled) - before.rss,
    exactPeak,
    peakRssBound: highAfter - before.rss,
    retainedHeap,
  };
}

const checkIds = (report: Report) => report.checks.map((c) => c.id);

type Expectation = { notAMessage: true } | { checks: string[] };

interface Case {
  name: string;
  make: () => Buffer | Promise<Buffer>;
  expect: Expectation;
}

const cases: Case[] = [
  { name: 'binary junk (1 MB)', make: () => junk(MB, 1), expect: { notAMessage: true } },
  {
    name: 'a PNG file',
    make: () => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), junk(64 * 1024, 2)]),
    expect: { notAMessage: true },
  },
  {
    name: 'a text file with no header fields',
    make: () => Buffer.from('Shopping list\nmilk\neggs: 12\n'),
    expect: { notAMessage: true },
  },
  { name: 'NUL bytes (4 MB)', make: () => Buffer.alloc(4 * MB), expect: { notAMessage: true } },
  {
    name: 'one header field, then binary junk',
    make: () => Buffer.concat([Buffer.from('X-Junk: 1\r\n'), junk(2 * MB, 3)]),
    expect: { checks: ['format.from-invalid'] },
  },
  {
    name: '100 000 header lines',
    make: () =>
      message(
        `${HEAD}\r\n${Array.from({ length: 100_000 }, (_, i) => `X-Filler-${i}: value ${i}`).join('\r\n')}`,
        'body\r\n',
      ),
    expect: { checks: ['format.too-many-headers'] },
  },
  {
    name: '100 000 continuation lines in one field',
    make: () => message(`${HEAD}\r\nX-Folded: start${'\r\n more'.repeat(100_000)}`, 'body\r\n'),
    expect: { checks: [] },
  },
  {
    name: '200 DKIM-Signature fields (garbage)',
    make: () => {
      const signatures = Array.from(
        { length: 200 },
        (_, i) =>
          `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=k${i}; h=from:to:subject; bh=AAAA; b=QkJCQg==`,
      );
      return message(`${signatures.join('\r\n')}\r\n${HEAD}`, 'body\r\n');
    },
    expect: { checks: ['dkim.skipped'] },
  },
  {
    name: 'multipart never terminated',
    make: () =>
      message(
        `${HEAD}\r\nContent-Type: multipart/mixed; boundary=b`,
        '--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>hello',
      ),
    expect: { checks: ['format.mime-broken'] },
  },
  {
    name: 'multiparts nested 1000 deep',
    make: () => nestedMultipart(1_000, true),
    expect: { checks: ['format.mime-broken'] },
  },
  {
    name: 'multiparts nested 1000 deep, never closed',
    make: () => nestedMultipart(1_000, false),
    expect: { checks: ['format.mime-broken'] },
  },
  {
    name: '5000 parts',
    make: () =>
      message(
        `${HEAD}\r\nContent-Type: multipart/mixed; boundary=p`,
        `${'--p\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(5_000)}--p--\r\n`,
      ),
    expect: { checks: ['format.mime-broken'] },
  },
  {
    name: 'a 1 MB header line',
    make: () => message(`${HEAD}\r\nX-Long: ${'a'.repeat(MB)}`, 'body\r\n'),
    expect: { checks: ['format.long-line'] },
  },
  {
    name: 'a From field with 30 000 addresses',
    make: () =>
      message(
        `From: ${Array.from({ length: 30_000 }, (_, i) => `"n${i}" <u${i}@example.com>`).join(', ')}\r\n${HEAD.split('\r\n').slice(1).join('\r\n')}`,
        'body\r\n',
      ),
    expect: { checks: ['format.from-invalid'] },
  },
  {
    // Each line search must stop at the line's end: searching on for a colon once per line was quadratic.
    name: '300 000 colon-less header lines, then 20 MB without a colon',
    make: () =>
      Buffer.concat([
        Buffer.from(`${HEAD}\r\n`),
        repeatLine('x\r\n', 900_000),
        repeatLine(`${'y'.repeat(76)}\r\n`, 20 * MB),
      ]),
    expect: { checks: ['format.too-many-headers'] },
  },
  {
    // Each "--" line must cost one lookup, not one comparison per open boundary (was 5 s).
    name: '50 nested boundaries, then 30 MB of near-miss delimiters',
    make: () => {
      const boundary = (i: number) => `boundary-prefix-${String(i).padStart(3, '0')}`;
      const parts: string[] = [];
      for (let i = 1; i < 50; i++)
        parts.push(
          `--${boundary(i - 1)}\r\nContent-Type: multipart/mixed; boundary="${boundary(i)}"\r\n\r\n`,
        );
      parts.push(`--${boundary(49)}\r\nContent-Type: text/plain\r\n\r\n`);
      return message(
        `${HEAD}\r\nContent-Type: multipart/mixed; boundary="${boundary(0)}"`,
        Buffer.concat([
          Buffer.from(parts.join('')),
          repeatLine(`--${boundary(0).slice(0, -3)}xxx\r\n`, 30 * MB),
        ]),
      );
    },
    expect: { checks: ['format.mime-broken', 'format.large'] },
  },
  {
    name: 'a 30 MB message (base64 attachment, DKIM-signed)',
    make: () => {
      const attachment = repeatLine(`${'QUJD'.repeat(19)}\r\n`, 30 * MB);
      const raw = message(
        `${HEAD}\r\nContent-Type: multipart/mixed; boundary=big`,
        Buffer.concat([
          Buffer.from(
            '--big\r\nContent-Type: text/plain\r\n\r\nSee the attachment.\r\n--big\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n',
          ),
          attachment,
          Buffer.from('--big--\r\n'),
        ]),
      );
      return signMessage(raw, { domain: 'example.com', selector: 's1', key });
    },
    expect: { checks: ['format.large', 'dkim.pass'] },
  },
  {
    // The worst shape for line-by-line code: 15 million lines, every one of them empty.
    name: 'a 30 MB message of empty lines',
    make: () => message(`${HEAD}\r\nContent-Type: text/plain`, repeatLine('\r\n', 30 * MB)),
    expect: { checks: ['format.large'] },
  },
  {
    // Bare LF line ends, as in a file saved on Unix: line-by-line code converts every one of them.
    name: 'a 30 MB message of empty lines (LF line ends)',
    make: () => message(`${HEAD}\r\nContent-Type: text/plain`, repeatLine('\n', 30 * MB)),
    expect: { checks: ['format.large'] },
  },
  {
    name: 'a 30 MB message of 1-octet lines, DKIM-signed',
    make: () => {
      const raw = message(`${HEAD}\r\nContent-Type: text/plain`, repeatLine('.\r\n', 30 * MB));
      return signMessage(raw, { domain: 'example.com', selector: 's1', key });
    },
    expect: { checks: ['format.large', 'dkim.pass'] },
  },
  {
    name: 'an 11 MB HTML body (decoded in full)',
    make: () =>
      message(
        `${HEAD}\r\nContent-Type: text/html; charset=utf-8`,
        repeatLine('<div><p>Lorem ipsum dolor sit amet</p></div>\r\n', 11 * MB),
      ),
    expect: { checks: ['format.html-only', 'format.html-clipped', 'format.large'] },
  },
  {
    name: 'bad base64 (10 MB)',
    make: () =>
      message(
        `${HEAD}\r\nContent-Type: multipart/mixed; boundary=b`,
        Buffer.concat([
          Buffer.from('--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n'),
          repeatLine('!@#$%^&*()_+{}|:<>?~`-=[];,./ \r\n', 10 * MB),
          Buffer.from('--b--\r\n'),
        ]),
      ),
    expect: { checks: ['format.mime-broken', 'format.large'] },
  },
  {
    name: 'a boundary that never appears (30 MB)',
    make: () =>
      message(
        `${HEAD}\r\nContent-Type: multipart/mixed; boundary=never`,
        repeatLine(`--nearly-${'x'.repeat(60)}\r\n`, 30 * MB),
      ),
    expect: { checks: ['format.mime-broken', 'format.large'] },
  },
];

describe('hostile input through analyzeMessage', () => {
  it.each(cases)('$name', { timeout: 120_000 }, async ({ name, make, expect: expected }) => {
    let raw: Buffer | null = await make();
    const size = raw.length;
    const measured = await measure(raw);
    raw = null;
    const { outcome, wallMs, peakRssGrowth, exactPeak, peakRssBound, retainedHeap } = measured;
    const peak = exactPeak
      ? `+${(peakRssGrowth / MB).toFixed(0)} MB`
      : `+${(peakRssGrowth / MB).toFixed(0)}..${(peakRssBound / MB).toFixed(0)} MB`;
    const verdict =
      outcome instanceof Error ? `${outcome.constructor.name}` : `report, score ${outcome.score}`;
    figures.push(
      `  ${name.padEnd(60)} ${(size / MB).toFixed(1).padStart(5)} MB  ${wallMs.toFixed(0).padStart(6)} ms  ` +
        `peak RSS ${peak.padEnd(12)} retained heap ${(retainedHeap / MB).toFixed(1)} MB  → ${verdict}`,
    );

    if ('notAMessage' in expected) {
      expect(outcome).toBeInstanceOf(NotAMessageError);
    } else {
      if (outcome instanceof Error) throw outcome;
      expect(outcome.schema).toBe('mailscore.report/1');
      expect(outcome.score).toBeGreaterThanOrEqual(0);
      expect(outcome.message.size).toBe(size);
      expect(checkIds(outcome)).toEqual(expect.arrayContaining(expected.checks));
      // Every check row has its words: a crash inside a check would have left a hole or thrown.
      for (const check of outcome.checks) expect(check.title.length).toBeGreaterThan(3);
    }
    expect(wallMs).toBeLessThan(MAX_WALL_MS);
    expect(peakRssBound).toBeLessThan(MAX_PEAK_RSS_GROWTH);
    expect(retainedHeap).toBeLessThan(MAX_RETAINED_HEAP);
  });

  it(`looks up at most ${LIMITS.maxDkimSignatures} DKIM keys for 200 signatures`, async () => {
    const keyQueries = () =>
      dns.queries.filter((q) => /\._domainkey\./i.test(q.name) && /^k\d+\./.test(q.name)).length;
    const before = keyQueries();
    const signatures = Array.from(
      { length: 200 },
      (_, i) => `DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=k${i}; h=from; bh=AAAA; b=QkJCQg==`,
    );
    const report = await analyzeMessage(
      message(`${signatures.join('\r\n')}\r\n${HEAD}`, 'body\r\n'),
      { clientIp: '192.0.2.1', helo: 'mail.example.com', mailFrom: 'sender@example.com' },
      {
        resolver: new DnsResolver({ servers: [dns.server], timeoutMs: 1_000, retries: 1 }),
        lang: 'en',
        now: NOW,
      },
    );
    expect(report.auth.dkim.length).toBeGreaterThan(0);
    expect(keyQueries() - before).toBeLessThanOrEqual(LIMITS.maxDkimSignatures);
  });
});
