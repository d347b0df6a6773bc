/**
 * `mailscore generate spf|dmarc|dkim`: flags to the generators and back, as users run it. Refusals are
 * exit 2 with one line (checked in this process: each is decided before any work); the records, the JSON
 * documents and the DKIM key file through the built binary against a fixture DNS server.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess, runCliProcess } from '../support/cli-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DkimDocument, DmarcDocument, SpfDocument } from '../../src/pipeline/generate.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

const dir = mkdtempSync(join(tmpdir(), 'mailscore-generate-'));

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      // Google's include as the builder will walk it: two levels, three lookups below the include.
      '_spf.google.com': {
        TXT: ['v=spf1 include:_netblocks.google.com include:_netblocks2.google.com ~all'],
      },
      '_netblocks.google.com': { TXT: ['v=spf1 ip4:172.217.0.0/19 ~all'] },
      '_netblocks2.google.com': { TXT: ['v=spf1 ip6:2001:4860:4000::/36 ~all'] },
      '_spf.example.test': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
    },
  });
});
afterAll(() => dns.stop());

const run = (args: string[], env: Record<string, string> = {}) => runCliProcess(args, env);

const runHere = runCliInProcess;

describe('mailscore generate: bad input is exit 2 with one line on stderr', () => {
  it.each([
    [[], /generate takes spf, dmarc or dkim/],
    [['spf2'], /generate makes spf, dmarc or dkim, not "spf2"/],
    [
      ['spf', '--ip', '999.1.1.1'],
      /^mailscore: --ip: not an IPv4 or IPv6 address or network: "999\.1\.1\.1"/,
    ],
    [['spf', '--service', 'nope'], /--service: unknown service .*--list.*: "nope"/],
    [['spf', '--include', 'bad domain'], /--include: not a domain name/],
    [['spf', '--all', 'maybe'], /all: fail \(-all\) or softfail \(~all\)/],
    [['spf', 'a..b'], /empty part/],
    [['spf', 'a.test', 'b.test'], /at most one domain/],
    [['dmarc'], /generate dmarc takes one domain/],
    [['dmarc', 'not a domain'], /letters, digits, hyphens and dots/],
    [
      ['dmarc', 'example.test', '--policy', 'block'],
      /^mailscore: --policy: policy is none, quarantine or reject, not "block"/,
    ],
    [['dmarc', 'example.test', '--sp', 'x'], /^mailscore: --sp: /],
    [['dmarc', 'example.test', '--aspf', 'x'], /^mailscore: --aspf: aspf is r \(relaxed\) or s \(strict\)/],
    [
      ['dmarc', 'example.test', '--rua', 'not-an-address'],
      /^mailscore: --rua: "not-an-address" is not a mailbox/,
    ],
    [['dkim', 'example.test'], /--selector <name> is required/],
    [['dkim', 'example.test', '--selector', 'a b'], /^mailscore: --selector: one DKIM selector.*: "a b"/],
    [
      ['dkim', 'example.test', '--selector', 's1', '--type', 'dsa'],
      /^mailscore: --type: rsa-2048 or ed25519: "dsa"/,
    ],
    [['dkim', '192.0.2.1', '--selector', 's1'], /not an IP address/],
    [['dkim', 'example.test', '--selector', 's1', '--lang', 'fr'], /--lang must be en or ja/],
    [['dmarc', 'example.test', '--bogus'], /Unknown option '--bogus'/],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await runHere(['generate', ...args], { MAILSCORE_DNS: dns.address });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^mailscore: /);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('is in the usage, with its own --help', async () => {
    const help = await runHere(['--help']);
    expect(help.stdout).toContain('mailscore generate spf');
    const own = await runHere(['generate', 'dkim', '--help']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('--key-file <path>');
  });
});

describe('mailscore generate spf', () => {
  it('builds one record from services, includes and addresses, counting each include through the DNS', async () => {
    const { code, stdout, stderr } = await run([
      'generate',
      'spf',
      'Example.TEST',
      '--service',
      'google-workspace',
      '--include',
      '_spf.example.test',
      '--ip',
      '192.0.2.25,2001:db8::/48',
      '--all',
      'fail',
      '--dns',
      dns.address,
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const document = JSON.parse(stdout) as SpfDocument;
    expect(document.schema).toBe('mailscore.generate.spf/1');
    expect(document.record).toBe(
      'v=spf1 ip4:192.0.2.25 ip6:2001:db8::/48 include:_spf.google.com include:_spf.example.test -all',
    );
    expect(document.includes.map((i) => [i.domain, i.lookups, i.status])).toEqual([
      ['_spf.google.com', 3, 'included'],
      ['_spf.example.test', 1, 'included'],
    ]);
    expect(document.lookups).toBe(4);
    expect(document.complete).toBe(true);
    expect(dns.queriesFor('_netblocks2.google.com').length).toBeGreaterThan(0);
  });

  it('prints the record and the notes in English and Japanese', async () => {
    const en = await runHere(['generate', 'spf', 'example.test', '--ip', '192.0.2.25'], {
      MAILSCORE_DNS: dns.address,
    });
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(
      /^SPF record to publish as TXT at example\.test:\n {2}v=spf1 ip4:192\.0\.2\.25 ~all\nDNS lookups: 0 of 10\n/,
    );
    expect(en.stdout).toContain('[spf.build-softfail]');
    const ja = await runHere(['generate', 'spf', '--ip', '192.0.2.25', '--lang', 'ja'], {
      MAILSCORE_DNS: dns.address,
    });
    expect(ja.stdout).toMatch(/^ドメインの TXT として公開する SPF レコード:\n/);
    expect(ja.stdout).toContain('DNS 参照: 0 / 10 回');
  });

  it('lists the services it knows (--list)', async () => {
    const { code, stdout } = await runHere(['generate', 'spf', '--list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/google-workspace +include:_spf\.google\.com +Google Workspace/);
    const json = await runHere(['generate', 'spf', '--list', '--json']);
    expect((JSON.parse(json.stdout) as Array<{ id: string }>).map((p) => p.id)).toContain('microsoft-365');
  });
});

describe('mailscore generate dmarc', () => {
  it('builds the record and the authorization an outside report address needs', async () => {
    const { code, stdout } = await runHere([
      'generate',
      'dmarc',
      '例え.test',
      '--policy',
      'quarantine',
      '--sp',
      'reject',
      '--adkim',
      's',
      '--rua',
      'dmarc@reports.example',
      '--rua',
      'mailto:me@xn--r8jz45g.test',
      '--json',
    ]);
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as DmarcDocument;
    expect(document).toMatchObject({
      schema: 'mailscore.generate.dmarc/1',
      domain: 'xn--r8jz45g.test',
      name: '_dmarc.xn--r8jz45g.test',
    });
    expect(document.record).toMatch(
      /^v=DMARC1; p=quarantine; sp=reject; adkim=s; rua=mailto:dmarc@reports\.example,mailto:me@xn--r8jz45g\.test$/,
    );
    expect(document.authorizations).toEqual([
      {
        destination: 'reports.example',
        name: 'xn--r8jz45g.test._report._dmarc.reports.example',
        record: 'v=DMARC1',
      },
    ]);
  });

  it('starts at p=none by default and says so in Japanese', async () => {
    const { code, stdout } = await runHere(['generate', 'dmarc', 'example.test', '--lang', 'ja']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^_dmarc\.example\.test の TXT として公開する DMARC レコード:\n {2}v=DMARC1; p=none\n/,
    );
  });
});

describe('mailscore generate dkim', () => {
  it('makes a key whose TXT record holds its own public key', async () => {
    const { code, stdout, stderr } = await run([
      'generate',
      'dkim',
      'example.test',
      '--selector',
      'S2026',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as DkimDocument;
    expect(document).toMatchObject({
      schema: 'mailscore.generate.dkim/1',
      type: 'rsa-2048',
      selector: 's2026',
      name: 's2026._domainkey.example.test',
    });
    const key = createPrivateKey(document.privateKeyPem);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');
    expect(document.publicRecord).toBe(`v=DKIM1; k=rsa; p=${spki}`);
    // Longer than one character-string: split, and joined back it is the record.
    expect(document.txtStrings.length).toBeGreaterThan(1);
    expect(document.txtStrings.join('')).toBe(document.publicRecord);
    for (const part of document.txtStrings) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
  });

  it('prints the record, the warning and the key as text', async () => {
    const { code, stdout } = await runHere([
      'generate',
      'dkim',
      'example.test',
      '--selector',
      'ed',
      '--type',
      'ed25519',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^DKIM key \(Ed25519\) for selector ed of example\.test\nPublish this TXT record at ed\._domainkey\.example\.test:\n {2}ed\._domainkey\.example\.test\. IN TXT "v=DKIM1; k=ed25519; p=[A-Za-z0-9+/=]{44}"\n/,
    );
    expect(stdout).toContain('shown only this once and is stored nowhere');
    expect(stdout).toMatch(/-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----/);
  });

  it('writes the key only to --key-file (mode 0600), and never over an existing file', async () => {
    const path = join(dir, 'dkim.pem');
    const first = await run(['generate', 'dkim', 'example.test', '--selector', 's1', '--key-file', path]);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toContain('PRIVATE KEY');
    expect(first.stdout).toContain(`Private key written to ${path}`);
    expect(readFileSync(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await runHere([
      'generate',
      'dkim',
      'example.test',
      '--selector',
      's1',
      '--key-file',
      path,
      '--json',
    ]);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/--key-file: the file exists/);
  });
});
