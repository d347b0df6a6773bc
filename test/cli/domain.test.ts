/**
 * `mailscore domain` as users run it: the built binary in a child process against a real fixture DNS server
 * (npm test builds first; dist/ must be current). --json is exactly one mailscore.domain/1 document; bad
 * input is exit 2 with one line; the text output in English and Japanese shows the sections and the checks.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess, runCliProcess } from '../support/cli-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainAudit } from '../../src/audit/types.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import {
  AUDIT_DMARC,
  AUDIT_DOMAIN,
  AUDIT_MX,
  AUDIT_MX_IP,
  AUDIT_SELECTOR,
  AUDIT_SPF,
  AUDIT_TREE,
  auditZone,
} from '../support/domain-zone.js';

/** A blocklists file that removes every list: the IP's section without a query per list. */
const EMPTY_LISTS = join(mkdtempSync(join(tmpdir(), 'mailscore-domain-')), 'no-lists.json');
writeFileSync(EMPTY_LISTS, JSON.stringify({ replace: true }));

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      ...auditZone(),
      // Hostile DNS text: terminal escapes must never reach the terminal.
      'hostile.test': { TXT: ['v=spf1 \u001b[31mredirect=\u001b]0;owned\u0007x.test -all'] },
    },
  });
});
afterAll(() => dns.stop());

const run = (args: string[], env: Record<string, string> = {}) => runCliProcess(args, env);

/** The same dispatch in this process (each refusal is decided before any work; a process per case is slow). */
const runHere = runCliInProcess;

