import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArc } from '../../src/checks/arc.js';
import { checkDkim } from '../../src/checks/dkim.js';
import type { ArcAuth } from '../../src/report/types.js';
import { contextFor as contextOn } from '../support/context.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import {
  arcSealMessage,
  buildMessage,
  dkimKeyName,
  dkimKeyRecord,
  generateDkimKey,
  signMessage,
  type DkimKey,
} from '../support/sign.js';

const NOW = new Date('2025-01-07T10:00:00Z');

let dns: FixtureDnsServer;
let rsa: DkimKey;
let ed: DkimKey;

beforeAll(async () => {
  rsa = generateDkimKey('rsa-2048');
  ed = generateDkimKey('ed25519');
  dns = await startFixtureDns({
    zone: {
      [dkimKeyName('k', 'example.com')]: { TXT: [dkimKeyRecord(rsa)] },
      [dkimKeyName('arc', 'lists.example.org')]: { TXT: [dkimKeyRecord(rsa)] },
      [dkimKeyName('arc', 'relay.example.net')]: { TXT: [dkimKeyRecord(ed)] },
      [dkimKeyName('slow', 'lists.example.org')]: { TIMEOUT: true },
    },
  });
});
afterAll(() => dns.stop());

const contextFor = (raw: Buffer) => contextOn(raw, dns, { now: NOW });

/** DKIM then ARC, as the pipeline runs them. */
async function validate(raw: Buffer) {
  const ctx = await contextFor(raw);
  const dkim = await checkDkim(ctx);
  return { dkim, arc: await checkArc(ctx, dkim.arcInput) };
}

const original = () => buildMessage({ from: 'author@example.com', messageId: '<arc@example.com>' });
const signed = () =>
  signMessage(original(), { domain: 'example.com', selector: 'k', key: rsa, signTime: NOW });
const list = (raw: Buffer, cv?: 'none' | 'pass' | 'fail', selector = 'arc') =>
  arcSealMessage(raw, { domain: 'lists.example.org', selector, key: rsa, cv, signTime: NOW });
const relay = (raw: Buffer, cv: 'none' | 'pass' | 'fail') =>
  arcSealMessage(raw, { domain: 'relay.example.net', selector: 'arc', key: ed, cv, signTime: NOW });
/** What a mailing list does: a footer that breaks the author's DKIM body hash. */
const withFooter = (raw: Buffer) => Buffer.concat([raw, Buffer.from('-- \r\nlist footer\r\n')]);
const dropField = (raw: Buffer, pattern: RegExp) => {
  const text = raw.toString('latin1');
  const changed = text.replace(pattern, '');
  if (changed === text) throw new Error(`test setup: ${String(pattern)} not found`);
  return Buffer.from(changed, 'latin1');
};

interface Case {
  name: string;
  message: () => Promise<Buffer>;
  arc: Partial<ArcAuth>;
  finding: string;
  reason?: RegExp;
}

const cases: Case[] = [
  {
    name: 'no ARC headers',
    message: signed,
    arc: { result: 'none', sets: 0, reason: null },
    finding: 'arc.none',
  },
  {
    name: 'one set from a mailing list',
    message: async () => list(await signed()),
    arc: { result: 'pass', sets: 1, reason: null },
    finding: 'arc.pass',
  },
  {
    name: 'two sets (rsa then ed25519 sealer)',
    message: async () => relay(await list(await signed()), 'pass'),
    arc: { result: 'pass', sets: 2 },
    finding: 'arc.pass',
  },
  {
    name: 'the sealer’s key is not published',
    message: async () => list(await signed(), undefined, 'nokey'),
    arc: { result: 'fail', sets: 1 },
    finding: 'arc.fail',
    reason: /no key for nokey\._domainkey\.lists\.example\.org/,
  },
  {
    name: 'body changed after sealing',
    message: async () => withFooter(await list(await signed())),
    arc: { result: 'fail', sets: 1 },
    finding: 'arc.fail',
    reason: /no valid signature/,
  },
  {
    name: 'newest seal says cv=fail',
    message: async () => relay(await list(await signed()), 'fail'),
    arc: { result: 'fail', sets: 2 },
    finding: 'arc.fail',
    reason: /cv=fail/,
  },
  {
    name: 'a set with its ARC-Seal removed',
    message: async () =>
      dropField(await relay(await list(await signed()), 'pass'), /ARC-Seal: i=1;[^]*?\r\n(?=\S)/),
    arc: { result: 'fail' },
    finding: 'arc.fail',
    reason: /i=1 no arc-seal/,
  },
  {
    name: 'the seal key lookup times out',
    message: async () => list(await signed(), undefined, 'slow'),
    arc: { result: 'fail', sets: 1 },
    finding: 'arc.fail',
  },
];

describe('checkArc', () => {
  it.each(cases)('$name', async ({ message, arc, finding, reason }) => {
    const output = (await validate(await message())).arc;
    expect(output.result).toMatchObject(arc);
    expect(output.findings.map((f) => f.id)).toEqual([finding]);
    if (reason) expect(output.result.reason).toMatch(reason);
  });

  it('a forwarded message whose DKIM broke still has a passing ARC chain, naming its sealer', async () => {
    const { dkim, arc } = await validate(await list(withFooter(await signed())));
    expect(dkim.result.map((s) => s.result)).toEqual(['fail']);
    expect(arc.result).toMatchObject({ result: 'pass', sets: 1 });
    expect(arc.findings[0]).toEqual({
      id: 'arc.pass',
      params: {
        sets: 1,
        sealer: 'lists.example.org',
        keyName: 'arc._domainkey.lists.example.org',
        reason: null,
      },
    });
  });

  it.each([
    ['with ARC-Seal fields', true, { result: 'permerror', sets: 1 }, 'arc.fail'],
    ['without ARC fields', false, { result: 'none', sets: 0 }, 'arc.none'],
  ])(
    'reports what it can when the DKIM verifier gave no chain data (%s)',
    async (_, sealed, expected, finding) => {
      const raw = sealed ? await list(await signed()) : await signed();
      const output = await checkArc(await contextFor(raw), null);
      expect(output.result).toMatchObject(expected);
      expect(output.findings[0]?.id).toBe(finding);
    },
  );
});
