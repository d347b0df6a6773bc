/**
 * `npm run bench`: prints a markdown section for docs/benchmarks.md. `npm run bench -- engine` runs only the
 * analysis engine's part (issue 2), `npm run bench -- service` only the service's (issue 3), `npm run bench --
 * filters` only the content filter's (issue 4: bench/spam-filter.ts).
 *
 * Issue 2, section 8 (the analysis engine):
 * (a) Latency in DNS round trips: every answer of the fixture DNS server is delayed by 50 ms; a cold
 *     report's wall time divided by 50 ms is the number of sequential round trips it needed. Target ≤ 4.
 * (b) Throughput with a warm cache, one core, a 100 KB DKIM-signed message: our full analysis beside
 *     mailauth's spf + dkim verify + dmarc called directly on the same message, in the same run. Target ≥ 50 %.
 *
 * Issue 3, section 7 (the service): SMTP intake throughput beside a bare smtp-server (bench/smtp-intake.ts),
 * end of DATA → report ready (bench/report-latency.ts), peak RSS with 1000 idle SMTP connections
 * (bench/idle-connections.ts).
 *
 * Shared machines are noisy: the figures that matter are the ratios, each measured within one run.
 */
import os from 'node:os';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { dmarc } from 'mailauth/lib/dmarc/index.js';
import { spf } from 'mailauth/lib/spf/index.js';
import { DnsResolver } from '../src/dns/resolver.js';
import { DnsSession } from '../src/dns/session.js';
import { checkContent } from '../src/checks/content.js';
import type { CheckContext } from '../src/checks/types.js';
import { extractContent } from '../src/content/extract.js';
import { firedBuiltinRules } from '../src/content/filters/builtin.js';
import { parseMessage } from '../src/message/parse.js';
import { analyzeMessage, type EnvelopeInput } from '../src/pipeline/analyze.js';
import { auditDomain } from '../src/audit/audit.js';
import { startFixtureDns, type FixtureZone } from '../test/support/dns-server.js';
import { AUDIT_DOMAIN, AUDIT_MX_IP, AUDIT_SELECTOR, auditZone } from '../test/support/domain-zone.js';
import { dkimKeyRecord, generateDkimKey, signMessage, type DkimKey } from '../test/support/sign.js';
import { benchIdleConnections, formatIdleRows } from './idle-connections.js';
import { benchReportLatency, formatLatencyRows } from './report-latency.js';
import { benchSmtpIntake, formatIntakeRows } from './smtp-intake.js';
import { benchSpamFilter, formatFilterRows } from './spam-filter.js';

const ROUND_TRIP_MS = 50;
const envelope: EnvelopeInput = {
  clientIp: '192.0.2.10',
  helo: 'mail.example.com',
  mailFrom: 'bounce@example.com',
  rcptTo: ['test@mailscore.test'],
  tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
};

/** A realistic sender: SPF with a nested include, DKIM, DMARC at the organizational domain, FCrDNS. */
function zone(dkimTxt: string): FixtureZone {
  return {
    'example.com': { TXT: ['v=spf1 include:_spf.mailer.example.net -all'], MX: [[10, 'mail.example.com']] },
    '_spf.mailer.example.net': {
      TXT: ['v=spf1 ip4:198.51.100.0/24 include:_netblocks.mailer.example.net ~all'],
    },
    '_netblocks.mailer.example.net': { TXT: ['v=spf1 ip4:192.0.2.0/24 ~all'] },
    's1._domainkey.example.com': { TXT: [dkimTxt] },
    '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@example.com'] },
    '10.2.0.192.in-addr.arpa': { PTR: ['mail.example.com'] },
    'mail.example.com': { A: ['192.0.2.10'] },
  };
}

/** A message of about `bodyBytes`: text/plain, or multipart/alternative with the same text as HTML too. */
async function signedMessage(key: DkimKey, bodyBytes: number, html = false): Promise<Buffer> {
  const line =
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.\r\n';
  const lines = Math.ceil(bodyBytes / line.length / (html ? 2 : 1));
  const text = line.repeat(lines);
  const head = [
    'From: Example Shop <news@example.com>',
    'To: test@mailscore.test',
    'Subject: Benchmark message',
    `Date: ${new Date().toUTCString()}`,
    'Message-ID: <bench@example.com>',
    'MIME-Version: 1.0',
  ];
  const body = html
    ? [
        'Content-Type: multipart/alternative; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        text,
        '--b1',
        'Content-Type: text/html; charset=utf-8',
        '',
        `<html><body>${text.replace(/\r\n/g, '<br>\r\n')}</body></html>`,
        '--b1--',
        '',
      ]
    : ['Content-Type: text/plain; charset=utf-8', '', text];
  const message = Buffer.from([...head, ...body].join('\r\n'));
  return signMessage(message, { domain: 'example.com', selector: 's1', key });
}