describe('mailscore domain: bad input is exit 2 with one line on stderr', () => {
  it.each([
    [[], /domain takes one domain name/],
    [['a.example', 'b.example'], /domain takes one domain name/],
    [['a..b'], /empty part.*"a\.\.b"/],
    [['<script>.test'], /only letters, digits, hyphens and dots.*"<script>\.test"/],
    [['192.0.2.1'], /not an IP address \(give the sending IP with --ip\)/],
    [['alice@example.test'], /give the domain of the address, not the address: example\.test/],
    [['https://example.test/'], /not a URL: example\.test/],
    [['localhost'], /give the whole domain name/],
    [['printer.local'], /special-use/],
    [['x'.repeat(300)], /at most 253 characters/],
    [[AUDIT_DOMAIN, '--selector', 'bad!sel'], /^mailscore: --selector: .*"bad!sel"/],
    [[AUDIT_DOMAIN, '--selector', Array.from({ length: 11 }, (_, i) => `s${i}`).join(',')], /at most 10/],
    [[AUDIT_DOMAIN, '--ip', 'nope'], /--ip: not an IP address: "nope"/],
    [[AUDIT_DOMAIN, '--ip', '10.0.0.1'], /--ip: 10\.0\.0\.1 is a special-purpose address \(10\.0\.0\.0\/8/],
    [[AUDIT_DOMAIN, '--lang', 'fr'], /--lang must be en or ja, not "fr"/],
    [[AUDIT_DOMAIN, '--dns', 'dns.example:53'], /--dns: /],
    [[AUDIT_DOMAIN, '--bogus'], /Unknown option '--bogus'/],
    [[AUDIT_DOMAIN, '--blocklists', '/nonexistent/lists.json'], /^mailscore: --blocklists: /],
  ])('%j', async (args, message) => {
    const before = dns.queries.length;
    const { code, stdout, stderr } = await runHere(['domain', ...args], { MAILSCORE_DNS: dns.address });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^mailscore: /);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    // Refused before any lookup.
    expect(dns.queries.length).toBe(before);
  });

  it('is exit 2 with one line from the built binary too', async () => {
    const { code, stdout, stderr } = await run(['domain', 'alice@example.test', '--dns', dns.address]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'mailscore: give the domain of the address, not the address: example.test: "alice@example.test"\n',
    );
  });

  it('is listed in the usage, and has its own --help', async () => {
    const help = await run(['--help']);
    expect(help.stdout).toContain('mailscore domain  <domain>');
    const own = await run(['domain', '--help']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('--selector <name>');
    expect(own.stdout).toContain('--ip <sending-ip>');
  });
});

describe('mailscore domain --json', () => {
  it('prints exactly one mailscore.domain/1 document with the contract fields', async () => {
    const { code, stdout, stderr } = await run([
      'domain',
      'EXAMPLE.test.',
      '--dns',
      dns.address,
      '--json',
      '--selector',
      AUDIT_SELECTOR,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const audit = JSON.parse(stdout) as DomainAudit;
    expect(audit.schema).toBe('mailscore.domain/1');
    expect(audit.domain).toBe(AUDIT_DOMAIN);
    // The contract's shape, whatever the sections find.
    expect(Object.keys(audit)).toEqual(
      expect.arrayContaining(['schema', 'domain', 'spf', 'dmarc', 'dkim', 'mx', 'checks']),
    );
    expect(audit.spf.record === null || typeof audit.spf.record === 'string').toBe(true);
    expect(typeof audit.spf.lookups).toBe('number');
    expect(typeof audit.spf.voidLookups).toBe('number');
    expect(Object.keys(audit.dmarc)).toEqual(expect.arrayContaining(['record', 'foundAt', 'policy']));
    expect(Array.isArray(audit.dkim)).toBe(true);
    expect(Array.isArray(audit.mx)).toBe(true);
    for (const check of audit.checks) {
      expect(Object.keys(check).sort()).toEqual([
        'category',
        'deduction',
        'detail',
        'fix',
        'id',
        'status',
        'title',
      ]);
      expect(check.title).not.toMatch(/\{[a-zA-Z]+\}/);
    }
    expect(audit.score).toBeGreaterThanOrEqual(0);
    expect(audit.score).toBeLessThanOrEqual(10);
    expect(audit.lang).toBe('en');
    // Every query went to the fixture server (nothing reached another resolver).
    expect(dns.queriesFor(AUDIT_DOMAIN).length).toBeGreaterThan(0);
  });

  it('speaks Japanese in the checks with --lang ja (and from LANG)', async () => {
    for (const [args, env] of [
      [['--lang', 'ja'], {}],
      [[], { LANG: 'ja_JP.UTF-8' }],
    ] as const) {
      const { code, stdout } = await run(
        ['domain', AUDIT_DOMAIN, '--dns', dns.address, '--json', ...args],
        env,
      );
      expect(code).toBe(0);
      const audit = JSON.parse(stdout) as DomainAudit;
      expect(audit.lang).toBe('ja');
      for (const check of audit.checks)
        expect(check.title + check.detail).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});

describe('mailscore domain through the whole audit (the real sections on the fixture zone)', () => {
  it('finds the SPF record and its tree, the DMARC record, the DKIM key and the MX host', async () => {
    const { code, stdout } = await run([
      'domain',
      AUDIT_DOMAIN,
      '--dns',
      dns.address,
      '--selector',
      AUDIT_SELECTOR,
      '--ip',
      AUDIT_MX_IP,
      '--blocklists',
      EMPTY_LISTS,
      '--json',
    ]);
    expect(code).toBe(0);
    const audit = JSON.parse(stdout) as DomainAudit;
    expect(audit.spf).toMatchObject({
      record: AUDIT_SPF,
      lookups: AUDIT_TREE.root.total,
      voidLookups: 1,
      all: '-',
    });
    const tree = audit.spf.tree!;
    expect([tree.domain, tree.lookups, tree.totalLookups]).toEqual([AUDIT_DOMAIN, 1, 4]);
    const first = tree.children.find((n) => n.domain === AUDIT_TREE.first.domain)!;
    expect([first.via, first.lookups, first.totalLookups]).toEqual(['include', 2, 3]);
    expect(first.children.map((n) => [n.domain, n.lookups, n.voidLookups])).toEqual([
      [AUDIT_TREE.second.domain, 1, 1],
    ]);
    expect(audit.dmarc).toMatchObject({ record: AUDIT_DMARC, foundAt: AUDIT_DOMAIN, policy: 'none' });
    expect(audit.dmarc.reporting?.find((r) => r.domain === 'reports.example')?.authorized).toBe(true);
    expect(audit.dmarc.plan?.map((step) => step.stage)).toEqual(['quarantine', 'reject']);
    expect(
      audit.dkim.map(({ selector, type, keyBits, revoked }) => ({ selector, type, keyBits, revoked })),
    ).toEqual([{ selector: AUDIT_SELECTOR, type: 'rsa', keyBits: 2048, revoked: false }]);
    expect(
      audit.mx.map(({ exchange, priority, addresses, fcrdns }) => ({
        exchange,
        priority,
        addresses,
        fcrdns,
      })),
    ).toEqual([{ exchange: AUDIT_MX, priority: 10, addresses: [AUDIT_MX_IP], fcrdns: true }]);
    expect(audit.ip).toMatchObject({ ip: AUDIT_MX_IP, fcrdns: true });
    expect(audit.spf.ipResult).toBe('pass');
    const ids = audit.checks.map((c) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining(['spf.record-valid', 'dmarc.record-found', 'dkim.audit-keys-found', 'mx.pass']),
    );
  });

  it("shows the SPF tree indented, with each node's counts", async () => {
    const { stdout } = await run(
      [
        'domain',
        AUDIT_DOMAIN,
        '--dns',
        dns.address,
        '--blocklists',
        EMPTY_LISTS,
        '--selector',
        AUDIT_SELECTOR,
      ],
      {
        NO_COLOR: '1',
      },
    );
    expect(stdout).toContain(
      [
        `SPF: ${AUDIT_SPF}`,
        '  DNS lookups: 4 of 10; void lookups: 1 of 2',
        '  example.test  (1 here, 4 in all)',
        '  └─ include:_spf.example.test  (2 here, 3 in all)',
        '     └─ include:_spf2.example.test  (1 here, 1 in all, 1 void)',
      ].join('\n'),
    );
    expect(stdout).toContain(`DMARC: ${AUDIT_DMARC}\n  found at ${AUDIT_DOMAIN}\n`);
    expect(stdout).toMatch(/ {4}1\. quarantine: v=DMARC1; p=quarantine;/);
    expect(stdout).toContain(`DKIM keys\n  ${AUDIT_SELECTOR}: RSA, 2048 bits\n`);
    expect(stdout).toContain(`MX\n  10 ${AUDIT_MX}  ${AUDIT_MX_IP}  reverse DNS forward-confirmed\n`);
  });
});

describe('mailscore domain (text)', () => {
  it('shows the sections in English: records, the SPF tree, DKIM, MX, then the checks and the DNS line', async () => {
    const { code, stdout, stderr } = await run(
      ['domain', AUDIT_DOMAIN, '--dns', dns.address, '--selector', AUDIT_SELECTOR],
      { NO_COLOR: '1' },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Domain audit of ${AUDIT_DOMAIN}\\nScore: \\d+\\.\\d out of 10\\n`));
    for (const heading of ['SPF:', 'DMARC:', 'DKIM keys', 'MX', 'MTA-STS:', 'TLS-RPT:', 'BIMI:', 'DNSSEC:'])
      expect(stdout).toContain(heading);
    expect(stdout).toMatch(/\nDNS: \d+ lookups \(\d+ cached\), \d+ ms\n$/);
    // No escape sequences without a terminal.
    expect(stdout).not.toMatch(/\x1b/);
  });

  it('shows the sections in Japanese', async () => {
    const { code, stdout } = await run(['domain', AUDIT_DOMAIN, '--dns', dns.address, '--lang', 'ja']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${AUDIT_DOMAIN} のドメイン診断\\nスコア: \\d+\\.\\d / 10 点\\n`));
    expect(stdout).toContain('DKIM 公開鍵');
    expect(stdout).toMatch(/DNS: \d+ 件の問い合わせ/);
  });

  it('never passes terminal control characters from DNS through', async () => {
    const { code, stdout } = await run(['domain', 'hostile.test', '--dns', dns.address], { NO_COLOR: '1' });
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});
