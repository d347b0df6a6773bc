/**
 * DKIM key generation (the fix generator): a fresh key pair, the private key for the user to keep, and the
 * TXT record to publish at `<selector>._domainkey.<domain>`, split into DNS character-strings.
 *
 * Keys are made per request and returned, never stored or logged: the service only passes them through.
 * Generation is asynchronous (node:crypto's generateKeyPair runs in the thread pool), so a 2048-bit RSA key
 * (tens of milliseconds, sometimes hundreds) does not stop the event loop.
 */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Finding } from '../checks/types.js';
import { parseAuditDomain, parseSelectors } from '../audit/target.js';

export const DKIM_KEY_TYPES = ['rsa-2048', 'ed25519'] as const;
export type DkimKeyType = (typeof DKIM_KEY_TYPES)[number];

export interface DkimKeyRequest {
  type: DkimKeyType;
  selector: string;
  domain: string;
}

export interface GeneratedDkimKey {
  type: DkimKeyType;
  /** Lower case, as validated. */
  selector: string;
  /** Lower-case A-labels. */
  domain: string;
  /** Where the record goes: `<selector>._domainkey.<domain>`. */
  name: string;
  /** PKCS#8 PEM: what OpenDKIM, rspamd, Postfix milters and mailauth take. */
  privateKeyPem: string;
  /** The TXT record's value, e.g. `v=DKIM1; k=rsa; p=MIIBIjANBg...`. */
  publicRecord: string;
  /** The value as character-strings of at most 255 bytes (RFC 1035 3.3.14): one TXT record, these strings. */
  txtStrings: string[];
  /** The record as a zone-file line: `<name>. IN TXT ( "..." "..." )`. */
  zoneLine: string;
  /** What to know before publishing: findings whose words are in the catalogs (dkim.generated-*). */
  notes: Finding[];
}

export type DkimKeyRequestProblem = 'bad-type' | 'bad-selector' | 'bad-domain';

/** A request we refuse before generating anything; `code` says which field. */
export class DkimKeyRequestError extends Error {
  constructor(readonly code: DkimKeyRequestProblem) {
    super(`invalid DKIM key request: ${code}`);
    this.name = 'DkimKeyRequestError';
  }
}

/** RFC 1035 3.3.14: a TXT character-string holds at most 255 bytes. */
const TXT_STRING_BYTES = 255;

/**
 * A TXT value as character-strings of at most `max` bytes. Receivers join them with nothing between
 * (RFC 6376 3.6.2.2), so any cut is valid; we cut at byte boundaries and never inside a UTF-8 sequence.
 */
export function txtStringsOf(value: string, max = TXT_STRING_BYTES): string[] {
  const strings: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > max) {
      strings.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  if (current || strings.length === 0) strings.push(current);
  return strings;
}

/** One TXT record in zone-file syntax (RFC 1035 5.1): the strings quoted, `"` and `\` escaped. */
export function zoneLineOf(name: string, strings: readonly string[]): string {
  const quoted = strings.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`);
  const owner = name.endsWith('.') ? name : `${name}.`;
  return quoted.length === 1 ? `${owner} IN TXT ${quoted[0]}` : `${owner} IN TXT ( ${quoted.join(' ')} )`;
}

const generateKeyPairAsync = promisify(generateKeyPair);

interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

async function keyPairOf(type: DkimKeyType): Promise<KeyPair> {
  if (type === 'ed25519') return (await generateKeyPairAsync('ed25519')) as KeyPair;
  return (await generateKeyPairAsync('rsa', { modulusLength: 2048 })) as KeyPair;
}

/**
 * The p= value. RSA: the SubjectPublicKeyInfo DER, which every verifier reads (RFC 6376 3.6.1 names the
 * bare RSAPublicKey, but SPKI is what OpenDKIM, Google and Microsoft publish). Ed25519: the raw 32-byte key
 * (RFC 8463 4), the last 32 bytes of its SPKI.
 */
function publicValueOf(type: DkimKeyType, publicKey: KeyObject): string {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return (type === 'ed25519' ? spki.subarray(spki.length - 32) : spki).toString('base64');
}

function validated(request: DkimKeyRequest): { type: DkimKeyType; selector: string; domain: string } {
  if (!(DKIM_KEY_TYPES as readonly string[]).includes(request?.type))
    throw new DkimKeyRequestError('bad-type');
  const domain = typeof request.domain === 'string' ? parseAuditDomain(request.domain) : null;
  if (!domain?.ok) throw new DkimKeyRequestError('bad-domain');
  // One selector: parseSelectors would read "a,b" as two.
  const selectorText = typeof request.selector === 'string' ? request.selector.trim() : '';
  const selectors = /^[^\s,]+$/.test(selectorText) ? parseSelectors([selectorText], domain.domain) : null;
  if (!selectors?.ok || selectors.selectors.length !== 1) throw new DkimKeyRequestError('bad-selector');
  return { type: request.type, selector: selectors.selectors[0]!, domain: domain.domain };
}

/** A new key pair and its record. Throws DkimKeyRequestError for a bad request, before any work. */
export async function generateDkimKey(request: DkimKeyRequest): Promise<GeneratedDkimKey> {
  const { type, selector, domain } = validated(request);
  const { privateKey, publicKey } = await keyPairOf(type);
  const name = `${selector}._domainkey.${domain}`;
  const keyType = type === 'ed25519' ? 'ed25519' : 'rsa';
  const publicRecord = `v=DKIM1; k=${keyType}; p=${publicValueOf(type, publicKey)}`;
  const txtStrings = txtStringsOf(publicRecord);
  const zoneLine = zoneLineOf(name, txtStrings);
  const params = { name, selector, domain, keyType, zoneLine, strings: txtStrings.length };
  const notes: Finding[] = [{ id: 'dkim.generated-key', params }];
  if (type === 'ed25519') notes.push({ id: 'dkim.generated-ed25519', params });
  return {
    type,
    selector,
    domain,
    name,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicRecord,
    txtStrings,
    zoneLine,
    notes,
  };
}
