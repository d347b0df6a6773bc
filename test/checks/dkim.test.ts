import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDkim, verifierInput } from '../../src/checks/dkim.js';
import { LIMITS } from '../../src/limits.js';
import type { DkimSignatureAuth } from '../../src/report/types.js';
import { contextFor as contextOn } from '../support/context.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';
import {
  buildMessage,
  dkimKeyName,
  dkimKeyRecord,
  dkimSignature,
  generateDkimKey,
  signMessage,
  type DkimKey,
  type DkimKeyKind,
  type SignOptions,
} from '../support/sign.js';

const NOW = new Date('2025-01-07T10:00:00Z');
const FROM = 'sender@example.com';

let dns: FixtureDnsServer;
const keys = {} as Record<DkimKeyKind, DkimKey>;

beforeAll(async () => {
  for (const kind of ['rsa-512', 'rsa-1024', 'rsa-2048', 'ed25519'] as const)
    keys[kind] = generateDkimKey(kind);
  const publish = (selector: string, domain: string, key: DkimKey, options = {}) => ({
    [dkimKeyName(selector, domain)]: { TXT: [dkimKeyRecord(key, options)] },
  });
  const zone: FixtureZone = {
    ...publish('k2048', 'example.com', keys['rsa-2048']),
    ...publish('k1024', 'example.com', keys['rsa-1024']),
    ...publish('k512', 'example.com', keys['rsa-512']),
    ...publish('ed', 'example.com', keys.ed25519),
    ...publish('revoked', 'example.com', keys['rsa-2048'], { revoked: true }),
    ...publish('testing', 'example.com', keys['rsa-2048'], { testing: true }),
    ...publish('k2048', 'mail.example.com', keys['rsa-2048']),
    ...publish('esp', 'esp.example.net', keys['rsa-2048']),
    [dkimKeyName('slow', 'example.com')]: { TIMEOUT: true },
  };
  // Keys for the many-signatures test: only the first ones are ever looked up.
  for (let i = 0; i < 200; i++) Object.assign(zone, publish(`m${i}`, 'example.com', keys.ed25519));
  dns = await startFixtureDns({ zone });
});
afterAll(() => dns.stop());

const contextFor = (raw: Buffer) => contextOn(raw, dns, { now: NOW });

const sign = (raw: Buffer, options: Omit<SignOptions, 'key'> & { key?: DkimKeyKind }) =>
  signMessage(raw, { ...options, key: keys[options.key ?? 'rsa-2048'], signTime: options.signTime ?? NOW });

const replaceOnce = (raw: Buffer, from: string | RegExp, to: string) => {
  const text = raw.toString('latin1');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`test setup: ${String(from)} not found`);
  return Buffer.from(changed, 'latin1');
};

interface Case {
  name: string;
  message: () => Promise<Buffer>;
  signatures: Array<Partial<DkimSignatureAuth>>;
  findings: string[];
}

const plain = () => buildMessage({ from: FROM, messageId: '<fixed@example.com>' });

