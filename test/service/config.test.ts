/** Service settings: `mailscore serve --help` lists every one; flags > env > config file > defaults. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import {
  ConfigError,
  loadConfig,
  SETTINGS,
  settingsHelp,
  type SettingKey,
} from '../../src/service/config.js';

const dir = mkdtempSync(join(tmpdir(), 'mailscore-config-'));
function configFile(content: unknown): string {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('mailscore serve --help', () => {
  it('lists every setting with its flag, env var and config-file key', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await runCli(['serve', '--help'], {
      stdin: new PassThrough(),
      stdout,
      stderr: new PassThrough(),
      env: {},
    });
    expect(code).toBe(0);
    expect(out).toBe(`${settingsHelp()}\n`);
    for (const key of Object.keys(SETTINGS) as SettingKey[]) {
      const { flag, env } = SETTINGS[key];
      expect(out).toMatch(new RegExp(`^  --${flag}\\b.* env ${env}, config key ${key}$`, 'm'));
    }
    expect(out).toContain('--config <file.json>');
    expect(out).toContain('MAILSCORE_CONFIG');
    expect(out).toMatch(/--daily-tests <n> .*\n .*\(default: 3; range: 0-1000000\)/);
  });
});

describe('loadConfig', () => {
  it('takes the default, then the file, then the env var, then the flag', () => {
    const file = configFile({ httpPort: 1001, domain: 'file.example', dailyTests: 7 });
    const env = { MAILSCORE_HTTP_PORT: '2002', MAILSCORE_DOMAIN: 'env.example' };
    expect(loadConfig({ env: {} }).httpPort).toBe(8080);
    expect(loadConfig({ env: {}, file }).httpPort).toBe(1001);
    expect(loadConfig({ env, file }).httpPort).toBe(2002);
    const all = loadConfig({ env, file, flags: { httpPort: '3003' } });
    expect(all).toMatchObject({ httpPort: 3003, domain: 'env.example', dailyTests: 7, smtpPort: 2525 });
  });

  it('finds the file through MAILSCORE_CONFIG, and ignores empty env vars', () => {
    const file = configFile({ domain: 'file.example', smtpProxyProtocol: true });
    const config = loadConfig({ env: { MAILSCORE_CONFIG: file, MAILSCORE_DOMAIN: '' } });
    expect(config).toMatchObject({ domain: 'file.example', smtpProxyProtocol: true });
  });

  it('refuses bad values with one clear line naming where they came from', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [
        () => loadConfig({ env: { MAILSCORE_HTTP_PORT: '80x' } }),
        /env MAILSCORE_HTTP_PORT: expected a whole number/,
      ],
      [() => loadConfig({ env: {}, flags: { dailyTests: '-1' } }), /flag --daily-tests/],
      [() => loadConfig({ env: {}, flags: { smtpPort: '70000' } }), /between 0 and 65535/],
      [() => loadConfig({ env: { MAILSCORE_SMTP_PROXY_PROTOCOL: 'maybe' } }), /expected true or false/],
      [() => loadConfig({ env: {}, file: configFile({ smtpPrt: 25 }) }), /unknown setting smtpPrt/],
      [() => loadConfig({ env: {}, file: configFile('[1, 2]') }), /expected a JSON object/],
      [() => loadConfig({ env: {}, file: configFile('{broken') }), /config file/],
      [() => loadConfig({ env: {}, file: join(dir, 'missing.json') }), /config file/],
      [() => loadConfig({ env: {}, flags: { tlsCert: 'cert.pem' } }), /--tls-cert and --tls-key go together/],
      [() => loadConfig({ env: {}, flags: { logLevel: 'loud' } }), /must be one of fatal, error/],
      [() => loadConfig({ env: {}, flags: { listen: 'localhost' } }), /--listen must be an IP address/],
      [
        () => loadConfig({ env: { MAILSCORE_DNS: 'dns.example:53' } }),
        /--dns: DNS server must be an IP address/,
      ],
    ];
    for (const [load, message] of cases) {
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(message);
    }
  });
});
