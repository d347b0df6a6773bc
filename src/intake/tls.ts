/**
 * STARTTLS material: the operator's certificate (MAILSCORE_TLS_CERT / MAILSCORE_TLS_KEY), else a self-signed one
 * made at first start and kept in the data dir, so a restart presents the same certificate (senders that pin or
 * log it see one identity, and no key is generated per start).
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ConfigError, type ServiceConfig } from '../service/config.js';

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** True when we made it ourselves (no MAILSCORE_TLS_CERT). */
  selfSigned: boolean;
}

/** A certificate or key that cannot be used; the message names the setting and the file. */
export class TlsConfigError extends ConfigError {}

export const SELF_SIGNED_CERT_FILE = 'smtp-selfsigned-cert.pem';
export const SELF_SIGNED_KEY_FILE = 'smtp-selfsigned-key.pem';

/** Ten years: nobody validates a self-signed certificate, so expiry only causes an outage nobody asked for. */
const SELF_SIGNED_VALIDITY_DAYS = 3650;
/** A stored certificate this close to expiry is replaced at start rather than left to lapse while running. */
const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 86_400_000;

export async function loadTls(config: ServiceConfig, now: Date = new Date()): Promise<TlsMaterial> {
  if (config.tlsCert && config.tlsKey) return loadConfigured(config.tlsCert, config.tlsKey);
  return loadOrMakeSelfSigned(config.dataDir, certificateNames(config), now);
}

/** The names the certificate is for: the greeting name and the test-address domain. */
export function certificateNames(config: Pick<ServiceConfig, 'hostname' | 'domain'>): string[] {
  const names = [config.hostname, config.domain].filter((name): name is string => Boolean(name));
  return [...new Set(names.map((name) => name.toLowerCase()))];
}

function loadConfigured(certPath: string, keyPath: string): TlsMaterial {
  const cert = readPem(certPath, 'MAILSCORE_TLS_CERT (--tls-cert)');
  const key = readPem(keyPath, 'MAILSCORE_TLS_KEY (--tls-key)');
  const x509 = parseCertificate(cert, `MAILSCORE_TLS_CERT ${certPath}`);
  const privateKey = parseKey(key, `MAILSCORE_TLS_KEY ${keyPath}`);
  if (!x509.checkPrivateKey(privateKey)) {
    throw new TlsConfigError(
      `MAILSCORE_TLS_KEY ${keyPath} is not the private key of the certificate in MAILSCORE_TLS_CERT ${certPath}`,
    );
  }
  return { cert, key, selfSigned: false };
}

function readPem(path: string, setting: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new TlsConfigError(
      `${setting}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** The first certificate of a PEM chain (the server's own; the rest are intermediates). */
function parseCertificate(pem: Buffer, where: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (err) {
    throw new TlsConfigError(`${where}: not a PEM certificate (${(err as Error).message})`);
  }
}

function parseKey(pem: Buffer, where: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (err) {
    throw new TlsConfigError(`${where}: not an unencrypted PEM private key (${(err as Error).message})`);
  }
}

async function loadOrMakeSelfSigned(dataDir: string, names: string[], now: Date): Promise<TlsMaterial> {
  const certPath = join(dataDir, SELF_SIGNED_CERT_FILE);
  const keyPath = join(dataDir, SELF_SIGNED_KEY_FILE);
  const stored = readStored(certPath, keyPath);
  if (stored && isReusable(stored, names, now)) {
    restrictKeyFile(keyPath);
    return { cert: stored.cert, key: stored.key, selfSigned: true };
  }
  const made = await makeSelfSigned(names, now);
  mkdirSync(dataDir, { recursive: true });
  // The key first: a crash between the two writes leaves a pair that does not match, which the next start replaces.
  writeAtomically(keyPath, made.key, 0o600);
  writeAtomically(certPath, made.cert, 0o644);
  return { ...made, selfSigned: true };
}

function readStored(certPath: string, keyPath: string): { cert: Buffer; key: Buffer } | null {
  try {
    return { cert: readFileSync(certPath), key: readFileSync(keyPath) };
  } catch {
    return null;
  }
}

/** A stored pair is reused when it parses, matches, is not about to expire and still covers every name. */
function isReusable(stored: { cert: Buffer; key: Buffer }, names: string[], now: Date): boolean {
  try {
    const x509 = new X509Certificate(stored.cert);
    if (!x509.checkPrivateKey(createPrivateKey(stored.key))) return false;
    if (new Date(x509.validTo).getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return false;
    return names.every((name) => (isIP(name) ? x509.checkIP(name) : x509.checkHost(name)) !== undefined);
  } catch {
    return false;
  }
}

async function makeSelfSigned(names: string[], now: Date): Promise<{ cert: Buffer; key: Buffer }> {
  const commonName = names[0] ?? 'localhost';
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    // RSA 2048: every MTA, however old, can use it. (selfsigned 5.5's EC path fails next to mailauth's older
    // @peculiar/asn1-schema copy: "Cannot get schema for 'AlgorithmIdentifier'".)
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS), // a sender whose clock is a little behind still accepts it
    notAfterDate: new Date(now.getTime() + SELF_SIGNED_VALIDITY_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: (names.length ? names : [commonName]).map((name) =>
          isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
        ),
      },
    ],
  });
  return { cert: Buffer.from(pems.cert), key: Buffer.from(pems.private) };
}

/** Write to a temporary file with its final mode, then rename: a reader never sees half a key or a readable one. */
function writeAtomically(path: string, data: Buffer, mode: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  rmSync(temporary, { force: true }); // left by a crash: 'wx' then creates it afresh with `mode`
  writeFileSync(temporary, data, { mode, flag: 'wx' });
  renameSync(temporary, path);
}

/** A key copied in with a looser mode is tightened; failing that (not our file) is not worth refusing to start. */
function restrictKeyFile(path: string): void {
  try {
    chmodSync(path, 0o600);
  } catch {
    // the key still works; its owner decides its mode
  }
}