async function latency(): Promise<{ ms: number; roundTrips: number; queries: number; sent: number }> {
  const key = generateDkimKey('rsa-2048');
  const dns = await startFixtureDns({ zone: zone(dkimKeyRecord(key)), delayMs: ROUND_TRIP_MS });
  try {
    const message = await signedMessage(key, 2_000);
    const runs: number[] = [];
    let queries = 0;
    let sent = 0;
    for (let i = 0; i < 5; i++) {
      const resolver = new DnsResolver({ servers: [dns.server] }); // cold cache each time
      const before = dns.queries.length;
      const started = performance.now();
      const report = await analyzeMessage(message, envelope, { resolver, lang: 'en' });
      runs.push(performance.now() - started);
      queries = report.dns.queries;
      sent = dns.queries.length - before;
      if (report.auth.dkim[0]?.result !== 'pass' || report.auth.spf.result !== 'pass') {
        throw new Error(
          `benchmark setup broken: spf ${report.auth.spf.result}, dkim ${report.auth.dkim[0]?.result}`,
        );
      }
    }
    runs.sort((a, b) => a - b);
    const ms = runs[Math.floor(runs.length / 2)]!;
    return { ms, roundTrips: ms / ROUND_TRIP_MS, queries, sent };
  } finally {
    await dns.stop();
  }
}

async function rate(fn: () => Promise<unknown>, seconds: number): Promise<number> {
  for (let i = 0; i < 20; i++) await fn(); // warm up (JIT, caches)
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await fn();
    count++;
  }
  return count / ((performance.now() - started) / 1000);
}

async function throughput(html: boolean): Promise<{ ours: number; library: number; bytes: number }> {
  const key = generateDkimKey('rsa-2048');
  const dns = await startFixtureDns({ zone: zone(dkimKeyRecord(key)) });
  try {
    const message = await signedMessage(key, 100 * 1024, html);
    const resolver = new DnsResolver({ servers: [dns.server] });
    const ours = () => analyzeMessage(message, envelope, { resolver, lang: 'en' });
    const library = async () => {
      const session = new DnsSession(resolver);
      try {
        const resolve = session.mailauthResolver;
        const [dkimResult, spfResult] = await Promise.all([
          dkimVerify(message, { resolver: resolve }),
          spf({
            ip: envelope.clientIp!,
            helo: envelope.helo!,
            sender: envelope.mailFrom!,
            resolver: resolve,
            mta: 'bench',
          }),
        ]);
        return dmarc({
          headerFrom: dkimResult.headerFrom,
          spfDomains: spfResult.status.result === 'pass' ? [spfResult.domain] : [],
          dkimDomains: (dkimResult.results ?? [])
            .filter((r) => r.status.result === 'pass')
            .map((r) => ({ domain: r.signingDomain!, aligned: r.status.aligned })),
          resolver: resolve,
        } as never);
      } finally {
        session.close();
      }
    };
    // Interleave the two so that machine noise hits both alike.
    let oursRate = 0;
    let libraryRate = 0;
    for (let round = 0; round < 3; round++) {
      libraryRate += await rate(library, 2);
      oursRate += await rate(ours, 2);
    }
    return { ours: oursRate / 3, library: libraryRate / 3, bytes: message.length };
  } finally {
    await dns.stop();
  }
}

/** Mean milliseconds of one call, after a warm-up. */
async function meanMs(fn: () => unknown, calls = 300): Promise<number> {
  for (let i = 0; i < 30; i++) await fn();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return (performance.now() - started) / calls;
}

/** Where a report's time goes on the (b) message, stage by stage (each measured alone, warm). */
async function stages(): Promise<{ parse: number; decode: number; rules: number; content: number }> {
  const key = generateDkimKey('rsa-2048');
  const message = await signedMessage(key, 100 * 1024);
  const parse = await meanMs(() => parseMessage(message));
  const decodeAndParse = await meanMs(async () => extractContent(await parseMessage(message)));
  const parsed = await parseMessage(message);
  const content = await extractContent(parsed);
  const rules = await meanMs(() => firedBuiltinRules({ message: parsed, content }));
  const contentCheck = await meanMs(() => checkContent({ message: parsed } as CheckContext, content));
  return { parse, decode: decodeAndParse - parse, rules, content: contentCheck };
}

