/**
 * The CLI as users and CI pipelines run it: the built binary in a child process, a real DNS server.
 * (npm test builds first; dist/ must be current.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCliProcess } from '../support/cli-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

const BIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mailscore-cli-'));
const MESSAGE = [
  'From: Sender <alice@example.com>',
  'To: test@mailscore.test',
  'Subject: Hello',
  'Date: Mon, 1 Jan 2024 00:00:00 +0000',
  'Message-ID: <cli-test@example.com>',
  '',
  'Hello.',
  '',
].join('\r\n');
const messagePath = join(dir, 'message.eml');
writeFileSync(messagePath, MESSAGE);
writeFileSync(
  join(dir, 'junk.bin'),
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
);
writeFileSync(join(dir, 'empty.eml'), '');

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
    },
  });
});
afterAll(() => dns.stop());

// No local spamd/rspamd: the CLI's reports must not depend on what runs on this machine.
const run = (args: string[], input?: string, env: Record<string, string> = {}) =>
  runCliProcess(
    args,
    { MAILSCORE_DNS: dns.address, MAILSCORE_SPAMD: 'off', MAILSCORE_RSPAMD: 'off', ...env },
    input,
  );

describe('bad arguments and unreadable input: exit 2, one line on stderr', () => {
  it.each([
    [[], /missing command/],
    [['frobnicate'], /unknown command "frobnicate"/],
    // Without --ip the IP is read from Received fields; this message has none (test/pipeline/first-hop.test.ts).
    [['analyze', messagePath], /no Received header .*--ip <client-ip>/],
    [['analyze', messagePath, '--ip', 'not-an-ip'], /--ip is not an IP address: "not-an-ip"/],
    [['analyze', '--ip', '192.0.2.1'], /one message file/],
    [['analyze', join(dir, 'nope.eml'), '--ip', '192.0.2.1'], /cannot read ".*nope\.eml": no such file/],
    [['analyze', dir, '--ip', '192.0.2.1'], /cannot read .*: is a directory/],
    [['analyze', join(dir, 'empty.eml'), '--ip', '192.0.2.1'], /is empty/],
    [['analyze', join(dir, 'junk.bin'), '--ip', '192.0.2.1'], /not an email message/],
    [['analyze', messagePath, '--ip', '192.0.2.1', '--lang', 'fr'], /--lang must be en or ja/],
    [
      ['analyze', messagePath, '--ip', '192.0.2.1', '--dns', 'dns.example:53'],
      /--dns: DNS server must be an IP address/,
    ],
    [['analyze', messagePath, '--ip', '192.0.2.1', '--bogus'], /Unknown option '--bogus'/],
    [['spf', '--ip', '192.0.2.1'], /--mail-from <addr> is required/],
    [['spf', '--mail-from', 'a@example.com'], /--ip <client-ip> is required/],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^mailscore: /);
  });

  it('reports an empty standard input as unreadable', async () => {
    const { code, stderr } = await run(['analyze', '-', '--ip', '192.0.2.1'], '');
    expect(code).toBe(2);
    expect(stderr).toMatch(/standard input is empty/);
  });
});

describe('analyze', () => {
  it('prints exactly one report JSON document and exits 0, whatever the score', async () => {
    const { code, stdout, stderr } = await run([
      'analyze',
      messagePath,
      '--ip',
      '198.51.100.7',
      '--mail-from',
      'alice@example.com',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.schema).toBe('mailscore.report/1');
    expect(report.envelope).toMatchObject({
      clientIp: '198.51.100.7',
      mailFrom: 'alice@example.com',
      tls: null,
    });
    expect(report.message).toMatchObject({
      from: 'alice@example.com',
      subject: 'Hello',
      messageId: '<cli-test@example.com>',
    });
    expect(report.score).toBeGreaterThanOrEqual(0);
    expect(report.score).toBeLessThanOrEqual(10);
    expect(report.gmail.redLock).toBe(true);
  });

  it('reads standard input and records --tls, --helo and every --rcpt', async () => {
    const { code, stdout } = await run(
      [
        'analyze',
        '-',
        '--ip',
        '192.0.2.10',
        '--helo',
        'mail.example.com',
        '--rcpt',
        'a@x.test',
        '--rcpt',
        'b@x.test',
        '--tls',
        'TLSv1.3',
        '--json',
      ],
      MESSAGE,
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.envelope).toMatchObject({
      helo: 'mail.example.com',
      rcptTo: ['a@x.test', 'b@x.test'],
      tls: { protocol: 'TLSv1.3' },
    });
    expect(report.gmail.redLock).toBe(false);
  });

  it('prints a readable summary, score first, in the language asked for', async () => {
    const en = await run(['analyze', messagePath, '--ip', '192.0.2.10', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout.split('\n')[0]).toMatch(/^Score: \d+\.\d out of 10$/);
    expect(en.stdout).toContain('How Gmail shows this message');
    expect(en.stdout).not.toContain('\x1b['); // no colour when stdout is not a TTY
    const ja = await run(['analyze', messagePath, '--ip', '192.0.2.10'], undefined, { LANG: 'ja_JP.UTF-8' });
    expect(ja.stdout.split('\n')[0]).toMatch(/^スコア: \d+\.\d \/ 10 点$/);
    expect(ja.stdout).toContain('Gmail での表示');
  });

  it('keeps terminal control characters from the message out of the summary', async () => {
    const hostile = MESSAGE.replace('Subject: Hello', 'Subject: \x1b]0;pwned\x07Hello').replace(
      'alice@example.com',
      'ali\x1b[31mce@example.com',
    );
    const { code, stdout } = await run(['analyze', '-', '--ip', '192.0.2.10'], hostile);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/\x1b|\x07/);
  });

  it('stays quiet when the reader leaves before the output (mailscore analyze … | head)', async () => {
    const child = spawn(process.execPath, [BIN, 'analyze', messagePath, '--ip', '192.0.2.10', '--json'], {
      env: {
        PATH: process.env.PATH ?? '',
        MAILSCORE_DNS: dns.address,
        MAILSCORE_SPAMD: 'off',
        MAILSCORE_RSPAMD: 'off',
      },
      timeout: 30_000,
    });
    child.stdout.destroy(); // the reading end closes: the report's write fails with EPIPE
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('spf', () => {
  it.each([
    ['192.0.2.55', 'alice@example.com', 'pass'],
    ['203.0.113.5', 'alice@example.com', 'fail'],
  ])('%s for %s → %s, as the contract JSON', async (ip, mailFrom, result) => {
    const { code, stdout } = await run(['spf', '--ip', ip, '--mail-from', mailFrom, '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out).sort()).toEqual(['domain', 'explanation', 'mechanism', 'result']);
    expect(out).toMatchObject({ result, domain: 'example.com' });
  });
});
