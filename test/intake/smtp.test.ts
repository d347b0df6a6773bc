/** The SMTP intake over real SMTP on loopback: nodemailer where it can, a raw socket where it cannot. */
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectionKey,
  libraryRejectionReason,
  normalizeDomain,
  splitAddress,
} from '../../src/intake/smtp.js';
import { LIMITS } from '../../src/limits.js';
import type { Store } from '../../src/store/types.js';
import { RawSmtpClient } from './smtp-client.js';
import { DOMAIN, simpleMessage, startIntake, type Intake } from './support.js';

let intake: Intake | null = null;
const clients: RawSmtpClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await intake?.close();
  intake = null;
});

async function start(...args: Parameters<typeof startIntake>): Promise<Intake> {
  intake = await startIntake(...args);
  return intake;
}

/** A raw session up to a 250 EHLO (its reply lines returned). */
async function session(port: number, options: { proxyHeader?: string; helo?: string } = {}) {
  const client = await RawSmtpClient.connect(port, options);
  clients.push(client);
  const greeting = await client.reply();
  expect(greeting.code).toBe(220);
  const ehlo = await client.command(`EHLO ${options.helo ?? 'client.example'}`);
  expect(ehlo.code).toBe(250);
  return { client, greeting, ehlo };
}

function transport(port: number, tls: 'none' | 'required', extra: Record<string, unknown> = {}) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    name: 'client.example',
    ignoreTLS: tls === 'none',
    requireTLS: tls === 'required',
    tls: { rejectUnauthorized: false, ...extra },
  });
}

