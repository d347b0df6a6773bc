/**
 * `mailscore inspect` as users run it: the built binary in a child process, asking a fixture DNS server
 * (npm test builds first; dist/ must be current).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { runCliProcess } from '../support/cli-process.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildMessage, dkimKeyName, dkimKeyRecord, generateDkimKey, signMessage } from '../support/sign.js';

const dir = mkdtempSync(join(tmpdir(), 'mailscore-inspect-'));
const key = generateDkimKey('rsa-2048');
let dns: FixtureDnsServer;
let genuine: string;
let spoof: string;

beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      'example.com': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
      [dkimKeyName('s1', 'example.com')]: { TXT: [dkimKeyRecord(key)] },
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
    },
  });
  const signed = await signMessage(buildMessage({ from: 'billing@example.com' }), {
    domain: 'example.com',
    selector: 's1',
    key,
  });
  const received =
    'Received: from mail.example.com (mail.example.com [198.51.100.10]) by mx.corp.example with ESMTPS id a1; Tue, 07 Jan 2025 10:00:05 +0000\r\n';
  genuine = join(dir, 'genuine.eml');
  writeFileSync(
    genuine,
    Buffer.concat([
      Buffer.from(
        'Authentication-Results: mx.corp.example; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=example.com; dmarc=pass header.from=example.com\r\n' +
          received,
      ),
      signed,
    ]),
  );
  spoof = join(dir, 'spoof.eml');
  writeFileSync(
    spoof,
    Buffer.concat([
      Buffer.from(received.replace('198.51.100.10', '203.0.113.5')),
      buildMessage({ from: 'ceo@example.com', subject: '\u001b[31mURGENT payment' }),
    ]),
  );
});
afterAll(() => dns.stop());

const run = (args: string[], input = '') =>
  runCliProcess(args, { MAILSCORE_DNS: dns.address, MAILSCORE_SPAMD: 'off', MAILSCORE_RSPAMD: 'off' }, input);

describe('mailscore inspect', () => {
  it('--json prints one Report with inspection.verdict', async () => {
    const { code, stdout, stderr } = await run(['inspect', genuine, '--trust', 'mx.corp.example', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.schema).toBe('mailscore.report/1');
    expect(report.inspection!.verdict).toBe('genuine');
    expect(report.inspection!.reasons.every((r) => r.id && r.severity && r.title && r.detail)).toBe(true);
  });

  it('reads standard input and says the verdict first, in plain words, in Japanese too', async () => {
    const { readFileSync } = await import('node:fs');
    const { code, stdout } = await run(['inspect', '-', '--lang', 'ja'], readFileSync(spoof, 'latin1'));
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/要注意|危険/);
    expect(stdout).toMatch(/どうすればよいか/);
    // The message's own words never reach the terminal as escape sequences.
    expect(stdout).not.toContain('\u001b[31m');
  });

  it.each([
    [['inspect'], /inspect takes one message file/],
    [['inspect', 'a.eml', 'b.eml'], /inspect takes one message file/],
    [['inspect', '/nonexistent/file.eml'], /./],
    [['inspect', 'x.eml', '--trust', 'not an id'], /--trust: not an authserv-id/],
    [['inspect', 'x.eml', '--lang', 'fr'], /--lang must be en or ja/],
    [['inspect', 'x.eml', '--bogus'], /bogus/],
  ])('bad input %j: exit 2 with one line', async (args, message) => {
    const { code, stderr, stdout } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('an empty input is exit 2', async () => {
    const { code } = await run(['inspect', '-'], '');
    expect(code).toBe(2);
  });
});
