import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkSenderId,
  isPraRecord,
  presentForPra,
  purportedResponsibleAddress,
  selectSenderIdRecord,
} from '../../src/checks/sender-id.js';
import type { CheckContext } from '../../src/checks/types.js';
import { checkText } from '../../src/i18n/index.js';
import { parseMessage } from '../../src/message/parse.js';
import type { Envelope } from '../../src/report/types.js';
import { contextFor } from '../support/context.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

const BODY = ['Subject: hi', 'Message-ID: <1@example.com>', '', 'body', ''];
const messageWith = (headers: string[]) => parseMessage(Buffer.from([...headers, ...BODY].join('\r\n')));

describe('PRA (RFC 4407 section 2)', () => {
  const cases: Array<[label: string, headers: string[], pra: string | null, field: string | null]> = [
    ['From only', ['From: Alice <alice@example.com>'], 'alice@example.com', 'From'],
    [
      'Sender wins over From',
      ['From: alice@example.com', 'Sender: list@lists.example.org'],
      'list@lists.example.org',
      'Sender',
    ],
    ['an empty Sender is skipped', ['Sender:  ', 'From: alice@example.com'], 'alice@example.com', 'From'],
    [
      'two Sender fields: no PRA',
      ['Sender: a@example.org', 'Sender: b@example.org', 'From: alice@example.com'],
      null,
      'Sender',
    ],
    ['two From fields: no PRA', ['From: a@example.com', 'From: b@example.com'], null, 'From'],
    ['no From: no PRA', ['To: bob@example.net'], null, 'From'],
    ['two mailboxes in From: no PRA', ['From: a@example.com, b@example.com'], null, 'From'],
    ['a From with no domain: no PRA', ['From: alice'], null, 'From'],
    ['a From with an empty domain: no PRA', ['From: alice@'], null, 'From'],
    ['a group with no mailbox: no PRA', ['From: undisclosed-recipients:;'], null, 'From'],
    [
      'an address longer than an SMTP path (hostile): no PRA',
      [`From: ${'a'.repeat(300)}@example.com`],
      null,
      'From',
    ],
    [
      'Resent-From wins over Sender and From',
      ['Resent-From: fwd@example.net', 'Sender: s@example.org', 'From: alice@example.com'],
      'fwd@example.net',
      'Resent-From',
    ],
    [
      'Resent-Sender of the same resending wins',
      ['Resent-From: fwd@example.net', 'Resent-Sender: bot@example.net', 'From: alice@example.com'],
      'bot@example.net',
      'Resent-Sender',
    ],
    [
      'Resent-Sender of an older resending (Received between): the newer Resent-From',
      [
        'Resent-From: new@example.net',
        'Received: from x by y; Mon, 1 Jan 2024 00:00:00 +0000',
        'Resent-Sender: old@example.org',
        'From: alice@example.com',
      ],
      'new@example.net',
      'Resent-From',
    ],
    [
      'Return-Path between also separates them',
      [
        'Resent-From: new@example.net',
        'Return-Path: <x@example.org>',
        'Resent-Sender: old@example.org',
        'From: alice@example.com',
      ],
      'new@example.net',
      'Resent-From',
    ],
    [
      'Resent-Sender above the Resent-From is selected',
      [
        'Resent-Sender: bot@example.net',
        'Received: from x by y; Mon, 1 Jan 2024 00:00:00 +0000',
        'Resent-From: fwd@example.net',
        'From: alice@example.com',
      ],
      'bot@example.net',
      'Resent-Sender',
    ],
    [
      'Resent-Sender alone',
      ['Resent-Sender: bot@example.net', 'From: alice@example.com'],
      'bot@example.net',
      'Resent-Sender',
    ],
    [
      'a malformed selected Resent-From: no PRA (no fallback to From)',
      ['Resent-From: a@x.example, b@y.example', 'From: alice@example.com'],
      null,
      'Resent-From',
    ],
    [
      'the first of two Resent-From fields',
      ['Resent-From: newest@example.net', 'Resent-From: older@example.org', 'From: alice@example.com'],
      'newest@example.net',
      'Resent-From',
    ],
  ];
  it.each(cases)('%s', async (_label, headers, pra, field) => {
    const outcome = purportedResponsibleAddress((await messageWith(headers)).headers);
    if (pra) expect(outcome).toMatchObject({ ok: true, address: pra, field });
    else expect(outcome).toMatchObject({ ok: false, field });
  });
});

