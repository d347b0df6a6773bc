/**
 * DKIM (and ARC) signing for tests and benchmarks: keys made on the spot, the DNS TXT record that
 * publishes each key, and signatures made by mailauth's own signer, so what we verify was produced
 * by an independent implementation.
 *
 *   const key = generateDkimKey('rsa-2048');
 *   zone[`${selector}._domainkey.${domain}`] = { TXT: [dkimKeyRecord(key)] };
 *   const signed = await signMessage(buildMessage({ from: 'a@example.com' }), { domain, selector, key });
 */
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { sealMessage } from 'mailauth/lib/arc/index.js';

export type DkimKeyKind = 'rsa-512' | 'rsa-1024' | 'rsa-2048' | 'ed25519';

export interface DkimKey {
  kind: DkimKeyKind;
  type: 'rsa' | 'ed25519';
  /** RSA modulus length, 256 for ed25519. */
  bits: number;
  /** PKCS#8 PEM, what mailauth's signer takes. */
  privateKey: string;
  /** The p= value: SubjectPublicKeyInfo (RSA) or the raw 32-byte key (ed25519, RFC 8463), base64. */
  publicKey: string;
}

/** A fresh key pair. RSA keys are slow to make: generate each kind once per test file. */
export function generateDkimKey(kind: DkimKeyKind): DkimKey {
  if (kind === 'ed25519') {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    return {
      kind,
      type: 'ed25519',
      bits: 256,
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: spki.subarray(spki.length - 32).toString('base64'),
    };
  }
  const bits = Number(kind.slice(4));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return {
    kind,
    type: 'rsa',
    bits,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

export interface KeyRecordOptions {
  /** t=y: the domain is testing DKIM (RFC 6376 3.6.1). */
  testing?: boolean;
  /** Empty p=: the key is revoked. */
  revoked?: boolean;
  /** Extra tags appended as written, e.g. 'h=sha256'. */
  extra?: string;
}

/** The TXT record text to publish at `<selector>._domainkey.<domain>`. */
export function dkimKeyRecord(key: DkimKey, options: KeyRecordOptions = {}): string {
  const tags = ['v=DKIM1', `k=${key.type}`];
  if (options.testing) tags.push('t=y');
  if (options.extra) tags.push(options.extra);
  tags.push(`p=${options.revoked ? '' : key.publicKey}`);
  return tags.join('; ');
}

/** The DNS name of a key record. */
export const dkimKeyName = (selector: string, domain: string): string => `${selector}._domainkey.${domain}`;

export interface SignOptions {
  domain: string;
  selector: string;
  key: DkimKey;
  /** Default: rsa-sha256 for RSA keys, ed25519-sha256 for ed25519 keys. */
  algorithm?: 'rsa-sha256' | 'rsa-sha1' | 'ed25519-sha256';
  /** Default relaxed/relaxed. */
  canonicalization?: `${'simple' | 'relaxed'}/${'simple' | 'relaxed'}`;
  /** l=: body bytes covered. */
  bodyLength?: number;
  /** t= (default: now). */
  signTime?: Date;
  /** x=. */
  expires?: Date;
  /** h= as a list of field names (default: mailauth's list, which includes From). */
  headers?: string[];
}

/** The DKIM-Signature field (with its CRLF) for a raw message. Throws if mailauth refused to sign. */
export async function dkimSignature(raw: Buffer | string, options: SignOptions): Promise<string> {
  const signature = {
    signingDomain: options.domain,
    selector: options.selector,
    privateKey: options.key.privateKey,
    algorithm: options.algorithm,
    canonicalization: options.canonicalization ?? 'relaxed/relaxed',
    maxBodyLength: options.bodyLength,
    headerList: options.headers,
  };
  // mailauth signs only what is listed in signatureData; the times are message-wide options.
  const result = await dkimSign(raw, {
    ...signature,
    signatureData: [signature],
    signTime: options.signTime,
    expires: options.expires,
  });
  if (!result.signatures) {
    throw new Error(`mailauth did not sign: ${result.errors.map((e) => e.err.message).join('; ')}`);
  }
  return result.signatures;
}

/** The message with a new DKIM-Signature prepended (as a signer on the path would add it). */
export async function signMessage(raw: Buffer | string, options: SignOptions): Promise<Buffer> {
  const message = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
  return Buffer.concat([Buffer.from(await dkimSignature(message, options)), message]);
}

export interface SealOptions {
  domain: string;
  selector: string;
  key: DkimKey;
  /** The authserv-id and results recorded in ARC-Authentication-Results. */
  authResults?: string;
  /** cv= of the new seal (default: none for the first set, pass after). */
  cv?: 'none' | 'pass' | 'fail';
  signTime?: Date;
}

/** The message with a new ARC set (ARC-Seal, ARC-Message-Signature, ARC-Authentication-Results) prepended. */
export async function arcSealMessage(raw: Buffer | string, options: SealOptions): Promise<Buffer> {
  const message = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
  const headers = await sealMessage(message, {
    signingDomain: options.domain,
    selector: options.selector,
    privateKey: options.key.privateKey,
    authResults: options.authResults ?? `${options.domain}; dkim=pass header.d=${options.domain}`,
    cv: options.cv,
    signTime: options.signTime,
  });
  if (!headers.length) throw new Error('mailauth did not seal the message');
  return Buffer.concat([headers, message]);
}

export interface MessageOptions {
  from?: string;
  to?: string;
  subject?: string;
  date?: string;
  messageId?: string;
  /** Extra header fields, written as given (before the standard ones). */
  headers?: string[];
  body?: string;
}

/** A plain test message with CRLF line ends. */
export function buildMessage(options: MessageOptions = {}): Buffer {
  const from = options.from ?? 'sender@example.com';
  const lines = [
    ...(options.headers ?? []),
    `From: Sender <${from}>`,
    `To: ${options.to ?? 'test@mailscore.test'}`,
    `Subject: ${options.subject ?? 'A test message'}`,
    `Date: ${options.date ?? 'Tue, 07 Jan 2025 10:00:00 +0000'}`,
    `Message-ID: ${options.messageId ?? `<test.${Date.now()}@${from.split('@').pop()}>`}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  const body = (options.body ?? 'Hello,\nthis is a test message.\n').replace(/\r?\n/g, '\r\n');
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
