/**
 * `mailscore blocklist` as users run it: the built binary in a child process, the default list set asked
 * through a real fixture DNS server (npm test builds first; dist/ must be current).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../support/cli-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlocklistResult } from '../../src/blocklists/types.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../../src/blocklists/zones.js';
import type { BlocklistReport } from '../../src/pipeline/blocklist.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

const dir = mkdtempSync(join(tmpdir(), 'mailscore-blocklist-'));

/** An address ZEN refuses (as it refuses public resolvers), and that one list never answers for. */
const REFUSED_IP = '198.51.100.77';
const REFUSED_REVERSED = '77.100.51.198';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      // RFC 5782 5 / Spamhaus: the test point 127.0.0.2 is on SBL, XBL and PBL.
      '2.0.0.127.zen.spamhaus.org': { A: ['127.0.0.2', '127.0.0.4', '127.0.0.10'] },
      [`${REFUSED_REVERSED}.zen.spamhaus.org`]: { A: ['127.255.255.254'] },
      [`${REFUSED_REVERSED}.bl.spamcop.net`]: { TIMEOUT: true },
      'dbl-listed.example.dbl.spamhaus.org': { A: ['127.0.1.2'] },
    },
  });
});
afterAll(() => dns.stop());

const run = (args: string[], env: Record<string, string> = {}) => runCliProcess(args, env);

const byZone = (report: BlocklistReport) =>
  Object.fromEntries(report.blocklists.map((r) => [r.zone, r])) as Record<string, BlocklistResult>;
const ipZones = DEFAULT_BLOCKLIST_ZONES.filter((z) => z.kind === 'ip' && (z.families ?? [4]).includes(4));