describe('record selection (RFC 4406 3.4)', () => {
  const cases: Array<
    [label: string, txt: string[][], scope: string | null, record: string | null, multiple: boolean]
  > = [
    [
      'spf2.0/pra over v=spf1',
      [['v=spf1 -all'], ['spf2.0/pra ip4:192.0.2.1 -all']],
      'spf2.0',
      'spf2.0/pra ip4:192.0.2.1 -all',
      false,
    ],
    [
      'spf2.0/mfrom,pra',
      [['spf2.0/mfrom,pra a -all'], ['v=spf1 -all']],
      'spf2.0',
      'spf2.0/mfrom,pra a -all',
      false,
    ],
    ['scope case and order', [['SPF2.0/MFROM,PRA ?all']], 'spf2.0', 'SPF2.0/MFROM,PRA ?all', false],
    [
      'spf2.0/mfrom only: v=spf1 is used',
      [['spf2.0/mfrom -all'], ['v=spf1 +all']],
      'spf1',
      'v=spf1 +all',
      false,
    ],
    ['v=spf1 only', [['v=spf1 ', 'a -all'], ['other text']], 'spf1', 'v=spf1 a -all', false],
    ['two pra records', [['spf2.0/pra -all'], ['spf2.0/pra +all']], 'spf2.0', null, true],
    ['nothing', [['hello']], null, null, false],
    ['spf2.0/prattle is not pra', [['spf2.0/prattle -all']], null, null, false],
  ];
  it.each(cases)('%s', (_label, txt, scope, record, multiple) => {
    expect(selectSenderIdRecord(txt)).toEqual({ scope, record, multiple });
  });

  it.each([
    ['spf2.0/pra -all', true],
    ['spf2.0/mfrom,pra', true],
    ['spf2.0/mfrom -all', false],
    ['v=spf1 -all', false],
    ['spf2.0/pra,', true],
  ])('isPraRecord(%s) = %s', (text, expected) => expect(isPraRecord(text)).toBe(expected));

  it('presents the pra record to mailauth as v=spf1, hiding the others', () => {
    expect(
      presentForPra([['v=spf1 -all'], ['spf2.0/pra ', 'ip4:192.0.2.1 -all'], ['explanation text']]),
    ).toEqual([['v=spf1 ip4:192.0.2.1 -all'], ['explanation text']]);
    expect(presentForPra([['v=spf1 a -all'], ['spf2.0/mfrom -all']])).toEqual([['v=spf1 a -all']]);
    expect(presentForPra([['spf2.0/pra']])).toEqual([['v=spf1']]);
  });
});

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      // spf2.0/pra allows the IP, v=spf1 does not: a pass proves the spf2.0 record was chosen.
      'pra-allows.example': { TXT: ['v=spf1 -all', 'spf2.0/pra ip4:192.0.2.1 -all'] },
      'pra-denies.example': { TXT: ['v=spf1 ip4:192.0.2.1 -all', 'spf2.0/mfrom,pra -all'] },
      'spf1-only.example': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
      'soft.example': { TXT: ['v=spf1 ip4:198.51.100.1 ~all'] },
      'two-pra.example': { TXT: ['spf2.0/pra -all', 'spf2.0/pra +all'] },
      // The selection applies inside include: too.
      'pra-include.example': { TXT: ['spf2.0/pra include:inc.example -all'] },
      'inc.example': { TXT: ['v=spf1 -all', 'spf2.0/pra ip4:192.0.2.1 -all'] },
      'envelope.example': { TXT: ['v=spf1 ip4:192.0.2.1 -all'] },
      'slow.example': { TIMEOUT: true },
      'nothing.example': { A: ['192.0.2.200'] },
    },
  });
});
afterAll(() => dns.stop());

const context = (from: string, envelope: Partial<Envelope> = {}): Promise<CheckContext> =>
  contextFor(Buffer.from([`From: ${from}`, ...BODY].join('\r\n')), dns, {
    envelope: { clientIp: '192.0.2.1', mailFrom: 'bounce@envelope.example', ...envelope },
    now: new Date('2025-01-01T00:00:00Z'),
    timeoutMs: 150,
  });