const cases: Case[] = [
  {
    name: 'rsa-sha256 with a 2048-bit key passes',
    message: () => sign(plain(), { domain: 'example.com', selector: 'k2048' }),
    signatures: [
      {
        result: 'pass',
        domain: 'example.com',
        selector: 'k2048',
        algorithm: 'rsa-sha256',
        keyBits: 2048,
        aligned: true,
      },
    ],
    findings: ['dkim.pass'],
  },
  {
    name: 'ed25519-sha256 passes',
    message: () => sign(plain(), { domain: 'example.com', selector: 'ed', key: 'ed25519' }),
    signatures: [{ result: 'pass', algorithm: 'ed25519-sha256', keyBits: 256, aligned: true }],
    findings: ['dkim.pass'],
  },
  {
    name: 'simple/simple canonicalization passes',
    message: () =>
      sign(plain(), { domain: 'example.com', selector: 'k2048', canonicalization: 'simple/simple' }),
    signatures: [{ result: 'pass' }],
    findings: ['dkim.pass'],
  },
  {
    name: 'a 1024-bit key passes with a warning',
    message: () => sign(plain(), { domain: 'example.com', selector: 'k1024', key: 'rsa-1024' }),
    signatures: [{ result: 'pass', keyBits: 1024 }],
    findings: ['dkim.pass', 'dkim.key-1024'],
  },
  {
    name: 'a 512-bit key is refused, with its real size',
    message: () => sign(plain(), { domain: 'example.com', selector: 'k512', key: 'rsa-512' }),
    signatures: [{ result: 'policy', keyBits: 512 }],
    findings: ['dkim.fail', 'dkim.key-too-small'],
  },
  {
    name: 'rsa-sha1 verifies but is flagged',
    message: () => sign(plain(), { domain: 'example.com', selector: 'k2048', algorithm: 'rsa-sha1' }),
    signatures: [{ result: 'pass', algorithm: 'rsa-sha1', keyBits: 2048 }],
    findings: ['dkim.pass', 'dkim.rsa-sha1'],
  },
  {
    name: 'body changed after signing fails (and the key size is still reported)',
    message: async () =>
      replaceOnce(
        await sign(plain(), { domain: 'example.com', selector: 'k2048' }),
        'this is a test',
        'this is a fake',
      ),
    signatures: [{ result: 'fail', reason: 'body hash did not verify', keyBits: 2048 }],
    findings: ['dkim.fail'],
  },
  {
    name: 'body changed and no key: the key is looked up first (RFC 6376 6.1.2 before 6.1.3)',
    message: async () =>
      replaceOnce(
        await sign(plain(), { domain: 'example.com', selector: 'nokey' }),
        'this is a test',
        'this is a fake',
      ),
    signatures: [{ result: 'neutral', reason: 'no key', keyBits: null }],
    findings: ['dkim.fail'],
  },
  {
    name: 'body changed and the key lookup times out: temperror',
    message: async () =>
      replaceOnce(
        await sign(plain(), { domain: 'example.com', selector: 'slow' }),
        'this is a test',
        'this is a fake',
      ),
    signatures: [{ result: 'temperror', reason: 'DNS failure: ETIMEOUT' }],
    findings: ['dkim.temperror'],
  },
  {
    name: 'body changed and a 512-bit key: fail, and the key is flagged',
    message: async () =>
      replaceOnce(
        await sign(plain(), { domain: 'example.com', selector: 'k512', key: 'rsa-512' }),
        'this is a test',
        'this is a fake',
      ),
    signatures: [{ result: 'fail', keyBits: 512 }],
    findings: ['dkim.fail', 'dkim.key-too-small'],
  },
  {
    name: 'signed header changed after signing fails',
    message: async () =>
      replaceOnce(
        await sign(plain(), { domain: 'example.com', selector: 'k2048' }),
        'Subject: A test',
        'Subject: A fake',
      ),
    signatures: [{ result: 'fail', reason: 'bad signature', keyBits: 2048 }],
    findings: ['dkim.fail'],
  },
  {
    name: 'no key published',
    message: () => sign(plain(), { domain: 'example.com', selector: 'nokey' }),
    signatures: [{ result: 'neutral', reason: 'no key', keyBits: null }],
    findings: ['dkim.fail'],
  },
  {
    name: 'revoked key (empty p=)',
    message: () => sign(plain(), { domain: 'example.com', selector: 'revoked' }),
    signatures: [{ result: 'neutral', reason: 'key revoked' }],
    findings: ['dkim.fail'],
  },
  {
    name: 'testing key t=y',
    message: () => sign(plain(), { domain: 'example.com', selector: 'testing' }),
    signatures: [{ result: 'pass', testing: true }],
    findings: ['dkim.pass', 'dkim.testing'],
  },
  {
    name: 'l= still passes after text is appended, flagged',
    message: async () => {
      const signed = await sign(plain(), { domain: 'example.com', selector: 'k2048', bodyLength: 10 });
      return Buffer.concat([signed, Buffer.from('Appended by someone else.\r\n')]);
    },
    signatures: [{ result: 'pass', bodyLength: 10 }],
    findings: ['dkim.pass', 'dkim.body-length'],
  },
  {
    name: 'expired x= does not pass',
    message: () =>
      sign(plain(), {
        domain: 'example.com',
        selector: 'k2048',
        signTime: new Date(NOW.getTime() - 86_400_000 * 10),
        expires: new Date(NOW.getTime() - 86_400_000),
      }),
    signatures: [{ result: 'neutral', expired: true, reason: 'signature expired' }],
    findings: ['dkim.fail', 'dkim.expired'],
  },
  {
    name: 'a third-party signature alone',
    message: () => sign(plain(), { domain: 'esp.example.net', selector: 'esp' }),
    signatures: [{ result: 'pass', domain: 'esp.example.net', aligned: false }],
    findings: ['dkim.third-party-only'],
  },
  {
    name: 'a subdomain signature is aligned (relaxed)',
    message: () => sign(plain(), { domain: 'mail.example.com', selector: 'k2048' }),
    signatures: [{ result: 'pass', domain: 'mail.example.com', aligned: true }],
    findings: ['dkim.pass'],
  },
  {
    name: 'DNS timeout on the key is a temperror',
    message: () => sign(plain(), { domain: 'example.com', selector: 'slow' }),
    signatures: [{ result: 'temperror' }],
    findings: ['dkim.temperror'],
  },
  {
    name: 'no signature at all',
    message: async () => plain(),
    signatures: [],
    findings: ['dkim.none'],
  },
  {
    name: 'an unknown algorithm is still listed',
    message: async () =>
      replaceOnce(
        await sign(plain(), { domain: 'example.com', selector: 'k2048' }),
        'a=rsa-sha256',
        'a=rsa-sha512',
      ),
    signatures: [
      {
        result: 'neutral',
        algorithm: 'rsa-sha512',
        reason: 'unknown algorithm rsa-sha512',
        domain: 'example.com',
      },
    ],
    findings: ['dkim.fail'],
  },
  {
    name: 'a signature without s= is still listed',
    message: async () =>
      replaceOnce(await sign(plain(), { domain: 'example.com', selector: 'k2048' }), /\bs=k2048;/, ''),
    signatures: [{ result: 'permerror', selector: null, domain: 'example.com' }],
    findings: ['dkim.fail'],
  },
  {
    name: 'third-party and author signatures: both reported, the aligned one counts',
    message: async () =>
      sign(await sign(plain(), { domain: 'esp.example.net', selector: 'esp' }), {
        domain: 'example.com',
        selector: 'ed',
        key: 'ed25519',
      }),
    signatures: [
      { result: 'pass', domain: 'example.com', aligned: true },
      { result: 'pass', domain: 'esp.example.net', aligned: false },
    ],
    findings: ['dkim.pass'],
  },
  {
    name: 'one failing and one passing signature',
    message: async () =>
      sign(await sign(plain(), { domain: 'example.com', selector: 'nokey' }), {
        domain: 'example.com',
        selector: 'k2048',
      }),
    signatures: [
      { result: 'pass', selector: 'k2048' },
      { result: 'neutral', selector: 'nokey' },
    ],
    findings: ['dkim.pass'],
  },
  {
    name: 'LF line ends verify like CRLF',
    message: async () =>
      Buffer.from(
        (await sign(plain(), { domain: 'example.com', selector: 'k2048' })).toString().replace(/\r\n/g, '\n'),
      ),
    signatures: [{ result: 'pass' }],
    findings: ['dkim.pass'],
  },
];