describe('SMTP intake: delivery', () => {
  it('stores a message sent without STARTTLS before the 250, with its envelope, then wakes the worker', async () => {
    const { port, store, worker, events, newTest, received } = await start();
    const test = await newTest();
    const raw = simpleMessage(test.address);
    const info = await transport(port, 'none').sendMail({
      envelope: { from: 'bounce@example.org', to: [test.address] },
      raw,
    });
    expect(info.response).toMatch(/^250 2\.6\.0 /);

    const messages = await store.listMessages(test.id);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.envelope).toEqual({
      clientIp: '127.0.0.1',
      helo: 'client.example',
      mailFrom: 'bounce@example.org',
      rcptTo: [test.address],
      tls: null,
    });
    expect(message!.status).toBe('queued');
    expect(await store.getRaw(message!.id)).toEqual(raw);
    expect(worker.wakes).toBe(1);
    expect(events).toEqual([{ testId: test.id, state: 'received', messageId: message!.id }]);
    expect(await received()).toBe(1);
  });

  it('records the TLS protocol and cipher nodemailer negotiated with STARTTLS (TLS 1.2, a chosen cipher)', async () => {
    const { port, store, newTest } = await start();
    const test = await newTest();
    const cipher = 'ECDHE-RSA-AES128-GCM-SHA256';
    await transport(port, 'required', {
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: cipher,
    }).sendMail({
      envelope: { from: 'bounce@example.org', to: [test.address] },
      raw: simpleMessage(test.address),
    });
    const [message] = await store.listMessages(test.id);
    expect(message!.envelope.tls).toEqual({ protocol: 'TLSv1.2', cipher });
  });

  it("records exactly what the client's TLS socket negotiated (TLS 1.3), and forgets the plain-text HELO", async () => {
    const { port, store, newTest } = await start();
    const test = await newTest();
    const { client, ehlo } = await session(port, { helo: 'before-tls.example' });
    expect(ehlo.lines).toContain('STARTTLS');
    const secure = await client.startTls();
    const again = await client.command('EHLO after-tls.example');
    expect(again.lines).not.toContain('STARTTLS');
    expect((await client.command('MAIL FROM:<a@example.org>')).code).toBe(250);
    expect((await client.command(`RCPT TO:<${test.address}>`)).code).toBe(250);
    expect((await client.data(simpleMessage(test.address))).code).toBe(250);

    const [message] = await store.listMessages(test.id);
    expect(secure.getProtocol()).toBe('TLSv1.3');
    expect(message!.envelope.tls).toEqual({
      protocol: secure.getProtocol(),
      cipher: secure.getCipher().name,
    });
    expect(message!.envelope.helo).toBe('after-tls.example');
  });

  it('still gives TLS to an outdated TLS 1.0 client, so its report can say so', async () => {
    const { port, store, newTest } = await start();
    const test = await newTest();
    const { client } = await session(port);
    const secure = await client.startTls({
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    await client.command('EHLO client.example');
    await client.command('MAIL FROM:<a@example.org>');
    await client.command(`RCPT TO:<${test.address}>`);
    expect((await client.data(simpleMessage(test.address))).code).toBe(250);
    const [message] = await store.listMessages(test.id);
    expect(message!.envelope.tls).toEqual({ protocol: 'TLSv1', cipher: secure.getCipher().name });
  });

  it('advertises SIZE, STARTTLS, 8BITMIME, SMTPUTF8 and enhanced status codes, and no AUTH', async () => {
    const { port, config } = await start({ hostname: 'mx.mailscore.test' });
    const { greeting, ehlo } = await session(port);
    expect(greeting.text).toMatch(/^mx\.mailscore\.test ESMTP/);
    expect(ehlo.lines).toEqual(
      expect.arrayContaining([
        '8BITMIME',
        'SMTPUTF8',
        'ENHANCEDSTATUSCODES',
        'STARTTLS',
        `SIZE ${config.maxMessageBytes}`,
      ]),
    );
    expect(ehlo.lines.some((line) => line.startsWith('AUTH'))).toBe(false);
    const client = clients[0]!;
    expect((await client.command('AUTH PLAIN AGZvbwBiYXI=')).code).toBe(500);
  });

  it('greets with the domain when no hostname is set', async () => {
    const { port } = await start();
    const { greeting } = await session(port);
    expect(greeting.text).toMatch(new RegExp(`^${DOMAIN.replace('.', '\\.')} ESMTP`));
  });

  it('accepts the null sender', async () => {
    const { port, store, newTest } = await start();
    const test = await newTest();
    const { client } = await session(port);
    expect((await client.command('MAIL FROM:<>')).code).toBe(250);
    expect((await client.command(`RCPT TO:<${test.address}>`)).code).toBe(250);
    expect((await client.data(simpleMessage(test.address))).code).toBe(250);
    const [message] = await store.listMessages(test.id);
    expect(message!.envelope.mailFrom).toBe('');
  });

  it('stores one message per test when several test addresses are recipients, each with every RCPT', async () => {
    const { port, store, worker, newTest, received } = await start();
    const [a, b] = [await newTest(), await newTest()];
    // Case does not matter in the local part or the domain; a repeated address is one recipient.
    const shouted = `${a.localPart.toUpperCase()}@${DOMAIN.toUpperCase()}`;
    await transport(port, 'none').sendMail({
      envelope: { from: 'bounce@example.org', to: [shouted, b.address, a.address] },
      raw: simpleMessage(`${a.address}, ${b.address}`),
    });
    const [ma] = await store.listMessages(a.id);
    const [mb] = await store.listMessages(b.id);
    expect(ma!.envelope.rcptTo).toEqual([a.address, b.address]);
    expect(mb!.envelope.rcptTo).toEqual(ma!.envelope.rcptTo);
    expect(ma!.id).not.toBe(mb!.id);
    expect(await received()).toBe(2);
    expect(worker.wakes).toBe(1);
  });

  it('takes several messages on one connection, each its own transaction', async () => {
    const { port, store, newTest } = await start();
    const [a, b] = [await newTest(), await newTest()];
    const { client } = await session(port);
    for (const test of [a, b]) {
      expect((await client.command('MAIL FROM:<x@example.org>')).code).toBe(250);
      expect((await client.command(`RCPT TO:<${test.address}>`)).code).toBe(250);
      expect((await client.data(simpleMessage(test.address))).code).toBe(250);
    }
    expect((await store.listMessages(a.id))[0]!.envelope.rcptTo).toEqual([a.address]);
    expect((await store.listMessages(b.id))[0]!.envelope.rcptTo).toEqual([b.address]);
  });
});

describe('SMTP intake: refusals', () => {
  it('answers 550 5.1.1 for an unknown, malformed or expired test address', async () => {
    const { port, newTest, rejections } = await start();
    const expired = await newTest({ expiresInMs: -1000 });
    const { client } = await session(port);
    expect((await client.command('MAIL FROM:<x@example.org>')).code).toBe(250);
    for (const rcpt of [`nobody@${DOMAIN}`, expired.address, 'postmaster', `${'a'.repeat(65)}@${DOMAIN}`]) {
      const reply = await client.command(`RCPT TO:<${rcpt}>`);
      expect(reply.code, rcpt).toBe(550);
      expect(reply.text, rcpt).toMatch(/^5\.1\.1 /);
    }
    expect(await rejections('unknown_recipient')).toBe(4);
    // nodemailer sees the same
    await expect(
      transport(port, 'none').sendMail({
        envelope: { from: 'a@example.org', to: [`x@${DOMAIN}`] },
        raw: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it('answers 552 5.2.2 once a test address has received its limit of messages', async () => {
    const { port, newTest, store, rejections } = await start();
    const test = await newTest();
    const envelope = {
      clientIp: '192.0.2.9',
      helo: 'x',
      mailFrom: 'a@example.org',
      rcptTo: [test.address],
      tls: null,
    };
    for (let i = 0; i < LIMITS.maxMessagesPerTest; i++) {
      await store.addMessage(test.id, envelope, Buffer.from(`Subject: ${i}\r\n\r\nx\r\n`), new Date());
    }
    const { client } = await session(port);
    expect((await client.command('MAIL FROM:<x@example.org>')).code).toBe(250);
    const reply = await client.command(`RCPT TO:<${test.address}>`);
    expect(reply.code).toBe(552);
    expect(reply.text).toMatch(/^5\.2\.2 /);
    expect(await store.countMessages(test.id)).toBe(LIMITS.maxMessagesPerTest);
    expect(await rejections('test_full')).toBe(1);
  });

  it('closes a session that keeps guessing addresses', async () => {
    const { port, rejections } = await start();
    const { client } = await session(port);
    await client.command('MAIL FROM:<x@example.org>');
    for (let i = 1; i < 20; i++)
      expect((await client.command(`RCPT TO:<guess${i}@${DOMAIN}>`)).code).toBe(550);
    const last = await client.command(`RCPT TO:<guess20@${DOMAIN}>`);
    expect([last.code, last.text.slice(0, 6)]).toEqual([421, '4.7.0 ']);
    expect(await client.waitClosed()).toBe(true);
    expect(await rejections('too_many_errors')).toBe(1);
  });

  it('never relays: another domain is 550 5.7.1, and DATA without a recipient is refused', async () => {
    const { port, rejections } = await start();
    const { client } = await session(port);
    expect((await client.command('MAIL FROM:<x@example.org>')).code).toBe(250);
    for (const rcpt of [
      'victim@example.com',
      `x@sub.${DOMAIN}`,
      'x@[127.0.0.1]',
      `x@${DOMAIN}.evil.example`,
    ]) {
      const reply = await client.command(`RCPT TO:<${rcpt}>`);
      expect(reply.code, rcpt).toBe(550);
      expect(reply.text, rcpt).toMatch(/^5\.7\.1 Relay access denied/);
    }
    expect((await client.command('DATA')).code).toBe(503);
    expect(await rejections('relay_denied')).toBe(4);
  });

  it('answers 452 4.5.3 past the recipient limit (a repeated address does not count twice)', async () => {
    const { port, store, newTest, rejections } = await start({ maxRecipients: '2' });
    const tests = [await newTest(), await newTest(), await newTest()];
    const { client } = await session(port);
    await client.command('MAIL FROM:<x@example.org>');
    expect((await client.command(`RCPT TO:<${tests[0]!.address}>`)).code).toBe(250);
    expect((await client.command(`RCPT TO:<${tests[1]!.address}>`)).code).toBe(250);
    const third = await client.command(`RCPT TO:<${tests[2]!.address}>`);
    expect([third.code, third.text.slice(0, 6)]).toEqual([452, '4.5.3 ']);
    expect((await client.command(`RCPT TO:<${tests[0]!.address}>`)).code).toBe(250);
    expect((await client.data(simpleMessage('x'))).code).toBe(250);
    expect(await store.listMessages(tests[2]!.id)).toEqual([]);
    expect(await rejections('too_many_recipients')).toBe(1);
  });

  it('answers 552 5.3.4 to a declared SIZE over the limit, before any data', async () => {
    const { port, rejections } = await start({ maxMessageBytes: '2048' });
    const { client } = await session(port);
    const reply = await client.command('MAIL FROM:<x@example.org> SIZE=4096');
    expect([reply.code, reply.text.slice(0, 6)]).toEqual([552, '5.3.4 ']);
    expect((await client.command('MAIL FROM:<x@example.org> SIZE=1000')).code).toBe(250);
    expect(await rejections('message_too_big')).toBe(1);
  });

  it('answers 552 5.3.4 at the end of DATA to an undeclared oversize message, stores nothing, and the session goes on', async () => {
    const { port, store, newTest, worker, rejections } = await start({ maxMessageBytes: '2048' });
    const test = await newTest();
    const { client } = await session(port);
    await client.command('MAIL FROM:<x@example.org>');
    await client.command(`RCPT TO:<${test.address}>`);
    const big = simpleMessage(test.address, { body: 'x'.repeat(70).concat('\r\n').repeat(40) });
    expect(big.length).toBeGreaterThan(2048);
    const reply = await client.data(big);
    expect([reply.code, reply.text.slice(0, 6)]).toEqual([552, '5.3.4 ']);
    expect(await store.listMessages(test.id)).toEqual([]);
    expect(worker.wakes).toBe(0);
    expect(await rejections('message_too_big')).toBe(1);

    await client.command('MAIL FROM:<x@example.org>');
    await client.command(`RCPT TO:<${test.address}>`);
    expect((await client.data(simpleMessage(test.address))).code).toBe(250);
    expect(await store.listMessages(test.id)).toHaveLength(1);

    // nodemailer (which does not declare SIZE for a raw message) gets the same refusal
    await expect(
      transport(port, 'none').sendMail({ envelope: { from: 'a@example.org', to: [test.address] }, raw: big }),
    ).rejects.toMatchObject({ responseCode: 552 });
  });

  it('a message at exactly the limit is accepted', async () => {
    const { port, store, newTest } = await start({ maxMessageBytes: '2048' });
    const test = await newTest();
    const head = simpleMessage(test.address, { body: '' });
    const exact = Buffer.concat([head, Buffer.from('y'.repeat(2048 - head.length - 2) + '\r\n')]);
    expect(exact.length).toBe(2048);
    const { client } = await session(port);
    await client.command('MAIL FROM:<x@example.org>');
    await client.command(`RCPT TO:<${test.address}>`);
    expect((await client.data(exact)).code).toBe(250);
    const [message] = await store.listMessages(test.id);
    expect(await store.getRaw(message!.id)).toEqual(exact);
  });

  it('closes a DATA transfer that goes on far past the limit instead of reading it without end', async () => {
    const { port, store, newTest } = await start({ maxMessageBytes: '2048' });
    const test = await newTest();
    const { client } = await session(port);
    await client.command('MAIL FROM:<x@example.org>');
    await client.command(`RCPT TO:<${test.address}>`);
    expect((await client.command('DATA')).code).toBe(354);
    const line = `${'z'.repeat(998)}\r\n`;
    for (let i = 0; i < 6 && !client.closed; i++) client.write(line);
    const reply = await client.reply();
    expect([reply.code, reply.text.slice(0, 6)]).toEqual([421, '4.3.4 ']);
    expect(await client.waitClosed()).toBe(true);
    expect(await store.listMessages(test.id)).toEqual([]);
  });

  it('answers 421 4.7.0 to a connection over the per-IP limit, and counts a closed one out', async () => {
    const { port, rejections } = await start({ maxConnectionsPerIp: '2' });
    const first = await session(port);
    await session(port);
    const third = await RawSmtpClient.connect(port);
    clients.push(third);
    const refused = await third.reply();
    expect([refused.code, refused.text.slice(0, 6)]).toEqual([421, '4.7.0 ']);
    expect(await third.waitClosed()).toBe(true);
    expect(await rejections('too_many_connections_per_ip')).toBe(1);

    // A place is free again once the server has seen the close (polled: a loaded machine may take a moment).
    first.client.close();
    let greeting = 0;
    for (let attempt = 0; attempt < 40 && greeting !== 220; attempt++) {
      const next = await RawSmtpClient.connect(port);
      clients.push(next);
      greeting = (await next.reply()).code;
      if (greeting !== 220) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(greeting).toBe(220);
  });

  it('answers 421 when the server-wide connection limit is reached', async () => {
    const { port, rejections } = await start({ maxConnections: '1' });
    await session(port);
    const second = await RawSmtpClient.connect(port);
    clients.push(second);
    expect((await second.reply()).code).toBe(421);
    expect(await rejections('too_many_connections')).toBe(1);
  });

  it('closes an idle session with 421 after the idle timeout', async () => {
    const { port, rejections } = await start({ smtpIdleSeconds: '1' });
    const { client } = await session(port);
    const started = Date.now();
    const reply = await client.reply(5_000);
    expect(reply.code).toBe(421);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await client.waitClosed()).toBe(true);
    expect(await rejections('idle_timeout')).toBe(1);
  });

  it('closes the session on a command line over the limit', async () => {
    const { port, rejections } = await start();
    const { client } = await session(port);
    const reply = await client.command(`MAIL FROM:<${'a'.repeat(3000)}@example.org>`);
    expect(reply.code).toBe(421);
    expect(await client.waitClosed()).toBe(true);
    expect(await rejections('line_too_long')).toBe(1);
  });

  it('answers 451 4.3.0 and never 250 when the message cannot be stored', async () => {
    const failing = (store: Store): Store =>
      new Proxy(store, {
        get(target, property, receiver) {
          if (property === 'addMessage') return async () => Promise.reject(new Error('disk full'));
          const value = Reflect.get(target, property, receiver) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const { port, store, newTest, worker, events, rejections } = await start({}, { wrapStore: failing });
    const test = await newTest();
    const { client } = await session(port);
    await client.command('MAIL FROM:<x@example.org>');
    await client.command(`RCPT TO:<${test.address}>`);
    const reply = await client.data(simpleMessage(test.address));
    expect([reply.code, reply.text.slice(0, 6)]).toEqual([451, '4.3.0 ']);
    expect(await store.listMessages(test.id)).toEqual([]);
    expect(worker.wakes).toBe(0);
    expect(events).toEqual([]);
    expect(await rejections('storage_failure')).toBe(1);
    await expect(
      transport(port, 'none').sendMail({
        envelope: { from: 'a@example.org', to: [test.address] },
        raw: simpleMessage(test.address),
      }),
    ).rejects.toMatchObject({ responseCode: 451 });
  });
});

describe('SMTP intake: PROXY protocol', () => {
  it('takes the client IP from the PROXY header, and counts connections per proxied IP', async () => {
    const { port, store, newTest } = await start({ smtpProxyProtocol: true, maxConnectionsPerIp: '1' });
    const test = await newTest();
    const header = (ip: string) => `PROXY TCP4 ${ip} 127.0.0.1 40000 25\r\n`;
    const { client } = await session(port, { proxyHeader: header('203.0.113.7') });
    await client.command('MAIL FROM:<x@example.org>');
    await client.command(`RCPT TO:<${test.address}>`);
    expect((await client.data(simpleMessage(test.address))).code).toBe(250);
    const [message] = await store.listMessages(test.id);
    expect(message!.envelope.clientIp).toBe('203.0.113.7');

    // Another proxied client through the same balancer gets its own count; the same one does not.
    await session(port, { proxyHeader: header('198.51.100.9') });
    const same = await RawSmtpClient.connect(port, { proxyHeader: header('203.0.113.7') });
    clients.push(same);
    expect((await same.reply()).code).toBe(421);
  });

  it('refuses a connection without the header when the PROXY protocol is on', async () => {
    const { port } = await start({ smtpProxyProtocol: true });
    const client = await RawSmtpClient.connect(port);
    clients.push(client);
    client.write('EHLO client.example\r\n');
    expect(await client.waitClosed()).toBe(true);
  });
});

describe('SMTP intake: helpers', () => {
  it('splits addresses at the last @', () => {
    expect(splitAddress('a@b.example')).toEqual({ localPart: 'a', domain: 'b.example' });
    expect(splitAddress('"x@y"@b.example')).toEqual({ localPart: '"x@y"', domain: 'b.example' });
    expect(splitAddress('postmaster')).toBeNull();
    expect(splitAddress('@b.example')).toBeNull();
    expect(splitAddress('a@')).toBeNull();
  });

  it('compares domains in lower-case A-label form', () => {
    expect(normalizeDomain('MailScore.Test.')).toBe('mailscore.test');
    expect(normalizeDomain('bücher.example')).toBe('xn--bcher-kva.example');
    expect(normalizeDomain('[127.0.0.1]')).not.toBe(normalizeDomain('localhost'));
  });

  it('counts IPv6 clients per /64 and IPv4-mapped clients as IPv4', () => {
    expect(connectionKey('2001:db8:1:2:3:4:5:6')).toBe(connectionKey('2001:db8:1:2:ffff::1'));
    expect(connectionKey('2001:db8:1:2::1')).not.toBe(connectionKey('2001:db8:1:3::1'));
    expect(connectionKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it("names smtp-server's own refusals", () => {
    expect(libraryRejectionReason(552, 'Error: message exceeds', 'MESSAGE_TOO_BIG')).toBe('message_too_big');
    expect(libraryRejectionReason(421, 'Timeout - closing connection', undefined)).toBe('idle_timeout');
    expect(libraryRejectionReason(503, 'Error: need RCPT command', undefined)).toBe('protocol');
  });
});