describe('checkSenderId', () => {
  const cases: Array<
    [
      label: string,
      from: string,
      envelope: Partial<Envelope>,
      id: string,
      result: string,
      scope: string | null,
    ]
  > = [
    ['spf2.0/pra chosen over v=spf1: pass', 'a@pra-allows.example', {}, 'senderId.pass', 'pass', 'spf2.0'],
    [
      'spf2.0/mfrom,pra chosen over v=spf1: fail',
      'a@pra-denies.example',
      {},
      'senderId.fail',
      'fail',
      'spf2.0',
    ],
    ['v=spf1 when there is no spf2.0: pass', 'a@spf1-only.example', {}, 'senderId.pass', 'pass', 'spf1'],
    ['v=spf1 ~all: weak', 'a@soft.example', {}, 'senderId.weak', 'softfail', 'spf1'],
    ['selection inside include:', 'a@pra-include.example', {}, 'senderId.pass', 'pass', 'spf2.0'],
    ['two pra records: permerror', 'a@two-pra.example', {}, 'senderId.error', 'permerror', 'spf2.0'],
    ['timing out: temperror', 'a@slow.example', {}, 'senderId.error', 'temperror', null],
    [
      'no record for the PRA domain, SPF for MAIL FROM: none',
      'a@nothing.example',
      {},
      'senderId.none',
      'none',
      null,
    ],
    [
      'no record anywhere: not applicable',
      'a@nothing.example',
      { mailFrom: 'b@nothing.example' },
      'senderId.not-applicable',
      'none',
      null,
    ],
    [
      'null sender, HELO without SPF: not applicable',
      'a@nothing.example',
      { mailFrom: '', helo: 'nothing.example' },
      'senderId.not-applicable',
      'none',
      null,
    ],
  ];
  it.each(cases)('%s', async (_label, from, envelope, id, result, scope) => {
    const ctx = await context(from, envelope);
    const out = await checkSenderId(ctx);
    ctx.dns.close();
    expect(out.findings.map((f) => f.id)).toEqual([id]);
    expect(out.result).toMatchObject({ result, pra: from, domain: from.split('@')[1], scope });
  });

  it('reports the record that decided', async () => {
    const out = await checkSenderId(await context('Alice <alice@pra-allows.example>'));
    expect(out.result).toEqual({
      result: 'pass',
      pra: 'alice@pra-allows.example',
      domain: 'pra-allows.example',
      record: 'spf2.0/pra ip4:192.0.2.1 -all',
      scope: 'spf2.0',
    });
    expect(out.findings[0]!.params).toMatchObject({ mechanism: 'ip4:192.0.2.1', field: 'From' });
  });

  it('two pra records: permerror, and no record decided', async () => {
    const out = await checkSenderId(await context('a@two-pra.example'));
    expect(out.result).toMatchObject({ result: 'permerror', record: null, scope: 'spf2.0' });
  });

  it('the fail fix is the spf2.0 record with the IP added', async () => {
    const out = await checkSenderId(await context('a@pra-denies.example'));
    const finding = out.findings[0]!;
    expect(finding.params?.suggested).toBe('spf2.0/mfrom,pra ip4:192.0.2.1 -all');
    expect(checkText(finding, 'en').fix).toContain('spf2.0/mfrom,pra ip4:192.0.2.1 -all');
    expect(checkText(finding, 'en').detail).toMatch(/historic/);
    expect(checkText(finding, 'ja').detail).toMatch(/廃止/);
  });

  it('the none fix is a record for the PRA domain', async () => {
    const out = await checkSenderId(await context('a@nothing.example'));
    expect(checkText(out.findings[0]!, 'en').fix).toContain(
      'nothing.example with this value: v=spf1 ip4:192.0.2.1 -all',
    );
  });

  it('no PRA: permerror and no lookups', async () => {
    const ctx: CheckContext = {
      ...(await context('a@pra-allows.example')),
      message: await messageWith(['From: a@pra-allows.example', 'From: b@pra-allows.example']),
    };
    const out = await checkSenderId(ctx);
    expect(out.result).toEqual({ result: 'permerror', pra: null, domain: null, record: null, scope: null });
    expect(out.findings).toEqual([{ id: 'senderId.no-pra', params: { field: 'From', value: null } }]);
    expect(ctx.dns.stats().queries).toBe(0);
  });
});