/** Issue 6: a cold domain audit (SPF tree of 3 records, DMARC with an outside report address, DKIM, MX, the IP). */
async function auditLatency(): Promise<{ ms: number; roundTrips: number; queries: number; sent: number }> {
  const dns = await startFixtureDns({ zone: auditZone(), delayMs: ROUND_TRIP_MS });
  try {
    const runs: number[] = [];
    let queries = 0;
    let sent = 0;
    for (let i = 0; i < 5; i++) {
      const resolver = new DnsResolver({ servers: [dns.server] }); // cold cache each time
      const before = dns.queries.length;
      const started = performance.now();
      const { audit } = await auditDomain(AUDIT_DOMAIN, {
        resolver,
        lang: 'en',
        ip: AUDIT_MX_IP,
        selectors: [AUDIT_SELECTOR],
        fetch: { enabled: false },
      });
      runs.push(performance.now() - started);
      queries = audit.dns.queries;
      sent = dns.queries.length - before;
      if (audit.spf.lookups !== 4 || audit.dkim.length === 0)
        throw new Error('benchmark setup broken: audit');
    }
    runs.sort((a, b) => a - b);
    const ms = runs[Math.floor(runs.length / 2)]!;
    return { ms, roundTrips: ms / ROUND_TRIP_MS, queries, sent };
  } finally {
    await dns.stop();
  }
}

const TABLE_HEAD = ['| benchmark | figure | target |', '|---|---|---|'];

async function engineRows(): Promise<string[]> {
  const a = await latency();
  const b = await throughput(false);
  const c = await throughput(true);
  const d = await stages();
  const e = await auditLatency();
  return [
    `| (a) cold report, every DNS answer delayed ${ROUND_TRIP_MS} ms, the full default blocklist set | ${a.ms.toFixed(0)} ms = **${a.roundTrips.toFixed(2)} round trips**; ${a.queries} lookups by the checks, ${a.sent} sent to the server | ≤ 4 round trips |`,
    `| (b) warm cache, ${(b.bytes / 1024).toFixed(0)} KB DKIM-signed text/plain message, one core | ours ${b.ours.toFixed(0)}/s, mailauth spf+dkim+dmarc ${b.library.toFixed(0)}/s = **${((b.ours / b.library) * 100).toFixed(0)} %** | ≥ 50 % |`,
    `| (b′) the same with a ${(c.bytes / 1024).toFixed(0)} KB multipart/alternative text + HTML message (the body is then decoded for the HTML checks) | ours ${c.ours.toFixed(0)}/s, mailauth ${c.library.toFixed(0)}/s = **${((c.ours / c.library) * 100).toFixed(0)} %** | (informational) |`,
    `| (b″) where (b)'s time goes, per message: ours ${(1000 / b.ours).toFixed(2)} ms, mailauth ${(1000 / b.library).toFixed(2)} ms | parsing ${d.parse.toFixed(2)} ms; content decoding ${d.decode.toFixed(2)} ms, built-in content rules ${d.rules.toFixed(2)} ms, content check ${d.content.toFixed(2)} ms (issue 4); the rest is authentication, reverse DNS, format and scoring | (informational) |`,
    `| (c) cold domain audit (issue 6), every DNS answer delayed ${ROUND_TRIP_MS} ms: SPF tree of 3 records, DMARC with an outside report address, the DKIM selector given and 35 common ones, MX, the sending IP with the default blocklists (HTTPS fetches off) | ${e.ms.toFixed(0)} ms = **${e.roundTrips.toFixed(2)} round trips**; ${e.queries} lookups, ${e.sent} sent to the server | within a report's deadline (10 s) |`,
  ];
}

async function serviceRows(): Promise<string[]> {
  const intake = await benchSmtpIntake();
  const intakeWhole = await benchSmtpIntake({ whole: true });
  const latencies = [await benchReportLatency(), await benchReportLatency({ senders: 10 })];
  const idle = [await benchIdleConnections(), await benchIdleConnections({ starttls: true })];
  return [
    ...formatIntakeRows(intake),
    ...formatIntakeRows(intakeWhole),
    ...formatLatencyRows(latencies),
    ...formatIdleRows(idle),
  ];
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only !== undefined && !['engine', 'service', 'filters'].includes(only)) {
    throw new Error(`unknown part ${JSON.stringify(only)}: engine, service or filters`);
  }
  const started = performance.now();
  const loadBefore = os.loadavg()[0]!;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `### ${new Date().toISOString().slice(0, 10)} — ${cpu}, ${os.cpus().length} cores, Node.js ${process.version}`,
    '',
  ];
  if (only === undefined || only === 'engine')
    lines.push('Analysis engine (issue 2):', '', ...TABLE_HEAD, ...(await engineRows()), '');
  if (only === undefined || only === 'service')
    lines.push('Service (issue 3):', '', ...TABLE_HEAD, ...(await serviceRows()), '');
  if (only === undefined || only === 'filters')
    lines.push(
      'Content filter (issue 4):',
      '',
      ...TABLE_HEAD,
      ...formatFilterRows(await benchSpamFilter()),
      '',
    );
  // Other work on the machine skews every figure: the load average says whether it was quiet.
  const load = `load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`;
  lines.push(`(${((performance.now() - started) / 1000).toFixed(0)} s in all; ${load})`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  // A load generator or server still running would keep the process alive.
  process.exit(1);
});