describe('mailscore blocklist: bad input is exit 2 with one line on stderr', () => {
  it.each([
    [[], /blocklist takes one IP address or domain name/],
    [['a.example', 'b.example'], /blocklist takes one IP address or domain name/],
    [['not a target'], /not an IP address or a domain name: "not a target"/],
    [['<script>'], /not an IP address or a domain name: "<script>"/],
    [['localhost'], /not an IP address or a domain name/],
    [['10.1.2.3'], /"10\.1\.2\.3" is a special-purpose address \(10\.0\.0\.0\/8, RFC 1918\)/],
    [['127.0.0.1'], /special-purpose address \(127\.0\.0\.0\/8/],
    [['::1'], /special-purpose address/],
    [['192.168.1.1', '--json'], /special-purpose address/],
    [['192.0.2.1', '--lang', 'fr'], /--lang must be en or ja, not "fr"/],
    [['192.0.2.1', '--dns', 'dns.example:53'], /--dns: DNS server must be an IP address/],
    [['192.0.2.1', '--bogus'], /Unknown option '--bogus'/],
    [['192.0.2.1', '--blocklists', join(dir, 'missing.json')], /^mailscore: --blocklists: /],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await run(['blocklist', ...args], { MAILSCORE_DNS: dns.address });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^mailscore: /);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('is listed in the usage, and has its own --help', async () => {
    const help = await run(['--help']);
    expect(help.stdout).toContain('mailscore blocklist <ip|domain>');
    const own = await run(['blocklist', '--help']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('--blocklists <file.json>');
  });
});

describe('mailscore blocklist with the default lists', () => {
  it('runs the whole default set: the RFC 5782 test point is on ZEN (SBL, XBL, PBL), clean elsewhere', async () => {
    const { code, stdout, stderr } = await run(['blocklist', '127.0.0.2', '--dns', dns.address, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as BlocklistReport;
    expect(report).toMatchObject({
      schema: 'mailscore.blocklist/1',
      target: '127.0.0.2',
      kind: 'ip',
      listed: true,
    });
    expect(report.blocklists.map((r) => r.zone).sort()).toEqual(ipZones.map((z) => z.zone).sort());
    const zen = byZone(report)['zen.spamhaus.org']!;
    expect(zen).toMatchObject({
      listed: true,
      status: 'listed',
      codes: ['127.0.0.2', '127.0.0.4', '127.0.0.10'],
      weight: 'major',
    });
    expect(zen.listings.map((l) => l.tag)).toEqual(expect.arrayContaining(['SBL', 'XBL', 'PBL']));
    for (const result of report.blocklists.filter((r) => r.zone !== 'zen.spamhaus.org'))
      expect(result).toMatchObject({ status: 'clean', listed: false });
    expect(report.checks.map((c) => c.id)).toContain('blocklists.ip-listed');
    expect(report.lang).toBe('en');
    expect(Date.parse(report.generatedAt)).not.toBeNaN();
    expect(report.dns.queries).toBe(ipZones.length);
    // Every list was asked once, by its reversed-octet name.
    for (const zone of ipZones) expect(dns.queriesFor(`2.0.0.127.${zone.zone}`).length).toBeGreaterThan(0);
  });

  it('reports a refusal and a list that never answers as errors, not listings, and still exits 0', async () => {
    const { code, stdout } = await run(['blocklist', REFUSED_IP, '--dns', dns.address, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as BlocklistReport;
    expect(report.listed).toBe(false);
    expect(byZone(report)['zen.spamhaus.org']).toMatchObject({
      status: 'error',
      error: 'refused',
      listed: false,
    });
    expect(byZone(report)['bl.spamcop.net']).toMatchObject({ status: 'error', error: 'timeout' });
    expect(report.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining(['blocklists.refused', 'blocklists.error']),
    );
  });

  it('looks a domain up on the domain lists', async () => {
    const { code, stdout } = await run(['blocklist', 'DBL-Listed.Example', '--dns', dns.address, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as BlocklistReport;
    expect(report).toMatchObject({ kind: 'domain', target: 'dbl-listed.example', listed: true });
    expect(byZone(report)['dbl.spamhaus.org']).toMatchObject({ status: 'listed', codes: ['127.0.1.2'] });
    expect(report.checks.map((c) => c.id)).toContain('blocklists.domain-listed');
  });

  it('prints one line per list, then the checks with their fixes, in the language asked for', async () => {
    const en = await run(['blocklist', '127.0.0.2', '--dns', dns.address]);
    expect(en.code).toBe(0);
    const lines = en.stdout.split('\n');
    expect(lines[0]).toBe('Blocklists for 127.0.0.2 (IP address)');
    expect(lines[1]).toMatch(/^Listed on 1 of \d+ blocklists\.$/);
    expect(en.stdout).toMatch(
      /✗ Spamhaus ZEN \(zen\.spamhaus\.org\) +listed: 127\.0\.0\.2, 127\.0\.0\.4, 127\.0\.0\.10\n {6}SBL \(major\): /,
    );
    expect(en.stdout).toMatch(/✓ SpamCop \(bl\.spamcop\.net\)\s+not listed/);
    expect(en.stdout).toContain('Problems');
    expect(en.stdout).toMatch(/\[blocklists\.ip-listed\]/);
    expect(en.stdout).toMatch(/^ {6}Fix: /m);
    expect(en.stdout).toMatch(/^DNS: \d+ lookups/m);
    expect(en.stdout).not.toContain('\x1b['); // no colour when stdout is not a TTY

    const ja = await run(['blocklist', '127.0.0.2', '--dns', dns.address], { LANG: 'ja_JP.UTF-8' });
    expect(ja.stderr).toBe('');
    expect(ja.stdout.split('\n')[0]).toBe('127.0.0.2（IP アドレス）のブロックリスト掲載状況');
    expect(ja.stdout).toContain('掲載あり');
    expect(ja.stdout).toContain('対策:');
  });

  it('takes the lists from --blocklists (or MAILSCORE_BLOCKLISTS)', async () => {
    const file = join(dir, 'only-zen.json');
    writeFileSync(
      file,
      JSON.stringify({ remove: ipZones.filter((z) => z.zone !== 'zen.spamhaus.org').map((z) => z.zone) }),
    );
    const flag = await run(['blocklist', '127.0.0.2', '--dns', dns.address, '--blocklists', file, '--json']);
    expect(flag.stderr).toBe('');
    expect((JSON.parse(flag.stdout) as BlocklistReport).blocklists.map((r) => r.zone)).toEqual([
      'zen.spamhaus.org',
    ]);
    const env = await run(['blocklist', '127.0.0.2', '--dns', dns.address, '--json'], {
      MAILSCORE_BLOCKLISTS: file,
    });
    expect((JSON.parse(env.stdout) as BlocklistReport).blocklists.map((r) => r.zone)).toEqual([
      'zen.spamhaus.org',
    ]);
  });
});
