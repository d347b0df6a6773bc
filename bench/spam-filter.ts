/**
 * Time per report with SpamAssassin on (issue 4, section 7): the whole analysis (analyze(), fixture DNS server
 * answering at once, warm cache after the first message) with spamd as the content filter, one message at a
 * time, beside the same messages with the built-in rules. The spamd engine is wrapped to time its own call, so
 * the share of each report spent waiting for spamd is measured, not inferred.
 *
 * spamd: MAILSCORE_SPAMD or MAILSCORE_TEST_SPAMD when set, else started for the run with
 * scripts/start-filters.sh (deploy/spamassassin/mailscore.cf), else the rows say it was absent.
 *
 * Run alone: `npm run bench -- filters`.
 */
import { builtinFilter } from '../src/content/filters/builtin.js';
import { parseSpamdAddress } from '../src/content/filters/spamc.js';
import { createSpamdFilter } from '../src/content/filters/spamd.js';
import type { SpamFilterEngine } from '../src/content/filters/types.js';
import { DnsResolver } from '../src/dns/resolver.js';
import { analyzeMessage, type EnvelopeInput } from '../src/pipeline/analyze.js';
import { startFixtureDns, type FixtureZone } from '../test/support/dns-server.js';
import { spamdForTests } from '../test/support/filters.js';
import { dkimKeyRecord, generateDkimKey, signMessage, type DkimKey } from '../test/support/sign.js';
import { median, quantile } from './stats.js';

const ENVELOPE: EnvelopeInput = {
  clientIp: '192.0.2.10',
  helo: 'mail.example.com',
  mailFrom: 'bounce@example.com',
  rcptTo: ['test@mailscore.test'],
  tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
};

const zone = (dkimTxt: string): FixtureZone => ({
  'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'], MX: [[10, 'mail.example.com']] },
  's1._domainkey.example.com': { TXT: [dkimTxt] },
  '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
  '10.2.0.192.in-addr.arpa': { PTR: ['mail.example.com'] },
  'mail.example.com': { A: ['192.0.2.10'] },
});

const WORDS =
  'order shipped account invoice meeting schedule report update newsletter offer free click here winner cash prize today limited'.split(
    ' ',
  );

/** A varied mix: plain text, multipart newsletters of a few KB to ~60 KB, and spam-like HTML. */
async function messages(key: DkimKey, count: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    const words = Array.from(
      { length: 200 + ((i * 997) % 8000) },
      (_, j) => WORDS[(i * 31 + j * 7) % WORDS.length],
    );
    const text = words.join(' ').replace(/(.{70,}?) /g, '$1\r\n');
    const subject = kind === 2 ? `YOU ARE A WINNER ${i} !!!` : `Your update number ${i}`;
    const head = [
      'From: Example <news@example.com>',
      'To: test@mailscore.test',
      `Subject: ${subject}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <bench-${i}@example.com>`,
      'MIME-Version: 1.0',
    ];
    const body =
      kind === 0
        ? ['Content-Type: text/plain; charset=utf-8', '', text]
        : [
            'Content-Type: multipart/alternative; boundary="b1"',
            '',
            '--b1',
            'Content-Type: text/plain; charset=utf-8',
            '',
            kind === 2 ? 'Click here' : text,
            '--b1',
            'Content-Type: text/html; charset=utf-8',
            '',
            `<html><body><p>${text.replace(/\r\n/g, '<br>\r\n')}</p><a href="http://198.51.100.${i % 250}/x">Click here</a></body></html>`,
            '--b1--',
            '',
          ];
    out.push(
      await signMessage(Buffer.from([...head, ...body].join('\r\n')), {
        domain: 'example.com',
        selector: 's1',
        key,
      }),
    );
  }
  return out;
}

/** The engine with a stopwatch around each check. */
function timed(engine: SpamFilterEngine, spent: number[]): SpamFilterEngine {
  return {
    name: engine.name,
    async check(input, signal) {
      const started = performance.now();
      try {
        return await engine.check(input, signal);
      } finally {
        spent.push(performance.now() - started);
      }
    },
  };
}

export interface FilterBenchResult {
  spamd: string | null;
  absent: string | null;
  messages: number;
  averageBytes: number;
  withSpamd: { median: number; p95: number; waitShare: number; waitMedian: number; errors: number } | null;
  builtin: { median: number; p95: number };
}

async function run(
  raws: Buffer[],
  resolver: DnsResolver,
  engine: SpamFilterEngine,
): Promise<{ times: number[]; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (const raw of raws) {
    const started = performance.now();
    const report = await analyzeMessage(raw, ENVELOPE, { resolver, lang: 'en', spamFilter: engine });
    times.push(performance.now() - started);
    if (report.checks.some((check) => check.id === 'spamFilter.error')) errors++;
  }
  return { times, errors };
}

export async function benchSpamFilter(count = 60): Promise<FilterBenchResult> {
  const key = generateDkimKey('rsa-2048');
  const dns = await startFixtureDns({ zone: zone(dkimKeyRecord(key)) });
  const given = process.env.MAILSCORE_SPAMD || process.env.MAILSCORE_TEST_SPAMD;
  const spamd =
    given && given !== 'off'
      ? { location: given, absent: null, stop: async () => undefined }
      : await spamdForTests();
  try {
    const raws = await messages(key, count);
    const resolver = new DnsResolver({ servers: [dns.server] });
    const averageBytes = raws.reduce((sum, raw) => sum + raw.length, 0) / raws.length;
    // Warm up both paths (JIT, DNS cache, spamd's children) before measuring.
    await run(raws.slice(0, 5), resolver, builtinFilter);
    const builtin = (await run(raws, resolver, builtinFilter)).times;
    let withSpamd: FilterBenchResult['withSpamd'] = null;
    if (spamd.location) {
      const spent: number[] = [];
      const engine = timed(createSpamdFilter(parseSpamdAddress(spamd.location)), spent);
      await run(raws.slice(0, 5), resolver, engine);
      spent.length = 0;
      const { times, errors } = await run(raws, resolver, engine);
      const total = times.reduce((sum, t) => sum + t, 0);
      withSpamd = {
        median: median(times),
        p95: quantile(times, 0.95),
        waitShare: spent.reduce((sum, t) => sum + t, 0) / total,
        waitMedian: median(spent),
        errors,
      };
    }
    return {
      spamd: spamd.location,
      absent: spamd.absent,
      messages: raws.length,
      averageBytes,
      withSpamd,
      builtin: { median: median(builtin), p95: quantile(builtin, 0.95) },
    };
  } finally {
    await spamd.stop();
    await dns.stop();
  }
}

export function formatFilterRows(result: FilterBenchResult): string[] {
  const size = `${result.messages} messages, ${(result.averageBytes / 1024).toFixed(0)} KB on average (text, newsletters, spam-like HTML), one at a time, warm DNS cache`;
  const spamdRow = result.withSpamd
    ? `| report with SpamAssassin (spamd 4.0, deploy/spamassassin), ${size} | median **${result.withSpamd.median.toFixed(0)} ms**, p95 **${result.withSpamd.p95.toFixed(0)} ms**; waiting for spamd: **${(result.withSpamd.waitShare * 100).toFixed(0)} %** of the time (median ${result.withSpamd.waitMedian.toFixed(0)} ms per message); ${result.withSpamd.errors} filter errors | (informational) |`
    : `| report with SpamAssassin | skipped: ${result.absent} | (informational) |`;
  return [
    spamdRow,
    `| the same messages with the built-in rules | median ${result.builtin.median.toFixed(1)} ms, p95 ${result.builtin.p95.toFixed(1)} ms | (informational) |`,
  ];
}