describe('checkDkim', () => {
  it.each(cases)('$name', async ({ message, signatures, findings }) => {
    const output = await checkDkim(await contextFor(await message()));
    expect(output.result).toHaveLength(signatures.length);
    output.result.forEach((sig, i) => expect(sig).toMatchObject({ skipped: false, ...signatures[i] }));
    expect(output.findings.map((f) => f.id)).toEqual(findings);
  });

  it('fills fixes with the sender’s own selector and domain', async () => {
    const output = await checkDkim(
      await contextFor(await sign(plain(), { domain: 'example.com', selector: 'k1024', key: 'rsa-1024' })),
    );
    expect(output.findings.find((f) => f.id === 'dkim.key-1024')?.params).toMatchObject({
      keyName: 'k1024._domainkey.example.com',
      keyBits: 1024,
      domain: 'example.com',
      selector: 'k1024',
    });
    const none = await checkDkim(await contextFor(plain()));
    expect(none.findings[0]).toEqual({ id: 'dkim.none', params: { fromDomain: 'example.com' } });
  });

  it('names the sender’s own key first when a third party’s key has the same problem', async () => {
    const thirdPartyOnTop = await sign(
      await sign(plain(), { domain: 'example.com', selector: 'k1024', key: 'rsa-1024' }),
      { domain: 'esp.example.net', selector: 'esp1024', key: 'rsa-1024' },
    );
    dns.addZone({ [dkimKeyName('esp1024', 'esp.example.net')]: { TXT: [dkimKeyRecord(keys['rsa-1024'])] } });
    const output = await checkDkim(await contextFor(thirdPartyOnTop));
    expect(output.result.map((s) => s.domain)).toEqual(['esp.example.net', 'example.com']);
    expect(output.findings.find((f) => f.id === 'dkim.key-1024')?.params).toMatchObject({
      keyName: 'k1024._domainkey.example.com',
      keys: ['k1024._domainkey.example.com', 'esp1024._domainkey.esp.example.net'],
    });
  });

  it('reports every failing signature’s reason and the From domain', async () => {
    const output = await checkDkim(
      await contextFor(await sign(plain(), { domain: 'esp.example.net', selector: 'nokey' })),
    );
    expect(output.findings[0]).toMatchObject({
      id: 'dkim.fail',
      params: { reasons: ['d=esp.example.net s=nokey: no key'], fromDomain: 'example.com', count: 1 },
    });
  });

  it('gives the ARC check the verifier’s chain data', async () => {
    const output = await checkDkim(await contextFor(plain()));
    expect(output.arcInput).toMatchObject({ chain: false });
  });

  it('verifies 10 of 200 signatures, in bounded time, and reports the rest as skipped', async () => {
    let raw = plain();
    const signatures: string[] = [];
    for (let i = 199; i >= 0; i--) {
      signatures.push(
        await dkimSignature(raw, {
          domain: 'example.com',
          selector: `m${i}`,
          key: keys.ed25519,
          signTime: NOW,
        }),
      );
    }
    raw = Buffer.concat([Buffer.from(signatures.reverse().join('')), raw]);
    const before = dns.queries.length;
    const started = Date.now();
    const output = await checkDkim(await contextFor(raw));
    expect(Date.now() - started).toBeLessThan(3_000);

    expect(output.result).toHaveLength(200);
    const verified = output.result.filter((s) => !s.skipped);
    expect(verified).toHaveLength(LIMITS.maxDkimSignatures);
    expect(verified.map((s) => s.selector)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    expect(verified.every((s) => s.result === 'pass')).toBe(true);
    expect(
      output.result.slice(10).every((s) => s.skipped && s.result === 'neutral' && s.keyBits === null),
    ).toBe(true);
    const keyQueries = dns.queries.slice(before).filter((q) => q.name.includes('._domainkey.'));
    expect(new Set(keyQueries.map((q) => q.name)).size).toBe(LIMITS.maxDkimSignatures);
    expect(output.findings).toContainEqual({
      id: 'dkim.skipped',
      params: { total: 200, verified: 10, skipped: 190, limit: LIMITS.maxDkimSignatures },
    });
  });
});

describe('verifierInput', () => {
  const sig = (n: number) => `DKIM-Signature: v=1; d=example.com; s=s${n};\r\n b=abc${n}\r\n`;
  const header = (count: number) => Array.from({ length: count }, (_, i) => sig(i)).join('');

  it.each([
    ['no signatures', 'From: a@example.com\r\n\r\nbody\r\n', 0, 0],
    [
      'under the limit: the message is handed over as it is',
      `${header(3)}From: a@example.com\r\n\r\nbody\r\n`,
      3,
      0,
    ],
    ['over the limit', `${header(12)}From: a@example.com\r\n\r\nbody\r\n`, 10, 2],
    ['LF line ends', `${header(12)}From: a@example.com\r\n\r\nbody\r\n`.replace(/\r\n/g, '\n'), 10, 2],
    ['no body', `${header(11)}From: a@example.com\r\n`, 10, 1],
    ['name case and space before the colon', `${'dkim-signature : d=x; s=y; b=z\r\n'.repeat(11)}\r\n`, 10, 1],
  ])('%s', (_, text, verified, skipped) => {
    const raw = Buffer.from(text);
    const input = verifierInput(raw, 10);
    expect(input.verified).toHaveLength(verified);
    expect(input.skipped).toHaveLength(skipped);
    if (skipped === 0) expect(input.message).toBe(raw);
  });

  it('removes exactly the later signature fields, folded lines included, and keeps the rest byte for byte', () => {
    const raw = Buffer.from(`${header(12)}From: a@example.com\r\nSubject: x\r\n y\r\n\r\nbody\r\n`);
    const input = verifierInput(raw, 10);
    expect(input.message.toString()).toBe(
      `${header(10)}From: a@example.com\r\nSubject: x\r\n y\r\n\r\nbody\r\n`,
    );
    expect(input.skipped.map(String)).toEqual([sig(10).trimEnd(), sig(11).trimEnd()]);
  });

  it('cuts a header section of 100 000 folded lines in bounded time, keeping the body', () => {
    const raw = Buffer.from(
      `From: a@example.com\r\nX-Junk: a\r\n${' b\r\n'.repeat(100_000)}\r\nthe body\r\n`,
    );
    const started = Date.now();
    const input = verifierInput(raw, 10);
    expect(input.truncated).toBe(true);
    expect(input.message.toString().endsWith('\r\n\r\nthe body\r\n')).toBe(true);
    expect(input.message.length).toBeLessThan(30_000);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('checkDkim on hostile input', () => {
  it('stays fast on 100 000 folded header lines', async () => {
    // Signed first, junk added below the signed From (mailauth's signer is itself quadratic on it).
    const signed = await sign(Buffer.from('From: a@example.com\r\n\r\nbody\r\n'), {
      domain: 'example.com',
      selector: 'k2048',
      headers: ['from'],
    });
    const raw = replaceOnce(signed, '\r\n\r\n', `\r\nX-Junk: a\r\n${' b\r\n'.repeat(100_000)}\r\n`);
    const started = Date.now();
    const output = await checkDkim(await contextFor(raw));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(output.result).toHaveLength(1);
    expect(output.result[0]?.result).toBe('pass');
  });

  it.each([
    ['garbage tags', 'DKIM-Signature: ;;;===;a\r\nFrom: a@example.com\r\n\r\nx\r\n'],
    ['empty value', 'DKIM-Signature:\r\nFrom: a@example.com\r\n\r\nx\r\n'],
    [
      'binary',
      `DKIM-Signature: d=\u0000\u00ff; s=\u0001; a=rsa-sha256; b=\u0002; bh=x\r\nFrom: a@example.com\r\n\r\nx\r\n`,
    ],
  ])('never throws on %s', async (_, text) => {
    const output = await checkDkim(await contextFor(Buffer.from(text, 'latin1')));
    expect(output.result).toHaveLength(1);
    expect(output.result[0]?.result).not.toBe('pass');
    expect(output.findings[0]?.id).toBe('dkim.fail');
  });
});
