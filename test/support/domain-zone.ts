/**
 * A fixture zone for the domain audit's user-facing tests (CLI, API, pages, browser): a domain with an SPF
 * record whose include tree has known counts, a DMARC record at p=none with an external report address,
 * one DKIM key under a selector that is not a common one, and an MX host with forward-confirmed reverse DNS.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { FixtureZone } from './dns-server.js';

export const AUDIT_DOMAIN = 'example.test';
export const AUDIT_SELECTOR = 's2024';
export const AUDIT_MX = 'mx.example.test';
export const AUDIT_MX_IP = '192.0.2.25';
export const AUDIT_SPF = 'v=spf1 include:_spf.example.test ip4:192.0.2.0/24 -all';
export const AUDIT_DMARC = 'v=DMARC1; p=none; rua=mailto:dmarc@example.test,mailto:reports@reports.example';

/**
 * The include tree: example.test (1 lookup: include) → _spf.example.test (2: include, a) → _spf2.example.test
 * (1: mx), 4 in all.
 */
export const AUDIT_TREE = {
  root: { domain: AUDIT_DOMAIN, lookups: 1, total: 4 },
  first: { domain: '_spf.example.test', lookups: 2, total: 3 },
  second: { domain: '_spf2.example.test', lookups: 1, total: 1 },
};

/** A 2048-bit RSA public key (made once per test file: keys are cheap to make and never stored). */
export function dkimPublicKey(): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

export function auditZone(publicKey: string = dkimPublicKey()): FixtureZone {
  const record = `v=DKIM1; k=rsa; p=${publicKey}`;
  return {
    [AUDIT_DOMAIN]: { TXT: [AUDIT_SPF], MX: [[10, AUDIT_MX]], A: ['192.0.2.10'] },
    '_spf.example.test': { TXT: ['v=spf1 include:_spf2.example.test a:mail.example.test ~all'] },
    '_spf2.example.test': { TXT: ['v=spf1 mx -all'] },
    'mail.example.test': { A: ['198.51.100.25'] },
    [`_dmarc.${AUDIT_DOMAIN}`]: { TXT: [AUDIT_DMARC] },
    // The external destination authorizes reports for example.test (RFC 7489 7.1).
    [`${AUDIT_DOMAIN}._report._dmarc.reports.example`]: { TXT: ['v=DMARC1'] },
    // A key longer than one character-string: published as several strings of one record.
    [`${AUDIT_SELECTOR}._domainkey.${AUDIT_DOMAIN}`]: { TXT: [[record.slice(0, 255), record.slice(255)]] },
    [AUDIT_MX]: { A: [AUDIT_MX_IP] },
    '25.2.0.192.in-addr.arpa': { PTR: [AUDIT_MX] },
  };
}
