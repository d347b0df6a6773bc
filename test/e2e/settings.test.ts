/**
 * `mailscore serve` as an operator starts it: --help lists every setting; a bad setting ends the process
 * at once with exit code 2 and one line on stderr (never a stack trace, never a half-started service).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/service/config.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { runBin, startServe, stopAll, tempDataDir } from './support.js';

let dns: FixtureDnsServer;
let dir: string;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: {} });
  dir = tempDataDir();
  writeFileSync(join(dir, 'garbage.pem'), 'this is not a certificate\n');
  mkdirSync(join(dir, 'a-directory'));
});
afterAll(async () => {
  await stopAll();
  await dns?.stop();
});

/** `serve` with the usual local flags and `extra`, run to its end. */
const serveWith = (extra: string[], dataDir = join(dir, 'data')) =>
  runBin([
    'serve',
    '--listen',
    '127.0.0.1',
    '--smtp-port',
    '0',
    '--http-port',
    '0',
    '--data',
    dataDir,
    '--dns',
    dns.address,
    ...extra,
  ]);

function expectUsageError(result: Awaited<ReturnType<typeof runBin>>, mentions: RegExp) {
  expect(result.stderr).toMatch(/^mailscore: [^\n]+\n$/); // exactly one line
  expect(result.stderr).toMatch(mentions);
  expect(result.stderr).not.toMatch(/internal error|\s+at /);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe(''); // not even a log line: nothing was started
}

describe('mailscore serve --help', () => {
  it('lists every setting with its flag and environment variable, and exits 0', async () => {
    const result = await runBin(['serve', '--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^usage: mailscore serve/);
    expect(result.stdout).toContain('--config');
    for (const [key, setting] of Object.entries(SETTINGS)) {
      expect(result.stdout, key).toContain(`--${setting.flag}`);
      expect(result.stdout, key).toContain(setting.env);
      expect(result.stdout, key).toContain(`config key ${key}`);
    }
    for (const env of ['MAILSCORE_SMTP_PORT', 'MAILSCORE_DAILY_TESTS', 'MAILSCORE_TLS_CERT']) {
      expect(result.stdout).toContain(env);
    }
  });
});

describe('bad settings: exit 2 with one line on stderr', () => {
  // Value checks are unit-tested in test/service/config.test.ts; here, that the process honours them, and the
  // settings that can only fail when the service starts (files, addresses, levels).
  it.each([
    [['--smtp-port', '99999'], /--smtp-port.*0 and 65535/],
    [['--no-such-flag'], /no-such-flag/],
  ])('serve %j', async (extra, mentions) => {
    expectUsageError(await serveWith(extra), mentions);
  });

  it('an unreadable --tls-cert (a missing file, a directory) names the setting and the file', async () => {
    const missing = join(dir, 'missing-cert.pem');
    expectUsageError(
      await serveWith(['--tls-cert', missing, '--tls-key', missing], tempDataDir()),
      /MAILSCORE_TLS_CERT.*missing-cert\.pem/,
    );
    const directory = join(dir, 'a-directory');
    expectUsageError(
      await serveWith(['--tls-cert', directory, '--tls-key', directory], tempDataDir()),
      /MAILSCORE_TLS_CERT/,
    );
  });

  it('a --tls-cert that is no certificate names the setting', async () => {
    const garbage = join(dir, 'garbage.pem');
    expectUsageError(await serveWith(['--tls-cert', garbage, '--tls-key', garbage]), /MAILSCORE_TLS_CERT/);
  });

  it('an unknown --log-level', async () => {
    expectUsageError(await serveWith(['--log-level', 'loud']), /log-level/);
  });

  it('a --dns that is no server address', async () => {
    expectUsageError(await serveWith(['--dns', 'dns.example:53']), /dns/i);
  });

  it('a --listen that is no IP address', async () => {
    expectUsageError(await serveWith(['--listen', '999.1.1.1']), /listen/);
  });

  it('a --data that is a file, not a directory', async () => {
    expectUsageError(await serveWith([], '/etc/hostname'), /\/etc\/hostname/);
  });

  it('an environment variable is checked like its flag', async () => {
    const result = await runBin(['serve', '--data', join(dir, 'data')], 15_000, {
      MAILSCORE_SMTP_PORT: '99999',
    });
    expectUsageError(result, /MAILSCORE_SMTP_PORT/);
  });
});

describe('a port already in use', () => {
  /** serve with one of its ports taken by another listener. */
  async function withPortTaken(which: '--smtp-port' | '--http-port') {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const other = which === '--smtp-port' ? '--http-port' : '--smtp-port';
      // A bound well under the test's: a process that hangs is killed and fails the test, not the file.
      // 20 s, not less: a fresh data dir means an RSA key for the self-signed certificate first, which a
      // CI machine under load (load average 10 on 2 cores) has been seen to take several seconds over.
      return await runBin(
        [
          'serve',
          '--listen',
          '127.0.0.1',
          which,
          String(port),
          other,
          '0',
          '--data',
          tempDataDir(),
          '--dns',
          dns.address,
        ],
        20_000,
      );
    } finally {
      blocker.close();
    }
  }

  it.each(['--smtp-port', '--http-port'] as const)(
    '%s taken: exit 2 at once with one line naming the address (no hang with the other server up)',
    async (which) => {
      const result = await withPortTaken(which);
      expect(result.stderr).toMatch(/^mailscore: [^\n]*EADDRINUSE[^\n]*127\.0\.0\.1[^\n]*\n$/);
      expect(result.code).toBe(2);
      expect(result.ms).toBeLessThan(20_000);
    },
  );

  it('a service that did start is not disturbed by a second one on its port', async () => {
    const first = await startServe({ dns });
    const second = await runBin([
      'serve',
      '--listen',
      '127.0.0.1',
      '--smtp-port',
      String(first.smtpPort),
      '--http-port',
      '0',
      '--data',
      tempDataDir(),
      '--dns',
      dns.address,
    ]);
    expect(second.code).not.toBe(0);
    const health = await fetch(`${first.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await first.stop()).toBe(0);
  });
});
