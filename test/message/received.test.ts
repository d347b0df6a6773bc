/**
 * Received fields as each MTA writes them (samples written from the MTAs' documented formats: Postfix
 * smtpd, Exim's $sender_rcvhost and received_header_text, Sendmail's $_ and TLS macros, Microsoft
 * Exchange / Microsoft 365, Gmail, qmail-smtpd), and hostile fields: the parser never throws and stays
 * linear.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import {
  addressOf,
  normalizeTlsVersion,
  parseReceived,
  receivedChain,
  type ReceivedHop,
} from '../../src/message/received.js';
import { parseMessage } from '../../src/message/parse.js';

const JAN7 = Date.UTC(2025, 0, 7, 10, 0, 1);

type Expected = {
  from?: Partial<NonNullable<ReceivedHop['from']>> | null;
  by?: Partial<NonNullable<ReceivedHop['by']>> | null;
  tls?: Partial<ReceivedHop['tls']>;
} & Partial<Omit<ReceivedHop, 'from' | 'by' | 'tls'>>;

const CASES: Array<[string, string, Expected]> = [
  [
    'Postfix, TLS 1.3, verified reverse DNS',
    'from mail.example.com (mail.example.com [192.0.2.10]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256) (No client certificate requested) by mx.example.net (Postfix) with ESMTPS id 4YSgQk1b2cz9sRt for <user@example.net>; Tue, 7 Jan 2025 10:00:01 +0000 (UTC)',
    {
      from: {
        name: 'mail.example.com',
        helo: 'mail.example.com',
        rdns: 'mail.example.com',
        ip: '192.0.2.10',
      },
      by: { host: 'mx.example.net', software: 'Postfix', ip: null },
      with: 'ESMTPS',
      id: '4YSgQk1b2cz9sRt',
      for: 'user@example.net',
      tls: { encrypted: true, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
      authenticated: false,
      date: 'Tue, 7 Jan 2025 10:00:01 +0000',
      time: JAN7,
    },
  ],
  [
    'Postfix, no reverse DNS, no TLS',
    'from helo.example (unknown [198.51.100.23]) by mx.example.net (Postfix) with ESMTP id 4YSgQk; Tue, 7 Jan 2025 10:00:01 +0000',
    {
      from: { name: 'helo.example', helo: 'helo.example', rdns: null, ip: '198.51.100.23' },
      tls: { encrypted: false, protocol: null, cipher: null },
    },
  ],
  [
    'Postfix, IPv6 literal',
    'from mail.example.com (mail.example.com [IPv6:2001:db8::25]) by mx.example.net (Postfix) with ESMTPS id 4YSgQk; Tue, 7 Jan 2025 10:00:01 +0000',
    { from: { ip: '2001:db8::25', rdns: 'mail.example.com' }, tls: { encrypted: true, protocol: null } },
  ],
  [
    'Postfix, authenticated submission from behind NAT',
    'from [192.168.1.20] (host-198-51-100-9.isp.example [198.51.100.9]) (Authenticated sender: alice@example.com) by smtp.example.com (Postfix) with ESMTPSA id 4YSgQk; Tue, 7 Jan 2025 10:00:01 +0000',
    {
      from: {
        name: '[192.168.1.20]',
        helo: '[192.168.1.20]',
        rdns: 'host-198-51-100-9.isp.example',
        ip: '198.51.100.9',
      },
      authenticated: true,
      tls: { encrypted: true },
    },
  ],
  [
    'Postfix, local submission (no from clause)',
    'by mail.example.com (Postfix, from userid 1000) id 4YSgQk; Tue, 7 Jan 2025 10:00:01 +0000',
    {
      from: null,
      by: { host: 'mail.example.com', software: 'Postfix, from userid 1000' },
      tls: { encrypted: null },
      time: JAN7,
    },
  ],
  [
    'Exim 4.93+, verified name, port and HELO, TLS 1.3',
    'from mail.example.com ([192.0.2.10]:41234 helo=smtp.example.com) by mx.example.org with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.97) (envelope-from <bounce@example.com>) id 1tV2aB-00AbCd-3e for user@example.org; Tue, 07 Jan 2025 10:00:01 +0000',
    {
      from: {
        name: 'mail.example.com',
        helo: 'smtp.example.com',
        rdns: 'mail.example.com',
        ip: '192.0.2.10',
      },
      by: { host: 'mx.example.org', software: null },
      with: 'esmtps',
      id: '1tV2aB-00AbCd-3e',
      for: 'user@example.org',
      tls: { encrypted: true, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
      time: JAN7,
    },
  ],
  [
    'Exim before 4.93, no verified name, TLS in one comment',
    'from [192.0.2.10] (port=50022 helo=mail.example.com) by mx.example.org with esmtps (TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256) (Exim 4.92) (envelope-from <a@example.com>) id 1hXyZ-0001aB-Cd; Tue, 07 Jan 2025 10:00:01 +0000',
    {
      from: { name: '[192.0.2.10]', helo: 'mail.example.com', rdns: null, ip: '192.0.2.10' },
      tls: { encrypted: true, protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384' },
    },
  ],
  [
    'Exim, IPv6, no TLS, authenticated',
    'from mail.example.com ([2001:db8:5::25]:50022 helo=mail.example.com) by mx.example.org with esmtpa (Exim 4.96) (envelope-from <a@example.com>) id 1hXyZ-0001aB-Cd; Tue, 07 Jan 2025 10:00:01 +0000',
    {
      from: { ip: '2001:db8:5::25', rdns: 'mail.example.com' },
      tls: { encrypted: false },
      authenticated: true,
    },
  ],
  [
    'Sendmail, TLS in the id clause',
    'from mail.example.com (mail.example.com [192.0.2.10]) by mx.example.net (8.18.1/8.18.1) with ESMTPS id 507A01b2003456 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT) for <user@example.net>; Tue, 7 Jan 2025 10:00:01 GMT',
    {
      from: { helo: 'mail.example.com', rdns: 'mail.example.com', ip: '192.0.2.10' },
      by: { host: 'mx.example.net', software: '8.18.1/8.18.1' },
      id: '507A01b2003456',
      tls: { encrypted: true, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
      time: JAN7,
    },
  ],
  [
    'Sendmail, a reverse name that did not confirm',
    'from helo.example (ptr.example [198.51.100.4] (may be forged)) by mx.example.net (8.18.1/8.18.1) with ESMTP id 507A01; Tue, 7 Jan 2025 10:00:01 +0000',
    { from: { helo: 'helo.example', rdns: null, ip: '198.51.100.4' }, authenticated: false },
  ],
  [
    'Sendmail, authenticated',
    'from client.example ([198.51.100.4]) (authenticated bits=0) by smtp.example.net (8.18.1/8.18.1) with ESMTP id 507A01; Tue, 7 Jan 2025 10:00:01 +0000',
    { from: { helo: 'client.example', rdns: null, ip: '198.51.100.4' }, authenticated: true },
  ],
  [
    'Microsoft 365, the edge server receiving from the Internet',
    'from mail.example.com (192.0.2.10) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.71) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8314.11 via Frontend Transport; Tue, 7 Jan 2025 10:00:01 +0000',
    {
      from: { name: 'mail.example.com', helo: 'mail.example.com', rdns: null, ip: '192.0.2.10' },
      by: { host: 'AM4PEPF00027A5F.mail.protection.outlook.com', ip: '10.167.16.71', software: null },
      with: 'Microsoft SMTP Server',
      id: '15.20.8314.11',
      via: 'Frontend Transport',
      tls: { encrypted: true, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
      time: JAN7,
    },
  ],
  [
    'Microsoft 365, an internal hop between its own servers (IPv6)',
    'from AM0PR02CA0078.eurprd02.prod.outlook.com (2603:10a6:208:154::19) by DB9PR10MB7240.EURPRD10.PROD.OUTLOOK.COM (2603:10a6:10:2d1::11) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8314.11; Tue, 7 Jan 2025 10:00:02 +0000',
    {
      from: { name: 'AM0PR02CA0078.eurprd02.prod.outlook.com', ip: '2603:10a6:208:154::19' },
      by: { ip: '2603:10a6:10:2d1::11' },
      tls: { encrypted: true, protocol: 'TLSv1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' },
    },
  ],
  [
    'Exchange Server on premises, without TLS',
    'from EX01.corp.example.com (10.1.2.3) by EX02.corp.example.com (10.1.2.4) with Microsoft SMTP Server id 15.2.1544.4; Tue, 7 Jan 2025 10:00:01 +0000',
    { from: { ip: '10.1.2.3' }, by: { ip: '10.1.2.4' }, tls: { encrypted: false, protocol: null } },
  ],
  [
    'Gmail receiving from the Internet',
    'from mail.example.com (mail.example.com. [192.0.2.10]) by mx.google.com with ESMTPS id 5b1f17b1804b1-4367c3a0a01si1234567f8f.123.2025.01.07.02.00.01 for <user@gmail.com> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 07 Jan 2025 02:00:01 -0800 (PST)',
    {
      from: {
        name: 'mail.example.com',
        helo: 'mail.example.com',
        rdns: 'mail.example.com',
        ip: '192.0.2.10',
      },
      by: { host: 'mx.google.com' },
      for: 'user@gmail.com',
      tls: { encrypted: true, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
      date: 'Tue, 07 Jan 2025 02:00:01 -0800',
      time: JAN7,
    },
  ],
  [
    "Gmail's internal hand-off (no from clause)",
    'by 2002:a05:6a10:8c0d:b0:5a1:2b3c:4d5e with SMTP id d13csp1234567pxz; Tue, 7 Jan 2025 02:00:02 -0800 (PST)',
    {
      from: null,
      by: { host: '2002:a05:6a10:8c0d:b0:5a1:2b3c:4d5e' },
      with: 'SMTP',
      tls: { encrypted: false },
    },
  ],
  [
    'Gmail submission from a client behind NAT',
    'from [192.168.1.10] ([198.51.100.7]) by smtp.gmail.com with ESMTPSA id a1b2c3d4e5f6.12.2025.01.07.02.00.00 for <friend@example.net> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 07 Jan 2025 02:00:00 -0800 (PST)',
    {
      from: { name: '[192.168.1.10]', helo: '[192.168.1.10]', rdns: null, ip: '198.51.100.7' },
      authenticated: true,
      tls: { encrypted: true, protocol: 'TLSv1.3' },
    },
  ],
  [
    'qmail, no reverse DNS',
    'from unknown (HELO mail.example.com) (192.0.2.10) by mx.example.net with SMTP; 7 Jan 2025 10:00:01 -0000',
    {
      from: { name: 'unknown', helo: 'mail.example.com', rdns: null, ip: '192.0.2.10' },
      by: { host: 'mx.example.net' },
      tls: { encrypted: false },
      time: JAN7,
    },
  ],
  [
    'qmail, reverse DNS, HELO and the ident user',
    'from mail.example.com (HELO smtp) (postmaster@192.0.2.10) by mx.example.net with ESMTPS; 7 Jan 2025 10:00:01 -0000',
    { from: { helo: 'smtp', rdns: 'mail.example.com', ip: '192.0.2.10' }, tls: { encrypted: true } },
  ],
  [
    'qmail, a local injection',
    '(qmail 12345 invoked from network); 7 Jan 2025 10:00:01 -0000',
    { from: null, by: null, with: null, time: JAN7 },
  ],
  [
    'an IPv4-mapped IPv6 literal',
    'from mail.example.com (mail.example.com [IPv6:::ffff:192.0.2.10]) by mx.example.net with ESMTP; Tue, 7 Jan 2025 10:00:01 +0000',
    { from: { ip: '::ffff:192.0.2.10' } },
  ],
];

describe('one Received field, as each MTA writes it', () => {
  it.each(CASES)('%s', (_, value, expected) => {
    expect(parseReceived(value, 3)).toMatchObject({ index: 3, ...expected });
  });
});

describe('hostile fields: never throws, stays bounded and fast', () => {
  const hostile: Array<[string, string]> = [
    ['empty', ''],
    ['only semicolons', ';;;;'],
    ['an unclosed comment', 'from a (b [192.0.2.1] by c'],
    ['unbalanced closers', 'from a ) ) ) by b ))); date'],
    ['keywords only', 'from from from by by with with id id for for; ;'],
    ['a million open parentheses', '('.repeat(1_000_000)],
    ['a million words', 'from '.repeat(200_000)],
    [
      'nested comments',
      `from a ${'('.repeat(5000)}x${')'.repeat(5000)} by b; Tue, 7 Jan 2025 10:00:01 +0000`,
    ],
    ['an unclosed angle address', 'from a by b for <x'.padEnd(100_000, 'x')],
    ['a bad address', 'from a ([999.1.1.1]) by b; x'],
    ['terminal escapes', 'from \x1b[31mevil\x07 (evil [192.0.2.1]) by b; Tue, 7 Jan 2025 10:00:01 +0000'],
  ];
  it.each(hostile)('%s', (_, value) => {
    const started = performance.now();
    const hop = parseReceived(value);
    expect(performance.now() - started).toBeLessThan(200);
    expect(hop.text.length).toBeLessThanOrEqual(LIMITS.receivedFieldChars);
    expect(hop.truncated).toBe(value.length > LIMITS.receivedFieldChars);
    expect(hop.text).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f]/);
    expect(JSON.stringify(hop).length).toBeLessThan(3 * LIMITS.receivedFieldChars);
  });

  it('reads a bad address as none', () => {
    expect(parseReceived('from a ([999.1.1.1]) by b; x').from).toMatchObject({ ip: null, helo: 'a' });
  });

  it('takes only the first LIMITS.maxReceivedFields fields of a message, topmost first', async () => {
    const fields = Array.from(
      { length: 1500 },
      (_, i) =>
        `Received: from h${i}.example (h${i}.example [10.0.${i >> 8}.${i & 255}]) by mx.example.net with ESMTP id ${i}; Tue, 7 Jan 2025 10:00:01 +0000`,
    );
    const raw = Buffer.from(`${fields.join('\r\n')}\r\nFrom: a@example.com\r\n\r\nbody\r\n`);
    const started = performance.now();
    const chain = receivedChain(await parseMessage(raw));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(chain.total).toBe(1500);
    expect(chain.hops).toHaveLength(LIMITS.maxReceivedFields);
    expect(chain.hops[0]).toMatchObject({ index: 1, from: { helo: 'h0.example', ip: '10.0.0.0' } });
    expect(chain.hops.at(-1)!.index).toBe(LIMITS.maxReceivedFields);
  });
});

describe('helpers', () => {
  it('reads a folded field as one line, with single spaces', async () => {
    const raw = Buffer.from(
      'Received: from mail.example.com (mail.example.com. [192.0.2.10])\r\n        by mx.google.com with ESMTPS id abc\r\n\tfor <u@gmail.com>;\r\n        Tue, 07 Jan 2025 02:00:01 -0800 (PST)\r\nFrom: a@example.com\r\n\r\nx\r\n',
    );
    const [hop] = receivedChain(await parseMessage(raw)).hops;
    expect(hop!.text).toBe(
      'from mail.example.com (mail.example.com. [192.0.2.10]) by mx.google.com with ESMTPS id abc for <u@gmail.com>; Tue, 07 Jan 2025 02:00:01 -0800 (PST)',
    );
    expect(hop).toMatchObject({ for: 'u@gmail.com', time: JAN7 });
  });

  it.each([
    ['TLS1_3', 'TLSv1.3'],
    ['TLSv1.2', 'TLSv1.2'],
    ['TLS1.1', 'TLSv1.1'],
    ['TLS1.0', 'TLSv1'],
    ['tlsv1', 'TLSv1'],
    ['SSLv3', 'SSLv3'],
    ['TLS2', null],
    ['banana', null],
  ])('TLS version %s → %s', (raw, expected) => expect(normalizeTlsVersion(raw)).toBe(expected));

  it.each([
    ['[192.0.2.1]', '192.0.2.1'],
    ['IPv6:2001:db8::1', '2001:db8::1'],
    ['[IPv6:fe80::1%eth0]', 'fe80::1'],
    ['mail.example.com', null],
    ['[256.0.0.1]', null],
  ])('address %s → %s', (text, expected) => expect(addressOf(text)).toBe(expected));
});
