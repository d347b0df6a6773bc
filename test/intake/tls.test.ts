/** STARTTLS material: the self-signed certificate is made once and kept; an operator's pair is checked. */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SELF_SIGNED_CERT_FILE,
  SELF_SIGNED_KEY_FILE,
  TlsConfigError,
  certificateNames,
  loadTls,
} from '../../src/intake/tls.js';
import { ConfigError, loadConfig } from '../../src/service/config.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mailscore-tls-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const configFor = (dataDir: string, flags: Record<string, string> = {}) =>
  loadConfig({ flags: { dataDir, domain: 'mailscore.test', ...flags }, env: {} });

describe('self-signed certificate', () => {
  it('is made at first start, kept in the data dir (key mode 0600) and reused at the next start', async () => {
    const dataDir = join(root, 'once');
    const config = configFor(dataDir, { hostname: 'mx.mailscore.test' });
    const first = await loadTls(config);
    expect(first.selfSigned).toBe(true);

    const keyPath = join(dataDir, SELF_SIGNED_KEY_FILE);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyPath)).toEqual(first.key);
    expect(readFileSync(join(dataDir, SELF_SIGNED_CERT_FILE))).toEqual(first.cert);

    const x509 = new X509Certificate(first.cert);
    expect(x509.checkHost('mx.mailscore.test')).toBe('mx.mailscore.test');
    expect(x509.checkHost('mailscore.test')).toBe('mailscore.test');
    expect(x509.checkPrivateKey(createPrivateKey(first.key))).toBe(true);
    const years = (new Date(x509.validTo).getTime() - Date.now()) / (365 * 86_400_000);
    expect(years).toBeGreaterThan(9);

    const again = await loadTls(config);
    expect(again.cert).toEqual(first.cert);
    expect(again.key).toEqual(first.key);
  });

  it('is made afresh when the names change, when it is about to expire, or when the stored pair is broken', async () => {
    const dataDir = join(root, 'renew');
    const original = await loadTls(configFor(dataDir));

    const renamed = await loadTls(configFor(dataDir, { hostname: 'other.mailscore.test' }));
    expect(renamed.cert).not.toEqual(original.cert);
    expect(new X509Certificate(renamed.cert).checkHost('other.mailscore.test')).toBeDefined();

    const nearExpiry = new Date(Date.now() + 3640 * 86_400_000);
    const renewed = await loadTls(configFor(dataDir, { hostname: 'other.mailscore.test' }), nearExpiry);
    expect(renewed.cert).not.toEqual(renamed.cert);

    writeFileSync(join(dataDir, SELF_SIGNED_KEY_FILE), original.key); // a key that does not match the stored cert
    const repaired = await loadTls(configFor(dataDir, { hostname: 'other.mailscore.test' }));
    expect(repaired.cert).not.toEqual(renewed.cert);
    expect(readFileSync(join(dataDir, SELF_SIGNED_KEY_FILE))).toEqual(repaired.key);
  });

  it('covers the greeting name and the domain, once each', () => {
    expect(certificateNames({ hostname: 'MX.Example', domain: 'example' })).toEqual([
      'mx.example',
      'example',
    ]);
    expect(certificateNames({ hostname: null, domain: 'example' })).toEqual(['example']);
    expect(certificateNames({ hostname: 'example', domain: 'example' })).toEqual(['example']);
  });
});

describe("the operator's certificate", () => {
  let made: { cert: Buffer; key: Buffer };
  let other: { cert: Buffer; key: Buffer };
  beforeAll(async () => {
    made = await loadTls(configFor(join(root, 'made-a')));
    other = await loadTls(configFor(join(root, 'made-b')));
  });

  const files = (name: string, cert: Buffer | string, key: Buffer | string) => {
    const certPath = join(root, `${name}-cert.pem`);
    const keyPath = join(root, `${name}-key.pem`);
    writeFileSync(certPath, cert);
    writeFileSync(keyPath, key);
    return { tlsCert: certPath, tlsKey: keyPath };
  };

  it('is used as it is when the pair matches', async () => {
    const dataDir = join(root, 'configured');
    const material = await loadTls(configFor(dataDir, files('good', made.cert, made.key)));
    expect(material).toEqual({ cert: made.cert, key: made.key, selfSigned: false });
  });

  it('is refused with a clear error when the key is not the certificate’s', async () => {
    const error = await loadTls(configFor(join(root, 'x'), files('mismatch', made.cert, other.key))).catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(TlsConfigError);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /MAILSCORE_TLS_KEY .*mismatch-key\.pem is not the private key of the certificate/,
    );
  });

  it('is refused with a clear error when a file is missing or not PEM', async () => {
    const missing = { tlsCert: join(root, 'nope-cert.pem'), tlsKey: join(root, 'nope-key.pem') };
    await expect(loadTls(configFor(join(root, 'x'), missing))).rejects.toThrow(
      /MAILSCORE_TLS_CERT \(--tls-cert\): cannot read .*nope-cert\.pem: ENOENT/,
    );
    await expect(loadTls(configFor(join(root, 'x'), files('garbage', 'hello', made.key)))).rejects.toThrow(
      /MAILSCORE_TLS_CERT .*garbage-cert\.pem: not a PEM certificate/,
    );
    await expect(loadTls(configFor(join(root, 'x'), files('badkey', made.cert, 'hello')))).rejects.toThrow(
      /MAILSCORE_TLS_KEY .*badkey-key\.pem: not an unencrypted PEM private key/,
    );
  });
});
